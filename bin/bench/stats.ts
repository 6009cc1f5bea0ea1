/** Small statistics and formatting helpers for the benchmark. */

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of a non-empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  const ordered = sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * ordered.length));
  return ordered[Math.min(rank, ordered.length) - 1]!;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty sample');
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  return ordered.length % 2 ? ordered[middle]! : (ordered[middle - 1]! + ordered[middle]!) / 2;
}

export const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);
export const ratio = (value: number) => `${value.toFixed(2)}x`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** "met (headroom 12%)" or "missed by 35%" for a value that must stay at or under a limit. */
export function verdict(value: number, limit: number): { met: boolean; text: string } {
  if (value <= limit) return { met: true, text: `met (${((1 - value / limit) * 100).toFixed(0)}% under the limit)` };
  return { met: false, text: `missed by ${((value / limit - 1) * 100).toFixed(0)}%` };
}

/** A fixed-width text table for the terminal. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** Runs `fn` on `items` with at most `limit` in flight. */
export async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

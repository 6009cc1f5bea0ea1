/**
 * Lays one benchmark run out for the terminal and for docs/performance.md: the run's machine
 * and load, the targets table (every part's target rows), then each part's sections, then
 * what stands behind each target row. Parts word their own rows (bin/bench/part.ts).
 */
import type { PartReport, TargetRow } from './part.js';
import { markdownTable, textTable } from './stats.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export interface BenchResults {
  startedAt: Date;
  durationSeconds: number;
  machine: Machine;
  loadAverage: { before: number[]; after: number[] };
  phases: { name: string; seconds: number }[];
  knobs: Record<string, number>;
  parts: { name: string; report: PartReport }[];
}

const loadText = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
const targetsOf = (results: BenchResults): TargetRow[] => results.parts.flatMap((part) => part.report.targets);
const status = (row: TargetRow) => (row.met ? 'met' : 'missed');

export function terminalReport(results: BenchResults): string {
  const out: string[] = [];
  for (const { report } of results.parts) {
    for (const section of report.sections) out.push(`\n${section.title}\n${textTable(section.header, section.rows)}`);
  }
  out.push(
    `\nTargets\n${textTable(
      ['row', 'target', 'measured', 'verdict'],
      targetsOf(results).map((t) => [t.row, t.target, t.measured, t.verdict]),
    )}`,
  );
  out.push(
    `\n${results.machine.cores} cores (${results.machine.cpu}), Node ${results.machine.node}; load average before ${loadText(results.loadAverage.before)}, ` +
      `after ${loadText(results.loadAverage.after)}; ${results.durationSeconds.toFixed(0)} s in all.`,
  );
  return out.join('\n');
}

export function markdownReport(results: BenchResults): string {
  const { machine } = results;
  const knobs = Object.entries(results.knobs)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const out: string[] = [
    '# Performance',
    '',
    'Written by `npm run bench` (bin/bench.ts); every run overwrites this file. All figures below come from one run.',
    '',
    '## Machine and run',
    '',
    `- Date: ${results.startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB.toFixed(0)} GiB memory, ${machine.platform}`,
    `- Node ${machine.node}`,
    `- Load average (1 / 5 / 15 min) before: ${loadText(results.loadAverage.before)}; after: ${loadText(results.loadAverage.after)}. ` +
      `With ${machine.cores} cores, a load above ${machine.cores} means other work (other engineers' builds and test runs) was competing for the cores during the run, ` +
      'which adds noise and inflates absolute times; ratios measured within the run (interleaved) are the more robust figures.',
    '- Everything runs on this one machine: the local runtime (`startLocal` in a temp dir: DynamoDB Local, s3rver with its key index, cognito-local, ' +
      "aws-ses-v2-local, the API Gateway stand-in and one Lambda host process per function), the load generator, the AWS CLI and the fresh function processes. Absolute times are not Lambda's; the ratios are the point.",
    '- Sizes: KB = 1,024 bytes, MiB = 1,048,576 bytes; times in milliseconds of wall-clock time.',
    `- Settings: ${knobs}.`,
    `- Duration: ${results.durationSeconds.toFixed(0)} s (${results.phases.map((p) => `${p.name} ${p.seconds.toFixed(0)} s`).join(', ')}).`,
    '',
    '## Targets',
    '',
    markdownTable(
      ['row', 'target', 'measured', 'verdict'],
      targetsOf(results).map((t) => [t.row, t.target, t.measured, t.verdict]),
    ),
    '',
    'Each row is explained, with what was tried where it misses, under "Behind the targets" at the end.',
    '',
  ];
  let number = 0;
  for (const { report } of results.parts) {
    for (const section of report.sections) {
      out.push(`## ${++number}. ${section.title}`, '');
      if (section.intro) out.push(section.intro, '');
      out.push(markdownTable(section.header, section.rows), '');
      for (const note of section.notes ?? []) out.push(note, '');
    }
  }
  out.push('## Behind the targets', '');
  for (const t of targetsOf(results)) {
    out.push(
      `### ${status(t) === 'met' ? 'Met' : 'Missed'}: ${t.row} (${t.target})`,
      '',
      `- Measured: ${t.measured}`,
      `- Verdict: ${t.verdict}`,
      `- Why: ${t.why}`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

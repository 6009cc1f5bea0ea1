/**
 * Stack traces in the logs point at the TypeScript sources without `--enable-source-maps`:
 * a frame in a bundle (`file:///var/task/index.mjs:54:157685`) is rewritten with the bundle's
 * source map (`index.mjs.map` beside it) to `…/functions/lib/config.ts:35:36`. The map is read
 * on the first stack mapped, not at import, so only a function that logs an error pays for it
 * (measured in docs/performance.md), where Node's flag parses it on every cold start.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `    at name (file:line:column)`, `    at async name (…)` or `    at file:line:column`. */
const FRAME = /^(\s+at )(?:(.+?) \()?((?:file:\/\/)?\/[^():]+):(\d+):(\d+)(\)?)$/;

const maps = new Map<string, { map: SourceMap; dir: string } | null>();

function mapFor(file: string) {
  let found = maps.get(file);
  if (found === undefined) {
    try {
      const payload = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0];
      found = { map: new SourceMap(payload), dir: path.dirname(file) };
    } catch {
      // No map beside it (Node's own files, tsx in tests): the frame stays as it is.
      found = null;
    }
    maps.set(file, found);
  }
  return found;
}

function mapFrame(line: string): string {
  const match = FRAME.exec(line);
  if (!match) return line;
  const [, lead, name, location, row, column, close] = match as unknown as [
    string,
    string,
    string | undefined,
    string,
    string,
    string,
    string,
  ];
  const file = location.startsWith('file://') ? fileURLToPath(location) : location;
  const found = mapFor(file);
  if (!found) return line;
  // Stack positions count from 1; the map's from 0.
  const entry = found.map.findEntry(Number(row) - 1, Number(column) - 1);
  if (!('originalSource' in entry)) return line;
  const source = path.resolve(found.dir, entry.originalSource);
  const where = `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return name === undefined ? `${lead}${where}` : `${lead}${name} (${where}${close}`;
}

/** The stack with every bundled frame pointing at its source file, line and column. */
export function sourceMappedStack(stack: string): string {
  return stack.split('\n').map(mapFrame).join('\n');
}

const mapped = new WeakSet<Error>();

/** Rewrites the stack of an error (and of its causes) once, in place, before it is logged. */
export function mapErrorStack(error: Error): Error {
  for (let current: unknown = error; current instanceof Error && !mapped.has(current); current = current.cause) {
    mapped.add(current);
    if (typeof current.stack !== 'string') continue;
    try {
      Object.defineProperty(current, 'stack', { value: sourceMappedStack(current.stack), writable: true, configurable: true });
    } catch {
      // A frozen error keeps its bundled stack.
    }
  }
  return error;
}

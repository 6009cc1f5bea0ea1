/**
 * The logger's source mapping (functions/lib/stack-traces.ts) on a real esbuild bundle built
 * with the deploy's options: frames of the bundle name the TypeScript line, causes too,
 * and frames with no map beside them are left alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptionsFor } from '../../infra/bundling.js';
import { mapErrorStack, sourceMappedStack } from '../../functions/lib/stack-traces.js';

let dir: string;
let failing: { fail(): never; failWithCause(): never };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sharelink-stacks-'));
  const entry = path.join(dir, 'failing.ts');
  writeFileSync(
    entry,
    [
      'export function fail(): never {',
      "  throw new Error('inner');",
      '}',
      'export function failWithCause(): never {',
      '  try {',
      '    fail();',
      '  } catch (cause) {',
      "    throw new Error('outer', { cause });",
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  buildSync({ ...esbuildOptionsFor(entry, path.join(dir, 'out', 'index.mjs')), absWorkingDir: dir });
  failing = (await import(pathToFileURL(path.join(dir, 'out', 'index.mjs')).href)) as typeof failing;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caught = (fn: () => never): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
};

describe('source-mapped stacks in the logs', () => {
  it("rewrites the bundle's frames to the TypeScript file, line and column", () => {
    const error = mapErrorStack(caught(() => failing.fail()));
    const top = error.stack!.split('\n')[1];
    expect(top).toContain(`${path.join(dir, 'failing.ts')}:2:9`);
    expect(error.stack).not.toContain('index.mjs');
  });

  it('maps the causes of an error as well', () => {
    const error = mapErrorStack(caught(() => failing.failWithCause()));
    expect(error.stack!.split('\n')[1]).toContain('failing.ts:8:11');
    expect((error.cause as Error).stack!.split('\n')[1]).toContain('failing.ts:2:9');
  });

  it('leaves frames alone when no map is beside their file, and lines that are not frames', () => {
    const stack = ['Error: boom', '    at run (/nowhere/app.mjs:3:7)', '    at node:internal/main:1:1', 'not a frame'].join('\n');
    expect(sourceMappedStack(stack)).toBe(stack);
  });
});

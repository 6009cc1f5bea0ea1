/**
 * Bundles Lambda handlers with the deploy's esbuild options (infra/bundling.ts), so
 * `npm start` runs the code that would be deployed, minified and all.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/bundling.js';

/**
 * One esbuild run for all handlers: the options are exactly esbuildOptionsFor()'s, with
 * many entry points and an output directory instead of one entry and one file. Without
 * code splitting each output is the same standalone bundle a single build would make.
 */
export async function bundleHandlers(options: { functionsDir: string; handlers: string[]; outDir: string }): Promise<Map<string, string>> {
  const entries = options.handlers.map((name) => ({ name, file: path.join(options.functionsDir, `${name}.ts`) }));
  const missing = entries.filter((entry) => !existsSync(entry.file));
  if (missing.length) {
    throw new Error(
      `The route table names handlers whose files do not exist:\n${missing.map((entry) => `  ${entry.file}`).join('\n')}`,
    );
  }
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  // The bundles are ESM; the out dir may be outside the repo (tests use a temp dir).
  await writeFile(path.join(options.outDir, 'package.json'), '{"type":"module"}\n');

  const { entryPoints: _entry, outfile: _outfile, ...shared } = esbuildOptionsFor('', '');
  await build({
    ...shared,
    entryPoints: entries.map((entry) => ({ in: entry.file, out: entry.name })),
    outdir: options.outDir,
  });
  return new Map(entries.map((entry) => [entry.name, path.join(options.outDir, `${entry.name}.js`)]));
}

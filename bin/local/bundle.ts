/**
 * Bundles the Lambda functions (`functions/<name>/lambda.ts`) with the deploy's esbuild options (infra/bundling.ts), so
 * `npm start` runs the code that would be deployed, minified and all.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/bundling.js';

/** What a build depended on: its settings, and the size and mtime of every file esbuild read. */
interface BuildManifest {
  settings: string;
  inputs: Record<string, { size: number; mtimeMs: number }>;
}

const MANIFEST = 'build-manifest.json';

async function fingerprint(file: string) {
  const info = await stat(file);
  return { size: info.size, mtimeMs: info.mtimeMs };
}

/** True when the last build in `outDir` used the same settings and no input changed since. */
async function isUpToDate(outDir: string, settings: string): Promise<boolean> {
  let manifest: BuildManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as BuildManifest;
  } catch {
    return false;
  }
  if (manifest.settings !== settings) return false;
  try {
    for (const [file, recorded] of Object.entries(manifest.inputs)) {
      const current = await fingerprint(file);
      if (current.size !== recorded.size || current.mtimeMs !== recorded.mtimeMs) return false;
    }
  } catch {
    return false; // an input is gone
  }
  return true;
}

/**
 * One esbuild run for all handlers: the options are exactly esbuildOptionsFor()'s, with
 * many entry points and an output directory instead of one entry and one file. Without
 * code splitting each output is the same standalone bundle a single build would make.
 * The bundles are reused while no input changed, which makes restarts quicker.
 */
export async function bundleHandlers(options: {
  functionsDir: string;
  functions: string[];
  outDir: string;
}): Promise<{ bundles: Map<string, string>; reused: boolean }> {
  const entries = options.functions.map((name) => ({ name, file: path.join(options.functionsDir, name, 'lambda.ts') }));
  const missing = entries.filter((entry) => !existsSync(entry.file));
  if (missing.length) {
    throw new Error(
      `The route table names functions whose entry files do not exist:\n${missing.map((entry) => `  ${entry.file}`).join('\n')}`,
    );
  }
  const bundles = new Map(entries.map((entry) => [entry.name, path.join(options.outDir, `${entry.name}.js`)]));
  const { entryPoints: _entry, outfile: _outfile, ...shared } = esbuildOptionsFor('', '');
  const settings = JSON.stringify({ esbuildVersion, shared, entries });
  if (await isUpToDate(options.outDir, settings)) return { bundles, reused: true };

  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(options.outDir, { recursive: true });
  // The bundles are ESM; the out dir may be outside the repo (tests use a temp dir).
  await writeFile(path.join(options.outDir, 'package.json'), '{"type":"module"}\n');
  const startedAt = Date.now();
  const result = await build({
    ...shared,
    entryPoints: entries.map((entry) => ({ in: entry.file, out: entry.name })),
    outdir: options.outDir,
    metafile: true,
  });
  const inputs: BuildManifest['inputs'] = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(input);
    const recorded = await fingerprint(file);
    // Edited while esbuild was reading it: record nothing, so the next start rebuilds.
    if (recorded.mtimeMs >= startedAt) return { bundles, reused: false };
    inputs[file] = recorded;
  }
  await writeFile(path.join(options.outDir, MANIFEST), JSON.stringify({ settings, inputs } satisfies BuildManifest));
  return { bundles, reused: false };
}

/**
 * The preview renderer for the local runtime: the same handler as deployed
 * (functions/renderer/lambda.ts), bundled with the deploy's esbuild options but with its native
 * packages left external (infra/renderer-asset.ts `rendererExternal`), next to the renderer's
 * support files (PDF worker bundle, fonts, pdf.js data). Deployed, the native packages are the
 * linux-arm64 builds shipped in the asset; here they are this machine's, from the repository's
 * node_modules, which the folder reaches through a `node_modules` link.
 */
import { existsSync, symlinkSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/bundling.js';
import { rendererExternal, writeRendererSupportFiles } from '../../infra/renderer-asset.js';

/** Bundles the renderer into `outDir` and returns its entry (`index.mjs`). */
export async function bundleRenderer(options: { repoRoot: string; outDir: string }): Promise<string> {
  const { outDir, repoRoot } = options;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const entry = path.join(outDir, 'index.mjs');
  await build({ ...esbuildOptionsFor(path.join(repoRoot, 'functions', 'renderer', 'lambda.ts'), entry), external: rendererExternal });
  writeRendererSupportFiles(outDir);
  await writeFile(path.join(outDir, 'package.json'), '{"type":"module"}\n');
  const modules = path.join(outDir, 'node_modules');
  if (!existsSync(modules)) symlinkSync(path.join(repoRoot, 'node_modules'), modules, 'dir');
  return entry;
}

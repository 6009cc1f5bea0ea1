/**
 * The code asset of the preview function (functions/lib/render), built offline at synth time.
 * The renderer needs native code (sharp with libvips, @napi-rs/canvas) for linux-arm64, which
 * `npm install` cannot put in node_modules on an x64 machine, so:
 *   1. `npm install` runs bin/renderer-native.ts (postinstall; the one step that needs the npm
 *      registry), which installs the linux-arm64 builds into .build/renderer-native/, at the
 *      versions of node_modules;
 *   2. at synth, `rendererCode(entry)` assembles a folder: the handler bundled by esbuild with
 *      the project's settings (sharp and @napi-rs/canvas left external), the PDF worker bundle,
 *      the fonts and pdf.js data, and node_modules holding just the native packages and their
 *      dependencies. Synth fails with the command to run when step 1 is missing.
 *
 * Layout of the folder (the renderer finds its files next to index.mjs, functions/lib/render/assets.ts):
 *   index.mjs, index.mjs.map          the handler
 *   render-pdf-worker.mjs(.map)       the PDF worker (pdf.js bundled in)
 *   render-assets/fonts/              DejaVu Sans Bold (watermark), DejaVu Sans Mono (text), licence
 *   render-assets/pdfjs/              standard_fonts, cmaps, wasm, iccs, licence
 *   node_modules/                     sharp, @img/*, @napi-rs/canvas(-linux-arm64-gnu) and deps
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { bundledLayout, pdfjsDataFolders } from '../functions/lib/render/assets.js';
import { esbuildOptionsFor, lambdaBundling } from './bundling.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where bin/renderer-native.ts installs the linux-arm64 native packages. */
export const rendererNativeDir = path.join(repoRoot, '.build', 'renderer-native');

/** The renderer's packages with native code: kept out of the bundles, shipped in node_modules. */
export const nativePackages = ['sharp', '@napi-rs/canvas'] as const;

export const prepareCommand = 'npm run renderer:native';

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readPackage = (dir: string): PackageJson => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;

/** The linux-arm64 packages that must sit next to the native packages, with their required versions. */
export function arm64BinaryPackages(nodeModules = path.join(repoRoot, 'node_modules')): Record<string, string> {
  const sharp = readPackage(path.join(nodeModules, 'sharp'));
  const canvas = readPackage(path.join(nodeModules, '@napi-rs/canvas'));
  const pick = (pkg: PackageJson, name: string) => {
    const version = pkg.optionalDependencies?.[name];
    if (!version) throw new Error(`${pkg.name}@${pkg.version} no longer lists ${name}: update infra/renderer-asset.ts`);
    return version;
  };
  return {
    '@img/sharp-linux-arm64': pick(sharp, '@img/sharp-linux-arm64'),
    '@img/sharp-libvips-linux-arm64': pick(sharp, '@img/sharp-libvips-linux-arm64'),
    '@napi-rs/canvas-linux-arm64-gnu': pick(canvas, '@napi-rs/canvas-linux-arm64-gnu'),
  };
}

export type NativeCheck = { ok: true } | { ok: false; problem: string };

/** Whether .build/renderer-native holds the linux-arm64 builds at the versions of node_modules. */
export function checkRendererNative(options: { dir?: string; quiet?: boolean } = {}): NativeCheck {
  const nativeModules = path.join(options.dir ?? rendererNativeDir, 'node_modules');
  const hostModules = path.join(repoRoot, 'node_modules');
  const expected: Record<string, string> = { ...arm64BinaryPackages(hostModules) };
  for (const name of nativePackages) expected[name] = readPackage(path.join(hostModules, name)).version;
  for (const [name, version] of Object.entries(expected)) {
    const dir = path.join(nativeModules, name);
    if (!existsSync(path.join(dir, 'package.json'))) return { ok: false, problem: `${name} is missing from ${nativeModules}` };
    const found = readPackage(dir).version;
    if (found !== version) return { ok: false, problem: `${name} is ${found} there but ${version} is needed` };
  }
  return { ok: true };
}

export function requireRendererNative(dir = rendererNativeDir): void {
  const check = checkRendererNative({ dir });
  if (!check.ok) {
    throw new Error(
      `The preview function needs the linux-arm64 builds of sharp and @napi-rs/canvas in ${dir}, and ${check.problem}. Run \`${prepareCommand}\` (it needs the npm registry once; \`npm install\` runs it too), then synth again.`,
    );
  }
}

export type RendererTarget = 'lambda-arm64' | 'host';

export interface AssembleOptions {
  /** The handler's TypeScript entry (exports `handler`); it imports functions/lib/render. */
  entry: string;
  outDir: string;
  /** 'lambda-arm64' (deployed) takes the native packages from .build/renderer-native; 'host' from node_modules, to run the same layout on this machine. */
  target: RendererTarget;
  /** Only for tests: another prepared folder. */
  nativeDir?: string;
}

/** Builds the function's folder (layout above) into outDir, which must not exist or be empty. */
export function assembleRendererBundle(options: AssembleOptions): string {
  const nativeDir = options.nativeDir ?? rendererNativeDir;
  if (options.target === 'lambda-arm64') requireRendererNative(nativeDir);
  const out = options.outDir;
  mkdirSync(out, { recursive: true });
  buildSync({ ...esbuildOptionsFor(options.entry, path.join(out, 'index.mjs')), external: rendererExternal });
  writeRendererSupportFiles(out);
  const from = options.target === 'lambda-arm64' ? path.join(nativeDir, 'node_modules') : path.join(repoRoot, 'node_modules');
  copyPackageClosure(from, path.join(out, 'node_modules'), [...nativePackages]);
  return out;
}

/** What a bundle that contains the renderer leaves out: the AWS SDK's lazy providers and the native packages. */
export const rendererExternal = [...lambdaBundling.external, ...nativePackages];

/**
 * The renderer's files that sit next to a bundle containing it: the PDF worker bundle and
 * render-assets/ (fonts, pdf.js data). For a runtime that bundles handlers itself (the local
 * runtime): bundle the preview handler with `external: rendererExternal` into a folder inside
 * the repository (so sharp and @napi-rs/canvas resolve from node_modules), then call this on
 * that folder.
 */
export function writeRendererSupportFiles(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    ...esbuildOptionsFor(path.join(repoRoot, 'functions/lib/render/pdf-worker.ts'), path.join(outDir, bundledLayout.pdfWorker)),
    external: rendererExternal,
  });
  const assets = path.join(outDir, bundledLayout.assetsDir);
  const dejavu = path.join(repoRoot, 'node_modules/dejavu-fonts-ttf');
  for (const font of [bundledLayout.watermarkFont, bundledLayout.textFont]) {
    mkdirSync(path.dirname(path.join(assets, font)), { recursive: true });
    cpSync(path.join(dejavu, 'ttf', path.basename(font)), path.join(assets, font));
  }
  cpSync(path.join(dejavu, 'LICENSE'), path.join(assets, 'fonts/LICENSE-DejaVu'));
  const pdfjs = path.join(repoRoot, 'node_modules/pdfjs-dist');
  for (const folder of pdfjsDataFolders)
    cpSync(path.join(pdfjs, folder), path.join(assets, bundledLayout.pdfjsDir, folder), { recursive: true });
  cpSync(path.join(pdfjs, 'LICENSE'), path.join(assets, bundledLayout.pdfjsDir, 'LICENSE'));
}

/** Copies the packages and everything they depend on (optional dependencies only where installed). */
function copyPackageClosure(from: string, to: string, roots: string[]): void {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const dir = path.join(from, name);
    if (!existsSync(path.join(dir, 'package.json'))) throw new Error(`${name} is not installed in ${from}`);
    cpSync(dir, path.join(to, name), { recursive: true, dereference: true });
    const pkg = readPackage(dir);
    queue.push(...Object.keys(pkg.dependencies ?? {}));
    queue.push(...Object.keys(pkg.optionalDependencies ?? {}).filter((optional) => existsSync(path.join(from, optional, 'package.json'))));
  }
}

let cleanup: string[] | undefined;

function temporaryFolder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sharelink-renderer-'));
  if (!cleanup) {
    cleanup = [];
    process.once('exit', () => cleanup?.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
  }
  cleanup.push(dir);
  return dir;
}

/**
 * The Lambda code of the preview function, for `lambda.Function({ code, runtime: nodejs24.x,
 * ...rendererFunctionDefaults })`. Assembled in a temporary folder, which CDK copies into
 * cdk.out during synth; the folder is removed when the process exits. Where the stack skips
 * bundling (`cdk list`, `cdk destroy`, or the context `aws:cdk:bundling-stacks` set to [] as
 * the infra tests do), nothing is built and an empty placeholder stands in.
 */
export function rendererCode(scope: Construct, entry: string): lambda.Code {
  const dir = temporaryFolder();
  if (!Stack.of(scope).bundlingRequired) {
    writeFileSync(path.join(dir, 'index.mjs'), '// bundling skipped for this synth\n');
    return lambda.Code.fromAsset(dir);
  }
  assembleRendererBundle({ entry, outDir: dir, target: 'lambda-arm64' });
  return lambda.Code.fromAsset(dir);
}

/**
 * Settings the preview function should have. Memory buys CPU on Lambda (1 vCPU at 1,769 MB)
 * and holds libvips, the canvas and the PDF worker (256 MB heap); the timeout leaves room past
 * the renderer's own 8 s deadline for reading the original and writing the preview.
 */
export const rendererFunctionDefaults = {
  handler: 'index.handler',
  architecture: lambda.Architecture.ARM_64,
  memorySize: 2048,
  timeout: Duration.seconds(20),
};

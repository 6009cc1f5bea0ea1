/**
 * The preview function's code as synth builds it offline (infra/renderer-asset.ts): the
 * linux-arm64 native code, the fonts and pdf.js's data are in it; synth says what to run when
 * the prepared arm64 packages are missing; and the same layout built for this machine renders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSync } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/bundling.js';
import {
  arm64BinaryPackages,
  assembleRendererBundle,
  checkRendererNative,
  rendererCode,
  rendererExternal,
  rendererFunctionDefaults,
  requireRendererNative,
  writeRendererSupportFiles,
} from '../../infra/renderer-asset.js';
import { runtime } from '../../infra/sharelink-function.js';
import { makePdf } from '../unit/render/fixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ELF_MACHINE_AARCH64 = 0xb7;
const ELF_MACHINE_X86_64 = 0x3e;

let work: string;
let entry: string;
let template: Template;
let assetDir: string;

/** The e_machine field of an ELF file (little-endian), or undefined when the file is not ELF. */
function elfMachine(file: string): number | undefined {
  const head = readFileSync(file).subarray(0, 20);
  if (head.length < 20 || head.readUInt32BE(0) !== 0x7f454c46) return undefined;
  return head.readUInt16LE(18);
}

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((file) => path.join(dir, file));
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'sharelink-renderer-asset-'));
  entry = path.join(work, 'preview-probe.ts');
  writeFileSync(
    entry,
    `import { renderPreview, closeRenderer } from ${JSON.stringify(path.join(repoRoot, 'functions/lib/render/index.js'))};
export async function handler(event: { name: string; base64: string; page?: number }) {
  try {
    const out = await renderPreview({ bytes: Buffer.from(event.base64, 'base64'), name: event.name, page: event.page, watermark: { lines: ['probe@example.com'] } });
    return { width: out.width, height: out.height, pageCount: out.pageCount, contentType: out.contentType, size: out.bytes.length };
  } finally {
    await closeRenderer();
  }
}
`,
  );
  const app = new App({ outdir: path.join(work, 'cdk.out') });
  const stack = new Stack(app, 'RendererProbe');
  new lambda.Function(stack, 'Preview', { runtime, code: rendererCode(stack, entry), ...rendererFunctionDefaults });
  template = Template.fromJSON(app.synth().getStackByName(stack.stackName).template);
  const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0] as { Properties: { Code: { S3Key: string } } };
  assetDir = path.join(work, 'cdk.out', `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the preview function asset (linux-arm64, built offline)', () => {
  it('is an arm64 nodejs24.x function whose handler is index.handler', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 2048,
    });
  });

  it('holds the handler and the PDF worker bundles, with sharp and @napi-rs/canvas left to node_modules', () => {
    const handler = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(handler).toMatch(/from\s*"sharp"/);
    expect(handler).toMatch(/from\s*"@napi-rs\/canvas"/);
    const worker = readFileSync(path.join(assetDir, 'render-pdf-worker.mjs'), 'utf8');
    expect(worker).toContain('WorkerMessageHandler');
    expect(worker).toMatch(/from\s*"@napi-rs\/canvas"/);
  });

  it('ships the native code of sharp, libvips and @napi-rs/canvas for aarch64, and none for x86-64', () => {
    const modules = path.join(assetDir, 'node_modules');
    for (const name of Object.keys(arm64BinaryPackages())) expect(existsSync(path.join(modules, name, 'package.json')), name).toBe(true);
    const sharpVersion = (JSON.parse(readFileSync(path.join(modules, 'sharp/package.json'), 'utf8')) as { version: string }).version;
    const binaries = {
      sharp: path.join(modules, '@img/sharp-linux-arm64/lib', `sharp-linux-arm64-${sharpVersion}.node`),
      libvips: filesUnder(path.join(modules, '@img/sharp-libvips-linux-arm64/lib')).find((file) => /libvips-cpp\.so\.\d/.test(file))!,
      canvas: path.join(modules, '@napi-rs/canvas-linux-arm64-gnu/skia.linux-arm64-gnu.node'),
    };
    for (const [what, file] of Object.entries(binaries)) expect(elfMachine(file), `${what}: ${file}`).toBe(ELF_MACHINE_AARCH64);
    const elves = filesUnder(modules).filter((file) => /\.(node|so(\.\d+)*)$/.test(file) && elfMachine(file) !== undefined);
    expect(elves.filter((file) => elfMachine(file) !== ELF_MACHINE_AARCH64)).toEqual([]);
    expect(elves.some((file) => elfMachine(file) === ELF_MACHINE_X86_64)).toBe(false);
    expect(existsSync(path.join(modules, '@img/sharp-linux-x64'))).toBe(false);
  });

  it('ships the fonts (no font on Lambda) and pdf.js standard fonts, CMaps and wasm decoders', () => {
    const assets = path.join(assetDir, 'render-assets');
    for (const font of ['fonts/DejaVuSans-Bold.ttf', 'fonts/DejaVuSansMono.ttf']) {
      expect(readFileSync(path.join(assets, font)).readUInt32BE(0), font).toBe(0x00010000); // TrueType
    }
    expect(existsSync(path.join(assets, 'fonts/LICENSE-DejaVu'))).toBe(true);
    const standardFonts = readdirSync(path.join(assets, 'pdfjs/standard_fonts'));
    expect(standardFonts).toEqual(
      expect.arrayContaining(['LiberationSans-Regular.ttf', 'FoxitSerif.pfb', 'FoxitFixed.pfb', 'FoxitSymbol.pfb', 'FoxitDingbats.pfb']),
    );
    expect(readdirSync(path.join(assets, 'pdfjs/cmaps')).length).toBeGreaterThan(100);
    expect(readdirSync(path.join(assets, 'pdfjs/wasm'))).toEqual(expect.arrayContaining(['openjpeg.wasm', 'jbig2.wasm', 'qcms_bg.wasm']));
  });

  it('stays well inside Lambda’s 250 MB unzipped limit', () => {
    const bytes = filesUnder(assetDir).reduce((sum, file) => sum + (statSync(file).isFile() ? statSync(file).size : 0), 0);
    expect(bytes).toBeLessThan(120 * 1024 * 1024);
  });
});

describe('when the linux-arm64 packages were not prepared', () => {
  it('synth stops and says which command to run', () => {
    const missing = path.join(work, 'no-native');
    expect(() => requireRendererNative(missing)).toThrow(/Run `npm run renderer:native`/);
    expect(() => assembleRendererBundle({ entry, outDir: path.join(work, 'never'), target: 'lambda-arm64', nativeDir: missing })).toThrow(
      /npm run renderer:native/,
    );
  });

  it('a prepared folder at other versions than node_modules is refused too', () => {
    const stale = path.join(work, 'stale-native');
    for (const name of ['sharp', '@napi-rs/canvas', ...Object.keys(arm64BinaryPackages())]) {
      mkdirSync(path.join(stale, 'node_modules', name), { recursive: true });
      writeFileSync(path.join(stale, 'node_modules', name, 'package.json'), JSON.stringify({ name, version: '0.0.1' }));
    }
    const check = checkRendererNative({ dir: stale });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toMatch(/is 0\.0\.1 there but .+ is needed/);
  });

  it('stacks that skip bundling do not need them', () => {
    const app = new App({ outdir: path.join(work, 'cdk.out.nobundle'), context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'NoBundle');
    expect(
      () =>
        new lambda.Function(stack, 'Preview', {
          runtime,
          code: rendererCode(stack, path.join(work, 'does-not-exist.ts')),
          ...rendererFunctionDefaults,
        }),
    ).not.toThrow();
  });
});

describe('the same layout, built for this machine', () => {
  it('a runtime that bundles the handler itself (as the local runtime does) only adds the support files next to it', () => {
    // Inside the repository, so sharp and @napi-rs/canvas resolve from its node_modules.
    const dir = mkdtempSync(path.join(repoRoot, '.build', 'renderer-local-'));
    try {
      buildSync({ ...esbuildOptionsFor(entry, path.join(dir, 'public-share-preview.js')), external: rendererExternal });
      writeRendererSupportFiles(dir);
      const script = `
        const { handler } = await import('./public-share-preview.js');
        console.log(JSON.stringify(await handler(${JSON.stringify({ name: 'one.pdf', base64: makePdf({ pages: 1 }).toString('base64') })})));`;
      const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH },
      });
      expect(result.status, result.stderr.slice(-2000)).toBe(0);
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({ pageCount: 1, height: 2048 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders from its own folder with nothing else around it: a PDF page through the worker bundle, an image, a text file', () => {
    const dir = assembleRendererBundle({ entry, outDir: path.join(work, 'host'), target: 'host' });
    const pdf = makePdf({ pages: 2 });
    const script = `
      const { handler } = await import('./index.mjs');
      const inputs = ${JSON.stringify([
        { name: 'two.pdf', page: 2, base64: pdf.toString('base64') },
        { name: 'notes.txt', base64: Buffer.from('hello\n').toString('base64') },
      ])};
      const out = [];
      for (const input of inputs) out.push(await handler(input));
      console.log(JSON.stringify(out));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH },
    });
    expect(result.status, result.stderr.slice(-2000)).toBe(0);
    const [page, text] = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
      width: number;
      height: number;
      pageCount: number;
      contentType: string;
    }[];
    expect(page).toMatchObject({ pageCount: 2, height: 2048, contentType: 'image/webp' });
    expect(text).toMatchObject({ pageCount: 1, width: 1448, height: 2048 });
  });
});

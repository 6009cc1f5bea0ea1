/**
 * `npm run renderer:native` (also run by `npm install`, as postinstall): puts the Lambda's
 * linux-arm64 builds of the renderer's native packages (sharp with libvips, @napi-rs/canvas)
 * into .build/renderer-native/node_modules, at exactly the versions installed for this
 * machine. It is the one step of the renderer's packaging that needs the npm registry;
 * `cdk synth` then builds the preview function offline from that folder
 * (infra/renderer-asset.ts). Does nothing when the folder already matches.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRendererNative, nativePackages, rendererNativeDir } from '../infra/renderer-asset.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function main() {
  const wanted = Object.fromEntries(nativePackages.map((name) => [name, installedVersion(name)]));
  const current = checkRendererNative({ quiet: true });
  if (current.ok) {
    console.log(
      `renderer-native: ${rendererNativeDir} is up to date (${Object.entries(wanted)
        .map(([n, v]) => `${n}@${v}`)
        .join(', ')}, linux-arm64)`,
    );
    return;
  }
  console.log(`renderer-native: installing the linux-arm64 builds into ${path.relative(repoRoot, rendererNativeDir)} (${current.problem})`);
  rmSync(rendererNativeDir, { recursive: true, force: true });
  mkdirSync(rendererNativeDir, { recursive: true });
  writeFileSync(
    path.join(rendererNativeDir, 'package.json'),
    `${JSON.stringify({ name: 'sharelink-renderer-native', private: true, dependencies: wanted }, null, 2)}\n`,
  );
  // The parent `npm install` passes its own settings down as npm_config_*: keep only where
  // packages come from, so this install targets linux-arm64 in its own folder.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_/i.test(key) || /^npm_config_(registry|cache|userconfig|@.*:registry)$/i.test(key),
    ),
  );
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--os=linux',
      '--cpu=arm64',
      '--libc=glibc',
      '--omit=dev',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefix',
      rendererNativeDir,
    ],
    { cwd: rendererNativeDir, env, stdio: 'inherit' },
  );
  if (npm.status !== 0) {
    console.error(
      'renderer-native: npm install of the linux-arm64 packages failed (it needs the npm registry); run `npm run renderer:native` again when it is reachable.',
    );
    process.exit(1);
  }
  const after = checkRendererNative({ quiet: true });
  if (!after.ok) {
    console.error(`renderer-native: installed, but ${after.problem}`);
    process.exit(1);
  }
  console.log(
    `renderer-native: ready (${Object.entries(wanted)
      .map(([n, v]) => `${n}@${v}`)
      .join(', ')}, linux-arm64)`,
  );
}

if (!existsSync(path.join(repoRoot, 'node_modules', 'sharp'))) {
  console.error('renderer-native: node_modules has no sharp; run `npm install` first.');
  process.exit(1);
}
main();

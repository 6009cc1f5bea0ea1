import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const fontFolders = [
  '/usr/share/fonts',
  '/usr/local/share/fonts',
  path.join(os.homedir(), '.fonts'),
  path.join(os.homedir(), '.local/share/fonts'),
].filter((folder) => existsSync(folder));

describe('with no system fonts (as on Lambda)', () => {
  it('the watermark and text pages are still drawn, with the bundled fonts', { timeout: 60_000 }, () => {
    // A private mount namespace (root, as developers and CI are here) hides every system font folder.
    const hide = fontFolders.map((folder) => `mount -t tmpfs none '${folder}'`).join(' && ');
    const child = path.resolve('test/unit/render/no-system-fonts-child.ts');
    const result = spawnSync(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        'sh',
        '-c',
        `${hide || 'true'} && exec "$0" "$1" "$2"`,
        process.execPath,
        path.resolve('node_modules/tsx/dist/cli.mjs'),
        child,
      ],
      {
        encoding: 'utf8',
        timeout: 55_000,
        env: { ...process.env, FONTCONFIG_FILE: '/nonexistent/fonts.conf', FONTCONFIG_PATH: '/nonexistent' },
      },
    );
    expect(result.status, `${result.error ?? ''}${result.stderr}`).toBe(0);
    const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
      systemFamilies: string[];
      watermarkShare: number;
      textInk: number;
    };
    expect(report.systemFamilies).toEqual([]);
    expect(report.watermarkShare).toBeGreaterThan(0.04);
    expect(report.textInk).toBeGreaterThan(0.02);
  });
});

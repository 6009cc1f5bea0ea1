/**
 * The static build as CloudFront will serve it: pages that work under the CSP (no inline
 * script or style), and a recipient page that stays small and carries no owner code.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.js';

let outDir: string;
let indexHtml: string;
let shareHtml: string;

const scriptOf = (html: string) => /<script type="module" src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
const read = (url: string) => readFile(path.join(outDir, url));

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'sharelink-web-'));
  await buildWeb({ outDir, minify: true });
  indexHtml = await readFile(path.join(outDir, 'index.html'), 'utf8');
  shareHtml = await readFile(path.join(outDir, 'share.html'), 'utf8');
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('web build', () => {
  it('writes both pages with only external, hashed scripts and styles (the CSP allows nothing inline)', async () => {
    for (const html of [indexHtml, shareHtml]) {
      const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]![0]).toMatch(/src="\/assets\/(app|share)-[A-Z0-9]{8}\.js"/);
      expect(scripts[0]![1]).toBe('');
      expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
      expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/styles-[A-Z0-9]{8}\.css">/);
    }
    const assets = await readdir(path.join(outDir, 'assets'));
    expect(assets).toContain('favicon.svg');
  });

  it('keeps the recipient page under 40 KB of gzipped JavaScript and free of owner code', async () => {
    const shareScript = scriptOf(shareHtml);
    const appScript = scriptOf(indexHtml);
    expect(shareScript).toBeDefined();
    expect(appScript).toBeDefined();
    expect(shareScript).not.toBe(appScript);
    const shareJs = await read(shareScript!);
    expect(gzipSync(shareJs).byteLength).toBeLessThanOrEqual(40 * 1024);
    const text = shareJs.toString('utf8');
    // Marks of the owner app: Cognito sign-in, uploads, the links table.
    for (const ownerOnly of ['InitiateAuth', '/api/files/uploads', 'My share links', 'sharelink.idToken']) {
      expect(text).not.toContain(ownerOnly);
    }
    expect(text).toContain('/api/public/shares/');
    expect((await read(appScript!)).toString('utf8')).toContain('InitiateAuth');
  });
});

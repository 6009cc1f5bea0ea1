/**
 * The static build as CloudFront will serve it: pages that work under the CSP (no inline
 * script or style), a recipient page that stays small and carries no owner code or styles,
 * and a web source kept in small files.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, customMediaOf, expandBreakpoints, firstLoadScripts, type WebBuild } from '../../web/build.js';

let outDir: string;
let indexHtml: string;
let shareHtml: string;
let requestHtml: string;
let built: WebBuild;

const srcDir = path.resolve('web', 'src');
const scriptOf = (html: string) => /<script type="module" src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
const sheetsOf = (html: string) => [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((match) => match[1]!);
const read = (url: string) => readFile(path.join(outDir, url));

/** Every file under web/src, relative to it. */
async function sourceFiles(): Promise<string[]> {
  const entries = await readdir(srcDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(srcDir, path.join(entry.parentPath, entry.name)));
}

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'sharelink-web-'));
  built = await buildWeb({ outDir, minify: true });
  indexHtml = await readFile(path.join(outDir, 'index.html'), 'utf8');
  shareHtml = await readFile(path.join(outDir, 'share.html'), 'utf8');
  requestHtml = await readFile(path.join(outDir, 'request.html'), 'utf8');
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('web build', () => {
  it('writes both pages with only external, hashed scripts and styles (the CSP allows nothing inline)', async () => {
    for (const html of [indexHtml, shareHtml, requestHtml]) {
      const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]![0]).toMatch(/src="\/assets\/(app|share|request)-[A-Z0-9]{8}\.js"/);
      expect(scripts[0]![1]).toBe('');
      expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
      for (const href of sheetsOf(html)) expect(href).toMatch(/^\/assets\/(base|owner|recipient|uploader)-[A-Z0-9]{8}\.css$/);
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
    // First load: the page's script and the chunks it imports statically; viewers, Markdown and the zip come later.
    const firstLoad = firstLoadScripts(built.shareMetafile, built.shareOutput);
    expect(firstLoad[0]).toBe(built.shareOutput);
    expect(path.basename(built.shareOutput)).toBe(path.basename(shareScript!));
    const firstLoadJs = await Promise.all(firstLoad.map((file) => readFile(path.resolve(file))));
    expect(firstLoadJs.reduce((sum, js) => sum + gzipSync(js).byteLength, 0)).toBeLessThanOrEqual(40 * 1024);
    const lazy = Object.keys(built.shareMetafile.outputs).filter((file) => file.endsWith('.js') && !firstLoad.includes(file));
    const lazyText = (await Promise.all(lazy.map((file) => readFile(path.resolve(file), 'utf8')))).join('\n');
    for (const onDemand of ['markdown-it', 'viewer-markdown', 'showSaveFilePicker', 'viewer-pager']) {
      expect(lazyText, onDemand).toContain(onDemand);
      expect(firstLoadJs.join('\n'), onDemand).not.toContain(onDemand);
    }
    const text = firstLoadJs.join('\n');
    // Marks of the owner app: Cognito sign-in, uploads, the links table.
    for (const ownerOnly of ['InitiateAuth', '/api/files/uploads', 'My share links', 'sharelink.idToken']) {
      expect(text).not.toContain(ownerOnly);
    }
    expect(text).toContain('/api/public/shares/');
    expect((await read(appScript!)).toString('utf8')).toContain('InitiateAuth');
  });

  it('keeps the uploader page of file requests under 30 KB of gzipped JavaScript, free of owner and recipient code', async () => {
    const requestScript = scriptOf(requestHtml);
    expect(requestScript).toMatch(/^\/assets\/request-/);
    const requestJs = await read(requestScript!);
    expect(gzipSync(requestJs).byteLength).toBeLessThanOrEqual(30 * 1024);
    const text = requestJs.toString('utf8');
    for (const foreign of ['InitiateAuth', '/api/files/uploads', 'My share links', 'sharelink.idToken', '/api/public/shares/']) {
      expect(text).not.toContain(foreign);
    }
    expect(text).toContain('/api/public/requests/');
    const sheets = sheetsOf(requestHtml);
    expect(sheets).toEqual([sheetsOf(indexHtml)[0], expect.stringMatching(/^\/assets\/uploader-/)]);
    const css = (await Promise.all(sheets.map(read))).join('\n');
    for (const foreign of ['.topbar', '.links-table', '.recipient-card']) expect(css).not.toContain(foreign);
    expect(css).toContain('.drop-area');
  });

  it('links the base and owner sheets from index.html, and only the base and recipient sheets from share.html', async () => {
    const ownerSheets = sheetsOf(indexHtml);
    const shareSheets = sheetsOf(shareHtml);
    expect(ownerSheets).toEqual([expect.stringMatching(/^\/assets\/base-/), expect.stringMatching(/^\/assets\/owner-/)]);
    expect(shareSheets).toEqual([ownerSheets[0], expect.stringMatching(/^\/assets\/recipient-/)]);
    const shareCss = (await Promise.all(shareSheets.map(read))).join('\n');
    const ownerCss = (await read(ownerSheets[1]!)).toString('utf8');
    // Rules only the owner app has: the top bar, dialogs, the links table, upload progress.
    for (const ownerRule of ['.topbar', '.modal', '.links-table', '.upload-status', '.setting-row']) {
      expect(ownerCss).toContain(ownerRule);
      expect(shareCss).not.toContain(ownerRule);
    }
    expect(shareCss).toContain('.recipient-card');
    expect(ownerCss).not.toContain('.recipient-card');
  });

  it('puts the named breakpoints in every sheet and leaves no other widths', async () => {
    const breakpoints = customMediaOf(await readFile(path.join(srcDir, 'styles', 'breakpoints.css'), 'utf8'));
    expect([...breakpoints.keys()].length).toBeGreaterThan(0);
    const css = (await Promise.all([...sheetsOf(indexHtml), ...sheetsOf(shareHtml)].map(read))).join('\n');
    const widths = [...css.matchAll(/@media\s*([^{]+)\{/g)].map((match) => match[1]!.trim()).filter((query) => /width/.test(query));
    expect(widths.length).toBeGreaterThan(0);
    const allowed = [...breakpoints.values()].map((query) => query.replace(/\s+/g, ''));
    for (const query of widths) expect(allowed).toContain(query.replace(/\s+/g, ''));

    expect(expandBreakpoints('@media (--below-sm) { .a { color: red } }', breakpoints, 'a.css')).toBe(
      `@media ${breakpoints.get('--below-sm')} { .a { color: red } }`,
    );
    expect(() => expandBreakpoints('@media (max-width: 600px) { .a { color: red } }', breakpoints, 'a.css')).toThrow(/raw size/);
    expect(() => expandBreakpoints('@media (--below-xl) { .a { color: red } }', breakpoints, 'a.css')).toThrow(/unknown breakpoint/);
    expect(() => expandBreakpoints('@custom-media --mine (max-width: 1px);', breakpoints, 'a.css')).toThrow(
      /only in styles\/breakpoints\.css/,
    );
  });
});

describe('web source', () => {
  it('keeps every file under web/src at 300 lines or fewer', async () => {
    const tooLong: string[] = [];
    for (const file of await sourceFiles()) {
      const text = await readFile(path.join(srcDir, file), 'utf8');
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      if (lines > 300) tooLong.push(`${file}: ${lines} lines`);
    }
    expect(tooLong).toEqual([]);
  });

  it('writes API paths only in the API clients', async () => {
    const clients = [path.join('owner', 'api.ts'), path.join('share', 'api.ts'), path.join('request', 'api.ts')];
    const offenders: string[] = [];
    for (const file of await sourceFiles()) {
      if (!/\.tsx?$/.test(file) || clients.includes(file)) continue;
      const text = await readFile(path.join(srcDir, file), 'utf8');
      if (/['"`]\/api\//.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

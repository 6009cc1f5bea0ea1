/**
 * Part 4: what a browser downloads for each page of the web app, built with buildWeb into
 * a temp dir: the JavaScript and CSS each page references, raw and gzipped (zlib's default
 * level 6, a conservative stand-in for CloudFront's compression).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../../web/build.js';

export interface PageSize {
  page: string;
  html: string;
  js: { bytes: number; gzip: number };
  css: { bytes: number; gzip: number };
}

async function sizeOf(files: string[]): Promise<{ bytes: number; gzip: number }> {
  let bytes = 0;
  let gzip = 0;
  for (const file of files) {
    const content = await readFile(file);
    bytes += content.length;
    gzip += gzipSync(content).length;
  }
  return { bytes, gzip };
}

export async function measureWebBundles(outDir: string): Promise<PageSize[]> {
  await buildWeb({ outDir, minify: true });
  const pages = [
    { page: 'owner app', html: 'index.html' },
    { page: 'recipient page', html: 'share.html' },
  ];
  return Promise.all(
    pages.map(async ({ page, html }) => {
      const markup = await readFile(path.join(outDir, html), 'utf8');
      const local = (pattern: RegExp) => [...markup.matchAll(pattern)].map((match) => path.join(outDir, match[1]!));
      const scripts = local(/<script[^>]*\ssrc="(\/[^"]+)"/g);
      const styles = local(/<link[^>]*rel="stylesheet"[^>]*href="(\/[^"]+)"/g);
      if (scripts.length === 0) throw new Error(`${html} references no script`);
      return { page, html, js: await sizeOf(scripts), css: await sizeOf(styles) };
    }),
  );
}

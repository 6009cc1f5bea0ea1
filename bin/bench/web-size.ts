/**
 * What a browser downloads for each page of the web app, built with buildWeb into
 * a temp dir: the JavaScript and CSS each page references, raw and gzipped (zlib's default
 * level 6, a conservative stand-in for CloudFront's compression).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb } from '../../web/build.js';
import { targetRow, type BenchPart } from './part.js';
import { kb } from './stats.js';

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

const RECIPIENT_JS_GZIP_LIMIT = 40 * 1024;

/** Part: the web bundles; built in `prepare`, nothing to time. */
export function webPart(): BenchPart {
  let pages: PageSize[] = [];
  return {
    name: 'web bundles',
    async prepare({ workDir }) {
      pages = await measureWebBundles(path.join(workDir, 'web'));
    },
    run() {
      const recipient = pages.find((p) => p.html === 'share.html');
      return Promise.resolve({
        sections: [
          {
            title: 'Web bundles',
            intro: 'Built with `buildWeb` into a temp dir; what each page references. gzip at zlib level 6.',
            header: ['page', 'JS', 'JS gzipped', 'CSS', 'CSS gzipped'],
            rows: pages.map((p) => [`${p.page} (${p.html})`, kb(p.js.bytes), kb(p.js.gzip), kb(p.css.bytes), kb(p.css.gzip)]),
          },
        ],
        targets: recipient
          ? [
              targetRow({
                row: 'recipient page JavaScript, gzipped',
                target: '≤ 40 KB',
                value: recipient.js.gzip,
                limit: RECIPIENT_JS_GZIP_LIMIT,
                measured: kb(recipient.js.gzip),
                why: 'share.html loads its own entry only (no code splitting, no owner code); Preact keeps the runtime small.',
              }),
            ]
          : [],
      });
    },
  };
}

/**
 * The recipient page's first load: share.html's script and the chunks it imports statically
 * (web/build.ts `firstLoadScripts`), gzipped; the chunks loaded on demand (viewers, Markdown,
 * client-zip) listed apart. Target: first load at most 40 KB gzipped, viewers excluded.
 *
 * Standalone: `npx tsx bin/bench/recipient-page.ts`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildWeb, firstLoadScripts } from '../../web/build.js';

export interface RecipientFirstLoad {
  firstLoad: { files: number; bytes: number; gzip: number };
  onDemand: { file: string; bytes: number; gzip: number }[];
  limitGzip: number;
}

export async function measureRecipientFirstLoad(): Promise<RecipientFirstLoad> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-bench-web-'));
  try {
    const built = await buildWeb({ outDir, minify: true });
    const first = firstLoadScripts(built.shareMetafile, built.shareOutput);
    const sizeOf = async (file: string) => {
      const content = await readFile(path.resolve(file));
      return { file: path.basename(file), bytes: content.length, gzip: gzipSync(content).length };
    };
    const firstSizes = await Promise.all(first.map(sizeOf));
    const lazy = Object.keys(built.shareMetafile.outputs).filter((file) => file.endsWith('.js') && !first.includes(file));
    return {
      firstLoad: {
        files: firstSizes.length,
        bytes: firstSizes.reduce((sum, s) => sum + s.bytes, 0),
        gzip: firstSizes.reduce((sum, s) => sum + s.gzip, 0),
      },
      onDemand: await Promise.all(lazy.map(sizeOf)),
      limitGzip: 40 * 1024,
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export function formatRecipientFirstLoad(result: RecipientFirstLoad): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    `Recipient page first load: ${kb(result.firstLoad.gzip)} gzipped (${kb(result.firstLoad.bytes)} raw, ${result.firstLoad.files} files); limit ${kb(result.limitGzip)}: ${result.firstLoad.gzip <= result.limitGzip ? 'met' : 'missed'}`,
    'Loaded on demand:',
    ...result.onDemand.map((chunk) => `  ${chunk.file}: ${kb(chunk.gzip)} gzipped (${kb(chunk.bytes)} raw)`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatRecipientFirstLoad(await measureRecipientFirstLoad()));
}

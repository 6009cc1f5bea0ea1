/**
 * The recipient page's first load in each language: English is in the page's script, Chinese
 * adds its catalog chunk (fetched before the first render, so it counts). Gzipped bytes; the
 * budget is 40 KB of JavaScript with one language loaded.
 *
 * Standalone: `npx tsx bin/bench/recipient-languages.ts`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildWeb, firstLoadScripts } from '../../web/build.js';

export interface RecipientLanguageLoad {
  /** Gzipped bytes of the first load per language. */
  gzipByLocale: { en: number; 'zh-CN': number };
  /** The Chinese catalog's own chunk (gzipped). */
  zhCatalogGzip: number;
  limitGzip: number;
}

const ZH_CATALOG = 'web/src/share/i18n/zh-CN.ts';

export async function measureRecipientLanguages(): Promise<RecipientLanguageLoad> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-bench-i18n-'));
  try {
    const built = await buildWeb({ outDir, minify: true });
    const { outputs } = built.shareMetafile;
    const gzipOf = async (files: string[]) => {
      let total = 0;
      for (const file of files) total += gzipSync(await readFile(path.resolve(file))).length;
      return total;
    };
    const english = firstLoadScripts(built.shareMetafile, built.shareOutput);
    const zhChunk = Object.keys(outputs).find((file) => Object.keys(outputs[file]!.inputs).some((input) => input.endsWith(ZH_CATALOG)));
    if (!zhChunk) throw new Error(`no chunk holds ${ZH_CATALOG}: is the Chinese catalog still loaded on demand?`);
    // The chunk and whatever it imports statically that the English first load does not already have.
    const chinese = [...new Set([...english, ...firstLoadScripts(built.shareMetafile, zhChunk)])];
    return {
      gzipByLocale: { en: await gzipOf(english), 'zh-CN': await gzipOf(chinese) },
      zhCatalogGzip: await gzipOf([zhChunk]),
      limitGzip: 40 * 1024,
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

export function formatRecipientLanguages(result: RecipientLanguageLoad): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return (['en', 'zh-CN'] as const)
    .map(
      (locale) =>
        `Recipient page first load in ${locale}: ${kb(result.gzipByLocale[locale])} gzipped; limit ${kb(result.limitGzip)}: ${result.gzipByLocale[locale] <= result.limitGzip ? 'met' : 'missed'}`,
    )
    .concat(`  (the Chinese catalog chunk: ${kb(result.zhCatalogGzip)} gzipped)`)
    .join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatRecipientLanguages(await measureRecipientLanguages()));
}

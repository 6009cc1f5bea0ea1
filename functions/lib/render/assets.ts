/**
 * Where the renderer finds its files. Two layouts:
 * - bundled (Lambda, or any folder assembled by infra/renderer-asset.ts): next to the bundle
 *   that holds this code sit `render-pdf-worker.mjs` and `render-assets/` (fonts, pdf.js data);
 * - source (tests, tsx): this folder holds `pdf-worker.ts`, the rest comes from node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RendererAssets {
  /** The entry of the child process that renders PDF pages (pdf.ts forks it). */
  pdfWorker: string;
  /** Watermark font (proportional, bold). */
  watermarkFont: string;
  /** Text-file font (monospaced). */
  textFont: string;
  /** pdf.js data folders, each ending with a slash as pdf.js expects. */
  standardFontDataUrl: string;
  cMapUrl: string;
  wasmUrl: string;
  iccUrl: string;
}

/** File names inside `render-assets/` of the bundled layout (infra/renderer-asset.ts writes them). */
export const bundledLayout = {
  pdfWorker: 'render-pdf-worker.mjs',
  assetsDir: 'render-assets',
  watermarkFont: 'fonts/DejaVuSans-Bold.ttf',
  textFont: 'fonts/DejaVuSansMono.ttf',
  pdfjsDir: 'pdfjs',
} as const;

let cached: RendererAssets | undefined;

export function rendererAssets(): RendererAssets {
  cached ??= locate(path.dirname(fileURLToPath(import.meta.url)));
  return cached;
}

function locate(here: string): RendererAssets {
  const bundledWorker = path.join(here, bundledLayout.pdfWorker);
  if (existsSync(bundledWorker)) {
    const assets = path.join(here, bundledLayout.assetsDir);
    const pdfjs = path.join(assets, bundledLayout.pdfjsDir);
    return {
      pdfWorker: bundledWorker,
      watermarkFont: path.join(assets, bundledLayout.watermarkFont),
      textFont: path.join(assets, bundledLayout.textFont),
      ...pdfjsUrls(pdfjs),
    };
  }
  const sourceWorker = path.join(here, 'pdf-worker.ts');
  if (existsSync(sourceWorker)) {
    const require = createRequire(import.meta.url);
    const fonts = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    return {
      pdfWorker: sourceWorker,
      watermarkFont: path.join(fonts, 'DejaVuSans-Bold.ttf'),
      textFont: path.join(fonts, 'DejaVuSansMono.ttf'),
      ...pdfjsUrls(path.dirname(require.resolve('pdfjs-dist/package.json'))),
    };
  }
  throw new Error(
    `Renderer files not found next to ${here}: bundle the renderer with infra/renderer-asset.ts, which adds ${bundledLayout.pdfWorker} and ${bundledLayout.assetsDir}/.`,
  );
}

/** The pdf.js data folders we ship: the same names in node_modules/pdfjs-dist and in render-assets/pdfjs. */
export const pdfjsDataFolders = ['standard_fonts', 'cmaps', 'wasm', 'iccs'] as const;

function pdfjsUrls(root: string) {
  const folder = (name: string) => path.join(root, name) + path.sep;
  return { standardFontDataUrl: folder('standard_fonts'), cMapUrl: folder('cmaps'), wasmUrl: folder('wasm'), iccUrl: folder('iccs') };
}

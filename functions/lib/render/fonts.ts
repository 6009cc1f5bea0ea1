/**
 * The renderer draws text only with the fonts it ships (Lambda's runtime has none): each is
 * registered once under its own family name, and every fillText names that family.
 */
import { GlobalFonts } from '@napi-rs/canvas';
import { rendererAssets } from './assets.js';

export const WATERMARK_FAMILY = 'ShareLink Watermark';
export const TEXT_FAMILY = 'ShareLink Mono';

let registered = false;

export function registerFonts(): void {
  if (registered) return;
  const assets = rendererAssets();
  for (const [file, family] of [
    [assets.watermarkFont, WATERMARK_FAMILY],
    [assets.textFont, TEXT_FAMILY],
  ] as const) {
    if (!GlobalFonts.registerFromPath(file, family)) throw new Error(`Could not load the font ${file}`);
  }
  registered = true;
}

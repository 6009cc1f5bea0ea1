/**
 * Run by no-system-fonts.test.ts in a mount namespace where every system font folder is
 * empty, as on Lambda: prints which font families the canvas sees and how much of a
 * render the watermark and the text cover.
 */
import { GlobalFonts } from '@napi-rs/canvas';
import { closeRenderer, renderPreview } from '../../../functions/lib/render/index.js';
import { makeFlatPng } from './fixtures.js';
import { WATERMARK, pixelsOf, shareDifferentFrom } from './support.js';

const systemFamilies = GlobalFonts.families.map((family) => family.family);
const image = await pixelsOf((await renderPreview({ bytes: await makeFlatPng(800, 600), name: 'grey.png', watermark: WATERMARK })).bytes);
const text = await pixelsOf(
  (await renderPreview({ bytes: Buffer.from('The quick brown fox\n'.repeat(40)), name: 'fox.txt', watermark: WATERMARK })).bytes,
);
await closeRenderer();
console.log(
  JSON.stringify({
    systemFamilies,
    watermarkShare: shareDifferentFrom(image, 128, 20, { x: 0, y: 0, width: 800, height: 500 }),
    textInk: shareDifferentFrom(text, 255, 80, { x: 40, y: 150, width: 600, height: 600 }),
  }),
);

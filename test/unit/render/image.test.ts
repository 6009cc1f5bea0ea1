import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPreview } from '../../../functions/lib/render/index.js';
import { makeFlatPng, makeJpeg, makePng, makePngBomb } from './fixtures.js';
import { WATERMARK, meanAbsoluteDifference, pixelsOf, refused, shareDifferentFrom } from './support.js';

let photo: Buffer;
let flat: Buffer;

beforeAll(async () => {
  photo = await sharp(await makeJpeg(3000, 2000))
    .withExif({ IFD0: { Copyright: 'ORIGINAL-EXIF-MARKER' } })
    .jpeg({ quality: 85 })
    .toBuffer();
  flat = await makeFlatPng(1200, 900);
});

describe('images become a new, smaller, watermarked image', () => {
  it('a 3000 x 2000 JPEG becomes a 2048 x 1365 WebP: new bytes, no metadata of the original', async () => {
    const out = await renderPreview({ bytes: photo, name: 'holiday.jpg', watermark: WATERMARK });
    expect(out).toMatchObject({
      contentType: 'image/webp',
      width: 2048,
      height: 1365,
      page: 1,
      pageCount: 1,
      source: { kind: 'image', format: 'jpeg', mismatch: false },
    });
    const meta = await sharp(out.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 2048, 1365]);
    expect(meta.exif).toBeUndefined();
    expect(out.bytes.includes('ORIGINAL-EXIF-MARKER')).toBe(false);
    expect(out.bytes.subarray(0, 64).equals(photo.subarray(0, 64))).toBe(false);
  });

  it('a PNG becomes a JPEG when asked, within maxSide', async () => {
    const png = await makePng(900, 1600);
    const out = await renderPreview({ bytes: png, name: 'scan.png', watermark: WATERMARK, format: 'jpeg', maxSide: 1024 });
    expect(out).toMatchObject({ contentType: 'image/jpeg', width: 576, height: 1024 });
    expect((await sharp(out.bytes).metadata()).format).toBe('jpeg');
  });

  it('the watermark is drawn across the whole image and along its bottom edge', async () => {
    const out = await renderPreview({ bytes: flat, name: 'grey.png', watermark: WATERMARK });
    const pixels = await pixelsOf(out.bytes);
    expect([pixels.width, pixels.height]).toEqual([1200, 900]);
    // The input is flat grey 128: anything else is the watermark. Each quadrant above the band carries it.
    const band = Math.round((900 / 30) * 1.8) + 2;
    const half = { width: 600, height: (900 - band) / 2 };
    for (const [x, y] of [
      [0, 0],
      [600, 0],
      [0, half.height],
      [600, half.height],
    ] as const) {
      expect(shareDifferentFrom(pixels, 128, 20, { x, y, width: half.width, height: Math.floor(half.height) })).toBeGreaterThan(0.04);
    }
    // The band: mostly darkened grey, with light lettering.
    const bandBox = { x: 0, y: 900 - band + 4, width: 1200, height: band - 8 };
    expect(shareDifferentFrom(pixels, 128, 40, bandBox)).toBeGreaterThan(0.5);
  });

  it('names the recipient: other watermark lines give other pixels', async () => {
    const alice = await pixelsOf((await renderPreview({ bytes: flat, name: 'grey.png', watermark: WATERMARK })).bytes);
    const again = await pixelsOf((await renderPreview({ bytes: flat, name: 'grey.png', watermark: WATERMARK })).bytes);
    const bob = await pixelsOf(
      (await renderPreview({ bytes: flat, name: 'grey.png', watermark: { lines: ['c-4f9a2b', '2026-11-30 10:22 UTC'] } })).bytes,
    );
    expect(meanAbsoluteDifference(alice, again)).toBe(0);
    expect(meanAbsoluteDifference(alice, bob)).toBeGreaterThan(1);
  });

  it('applies EXIF orientation, and enlarges tiny images so the watermark can be read', async () => {
    const rotated = await sharp(await makeJpeg(600, 400))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(await renderPreview({ bytes: rotated, name: 'portrait.jpg', watermark: WATERMARK })).toMatchObject({ width: 400, height: 600 });
    const icon = await makePng(32, 16);
    expect(await renderPreview({ bytes: icon, name: 'icon.png', watermark: WATERMARK })).toMatchObject({ width: 512, height: 256 });
  });

  it.each(['webp', 'gif', 'tiff', 'avif'] as const)('reads %s too', async (format) => {
    const input = await sharp(await makeFlatPng(200, 150))
      .toFormat(format)
      .toBuffer();
    expect(await renderPreview({ bytes: input, name: `picture.${format}`, watermark: WATERMARK })).toMatchObject({
      width: 512,
      height: 384,
      source: { kind: 'image', format, mismatch: false },
    });
  });

  it('a file named .pdf that is a PNG is rendered as the image it is, flagged as a mismatch', async () => {
    const out = await renderPreview({
      bytes: await makePng(400, 300),
      name: 'invoice.pdf',
      contentType: 'application/pdf',
      watermark: WATERMARK,
    });
    expect(out).toMatchObject({ width: 512, height: 384, source: { kind: 'image', format: 'png', mismatch: true } });
  });
});

describe('images that are refused, quickly and without decoding them', () => {
  it('a 30,000 x 30,000 PNG bomb (1 MB, 900 MB decoded) is TOO_MANY_PIXELS, without its memory', async () => {
    const bomb = makePngBomb(30_000, 30_000);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const peakBefore = process.resourceUsage().maxRSS;
    const error = await refused(renderPreview({ bytes: bomb, name: 'bomb.png', watermark: WATERMARK }), 'TOO_MANY_PIXELS');
    expect(error).toMatchObject({ code: 'PREVIEW_FAILED', status: 422 });
    expect(error.message).toMatch(/30,000 x 30,000 pixels/);
    // Decoding it would take 900 MB; refusing it from its header takes nothing worth counting (maxRSS is in KB).
    expect(process.resourceUsage().maxRSS - peakBefore).toBeLessThan(200 * 1024);
  });

  it('a JPEG signature followed by garbage is CORRUPT', async () => {
    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 0x5a)]);
    await refused(renderPreview({ bytes: garbage, name: 'broken.jpg', watermark: WATERMARK }), 'CORRUPT');
  });

  it('past the deadline it is TIMED_OUT', async () => {
    await refused(renderPreview({ bytes: photo, name: 'holiday.jpg', watermark: WATERMARK, deadlineMs: 1 }), 'TIMED_OUT');
  });

  it('an image has one page', async () => {
    const error = await refused(renderPreview({ bytes: flat, name: 'grey.png', page: 2, watermark: WATERMARK }), 'PAGE_OUT_OF_RANGE');
    expect(error).toMatchObject({ status: 400, pageCount: 1 });
  });

  it('will not render without a watermark', async () => {
    await expect(renderPreview({ bytes: flat, name: 'grey.png', watermark: { lines: [] } })).rejects.toThrow();
    await expect(renderPreview({ bytes: flat, name: 'grey.png', watermark: { lines: ['   '] } })).rejects.toThrow();
  });
});

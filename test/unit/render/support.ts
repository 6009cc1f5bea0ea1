import sharp from 'sharp';
import { expect } from 'vitest';
import { RenderError, type RenderErrorReason } from '../../../functions/lib/render/index.js';

export const WATERMARK = { lines: ['alice@example.com', '2026-11-30 10:22 UTC'] };

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
  format: string | undefined;
}

/** Decodes a render as a browser would, to look at its pixels. */
export async function pixelsOf(image: Buffer): Promise<Pixels> {
  const format = (await sharp(image).metadata()).format;
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels, format };
}

/** Share of pixels in the rectangle whose colour is more than `threshold` away from `grey` on some channel. */
export function shareDifferentFrom(
  pixels: Pixels,
  grey: number,
  threshold: number,
  box: { x: number; y: number; width: number; height: number },
): number {
  let different = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const at = (y * pixels.width + x) * pixels.channels;
      if (
        Math.abs(pixels.data[at]! - grey) > threshold ||
        Math.abs(pixels.data[at + 1]! - grey) > threshold ||
        Math.abs(pixels.data[at + 2]! - grey) > threshold
      )
        different++;
    }
  }
  return different / (box.width * box.height);
}

export function meanAbsoluteDifference(a: Pixels, b: Pixels): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/** The promise rejects with a RenderError of this reason; returns it for further checks. */
export async function refused(work: Promise<unknown>, reason: RenderErrorReason): Promise<RenderError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(RenderError);
  expect((error as RenderError).reason, (error as RenderError).message).toBe(reason);
  return error as RenderError;
}

/**
 * Raster images with sharp (libvips): the header is read first and images over the pixel
 * budget are refused before anything is decoded (a 30,000 x 30,000 PNG is 1 MB on disk and
 * 3.6 GB decoded); JPEGs shrink while they decode; EXIF orientation is applied.
 */
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { encodeWithWatermark, type OutputFormat } from './encode.js';
import { RenderError } from './errors.js';

export const imageLimits = {
  /** 100 megapixels: above any camera's photo, far below a bomb. */
  maxInputPixels: 100_000_000,
  /** Small images are enlarged to this long side so the watermark stays legible. */
  minSide: 512,
};

export interface ImageRender {
  bytes: Buffer;
  width: number;
  height: number;
}

export async function renderImage(
  bytes: Uint8Array,
  options: { maxSide: number; lines: string[]; format: OutputFormat; quality: number; deadline: number },
): Promise<ImageRender> {
  const inputOptions: SharpOptions = {
    limitInputPixels: imageLimits.maxInputPixels,
    failOn: 'error',
    sequentialRead: true,
    animated: false,
  };
  let meta: Metadata;
  try {
    // Only the header is read here, so the pixel budget is checked by us, with the dimensions in the message.
    meta = await sharp(bytes, { ...inputOptions, limitInputPixels: false }).metadata();
  } catch (error) {
    throw toRenderError(error);
  }
  const { width, height } = orientedSize(meta);
  if (!width || !height) throw new RenderError('CORRUPT', 'This image could not be read; it may be damaged.');
  if (width * height > imageLimits.maxInputPixels) throw tooManyPixels(width, height);
  const longSide = Math.max(width, height);
  const target = Math.min(options.maxSide, Math.max(longSide, Math.min(imageLimits.minSide, options.maxSide)));
  const scale = target / longSide;
  const outWidth = Math.max(1, Math.round(width * scale));
  const outHeight = Math.max(1, Math.round(height * scale));
  const timeoutSeconds = Math.max(1, Math.ceil((options.deadline - Date.now()) / 1000));
  const pipeline = sharp(bytes, inputOptions).rotate().resize(outWidth, outHeight, { fit: 'fill' });
  try {
    const output = await withDeadline(
      encodeWithWatermark(pipeline, {
        width: outWidth,
        height: outHeight,
        lines: options.lines,
        format: options.format,
        quality: options.quality,
        timeoutSeconds,
      }),
      options.deadline,
    );
    return { bytes: output, width: outWidth, height: outHeight };
  } catch (error) {
    throw toRenderError(error);
  }
}

/** Width and height as displayed: EXIF orientations 5 to 8 swap them. */
function orientedSize(meta: Metadata) {
  const swap = (meta.orientation ?? 1) >= 5;
  return { width: swap ? meta.height : meta.width, height: swap ? meta.width : meta.height };
}

const tooManyPixels = (width: number, height: number) =>
  new RenderError(
    'TOO_MANY_PIXELS',
    `This image is too large to preview (${width.toLocaleString('en-US')} x ${height.toLocaleString('en-US')} pixels; at most ${imageLimits.maxInputPixels / 1_000_000} megapixels).`,
  );

/** What sharp (libvips) threw, as a refusal: pixel limit, timeout, or a file it cannot read. */
export function toRenderError(error: unknown): RenderError {
  if (error instanceof RenderError) return error;
  const message = String((error as Error)?.message ?? error);
  if (/exceeds pixel limit/i.test(message))
    return new RenderError(
      'TOO_MANY_PIXELS',
      `This image is too large to preview (at most ${imageLimits.maxInputPixels / 1_000_000} megapixels).`,
      { cause: error },
    );
  if (/timeout/i.test(message))
    return new RenderError('TIMED_OUT', 'Rendering this file took too long, so the preview was stopped.', { cause: error });
  return new RenderError('CORRUPT', 'This image could not be read; it may be damaged.', { cause: error });
}

export function withDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RenderError('TIMED_OUT', 'Rendering this file took too long, so the preview was stopped.')),
      Math.max(0, deadline - Date.now()),
    );
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

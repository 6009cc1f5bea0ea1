/** The last step of every render: the watermark composited on top, then a fresh WebP or JPEG. */
import sharp, { type Sharp } from 'sharp';
import { watermarkOverlay } from './watermark.js';

// One image at a time, nothing cached between requests: memory stays that of the current render.
sharp.cache(false);
sharp.concurrency(1);

export type OutputFormat = 'webp' | 'jpeg';

export interface EncodeOptions {
  width: number;
  height: number;
  lines: string[];
  format: OutputFormat;
  quality: number;
  /** Seconds libvips may spend before it gives up. */
  timeoutSeconds: number;
}

/** `pipeline` must produce exactly width x height pixels. */
export async function encodeWithWatermark(pipeline: Sharp, options: EncodeOptions): Promise<Buffer> {
  const overlay = watermarkOverlay(options.width, options.height, options.lines);
  const composed = pipeline
    .flatten({ background: '#ffffff' })
    .composite([{ input: overlay, raw: { width: options.width, height: options.height, channels: 4 }, top: 0, left: 0 }])
    .timeout({ seconds: options.timeoutSeconds });
  // No metadata is copied (sharp drops EXIF, ICC and XMP unless asked): nothing of the original rides along.
  return options.format === 'webp'
    ? composed.webp({ quality: options.quality, effort: 2 }).toBuffer()
    : composed.jpeg({ quality: options.quality, mozjpeg: false }).toBuffer();
}

export function rawPipeline(pixels: Uint8Array, width: number, height: number): Sharp {
  return sharp(pixels, { raw: { width, height, channels: 4 } });
}

/**
 * Secure-view previews: a file becomes a NEW image (WebP or JPEG, at most `maxSide` px on its
 * long side) that carries a visible watermark; the original bytes never leave. Images and PDF
 * pages are rendered, text files are set as pages, everything else is refused with a
 * RenderError (415 PREVIEW_UNAVAILABLE, 422 PREVIEW_FAILED, 400 PREVIEW_PAGE_OUT_OF_RANGE).
 * No AWS imports: the caller reads the original and stores the result.
 */
import * as z from 'zod/mini';
import { decide } from './detect.js';
import { RenderError } from './errors.js';
import { imageLimits, renderImage, toRenderError, withDeadline } from './image.js';
import { closePdfWorker, pdfLimits, renderPdfPage, warmPdfWorker } from './pdf.js';
import { registerFonts } from './fonts.js';
import { encodeWithWatermark, rawPipeline } from './encode.js';
import { textLimits, renderText } from './text.js';

export { RenderError, isRenderError, type RenderErrorCode, type RenderErrorReason } from './errors.js';

export const renderLimits = {
  /** Larger files are refused (TOO_LARGE) without being parsed; check the object size before reading it. */
  maxInputBytes: 100 * 1024 * 1024,
  maxSide: 2048,
  defaultDeadlineMs: 8_000,
  image: imageLimits,
  pdf: pdfLimits,
  text: textLimits,
};

const watermarkLine = z.pipe(
  z.string().check(z.trim()),
  z.string().check(z.minLength(1), z.maxLength(200), z.regex(/^[^\p{Cc}]*$/u, 'no control characters')),
);

export const renderRequestSchema = z.object({
  bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes must be a Uint8Array or a Buffer'),
  /** The file's name as uploaded (its extension is what the file claims to be). */
  name: z.string().check(z.minLength(1), z.maxLength(1024)),
  contentType: z.optional(z.string().check(z.maxLength(255))),
  /** 1-based; PDFs and text files have pages, images only page 1. */
  page: z._default(z.int().check(z.minimum(1), z.maximum(100_000)), 1),
  /** Who and when, e.g. ['alice@example.com', '2026-11-30 10:22 UTC']: one to four lines. */
  watermark: z.object({ lines: z.array(watermarkLine).check(z.minLength(1), z.maxLength(4)) }),
  maxSide: z._default(z.int().check(z.minimum(256), z.maximum(renderLimits.maxSide)), renderLimits.maxSide),
  format: z._default(z.enum(['webp', 'jpeg']), 'webp'),
  quality: z._default(z.int().check(z.minimum(30), z.maximum(95)), 80),
  deadlineMs: z._default(z.int().check(z.minimum(1), z.maximum(60_000)), renderLimits.defaultDeadlineMs),
});

export type RenderRequest = z.input<typeof renderRequestSchema>;

export interface RenderedPreview {
  bytes: Buffer;
  contentType: 'image/webp' | 'image/jpeg';
  width: number;
  height: number;
  /** 1-based page shown; 1 for images. */
  page: number;
  pageCount: number;
  /** What the bytes really are, and whether the name or content type said otherwise. */
  source: { kind: 'image' | 'pdf' | 'text'; format: string; mismatch: boolean };
  /** Text only: the preview stops before the end of the file (and says so on its last page). */
  truncated: boolean;
}

export async function renderPreview(request: RenderRequest): Promise<RenderedPreview> {
  const input = renderRequestSchema.parse(request);
  const deadline = Date.now() + input.deadlineMs;
  const decision = decide(input.bytes, input.name, input.contentType);
  if (input.bytes.length > renderLimits.maxInputBytes) {
    throw new RenderError('TOO_LARGE', `This file is too large to preview (at most ${renderLimits.maxInputBytes / (1024 * 1024)} MB).`);
  }
  const contentType = input.format === 'webp' ? 'image/webp' : 'image/jpeg';
  const lines = input.watermark.lines;
  switch (decision.render) {
    case 'image': {
      if (input.page !== 1)
        throw new RenderError('PAGE_OUT_OF_RANGE', `An image has 1 page; page ${input.page} does not exist.`, { pageCount: 1 });
      const out = await renderImage(input.bytes, { maxSide: input.maxSide, lines, format: input.format, quality: input.quality, deadline });
      return {
        ...out,
        contentType,
        page: 1,
        pageCount: 1,
        source: { kind: 'image', format: decision.format, mismatch: decision.mismatch },
        truncated: false,
      };
    }
    case 'pdf': {
      // The budget counts from when the worker takes the job: loading pdf.js into a cold worker,
      // or waiting behind another document, is not this document's time.
      const page = await renderPdfPage(input.bytes, input.page, input.maxSide, input.deadlineMs);
      const pdfDeadline = page.deadline;
      const timeoutSeconds = Math.max(1, Math.ceil((pdfDeadline - Date.now()) / 1000));
      const bytes = await withDeadline(
        encodeWithWatermark(rawPipeline(page.pixels, page.width, page.height), {
          width: page.width,
          height: page.height,
          lines,
          format: input.format,
          quality: input.quality,
          timeoutSeconds,
        }),
        pdfDeadline,
      ).catch((error: unknown) => {
        throw toRenderError(error);
      });
      return {
        bytes,
        contentType,
        width: page.width,
        height: page.height,
        page: input.page,
        pageCount: page.pageCount,
        source: { kind: 'pdf', format: 'pdf', mismatch: decision.mismatch },
        truncated: false,
      };
    }
    case 'text': {
      const out = await renderText(input.bytes, {
        name: input.name,
        page: input.page,
        maxSide: input.maxSide,
        lines,
        format: input.format,
        quality: input.quality,
        deadline,
      });
      return {
        bytes: out.bytes,
        contentType,
        width: out.width,
        height: out.height,
        page: input.page,
        pageCount: out.pageCount,
        source: { kind: 'text', format: 'text', mismatch: false },
        truncated: out.truncated,
      };
    }
  }
}

/**
 * Loads what the first render would otherwise load (fonts, the PDF worker with pdf.js). A Lambda
 * handler calls it at module load (`await warmRenderer()` at top level), in the init phase.
 */
export async function warmRenderer(): Promise<void> {
  registerFonts();
  await warmPdfWorker();
}

/** Stops the PDF process, if one is running (tests, local runtime shutdown). */
export async function closeRenderer(): Promise<void> {
  await closePdfWorker();
}

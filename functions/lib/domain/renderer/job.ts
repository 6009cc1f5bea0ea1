import * as z from 'zod/mini';
import { FILES_PREFIX, PREVIEWS_PREFIX } from '../../contract/storage.js';
import { isRenderError, renderLimits, type RenderRequest, type RenderedPreview } from '../../render/index.js';
import type { RenderOutcome, RenderStore } from '../ports.js';

/**
 * The renderer function's one job: read an original under `users/`, render it (functions/lib/render:
 * a new, watermarked WebP), store the render under `previews/` and say how many pages the file has.
 * Bad inputs are answered with the renderer's refusal (415/422/400), never thrown: a throw is a bug.
 */

const keyUnder = (prefix: string) =>
  z.string().check(
    z.maxLength(1024),
    z.refine((key) => key.startsWith(prefix) && !key.split('/').includes('..'), `must lie under ${prefix}`),
  );

export const renderJobSchema = z.strictObject({
  sourceKey: keyUnder(FILES_PREFIX),
  targetKey: keyUnder(PREVIEWS_PREFIX),
  name: z.string().check(z.minLength(1), z.maxLength(1024)),
  page: z.int().check(z.minimum(1), z.maximum(100_000)),
  maxSide: z.int().check(z.minimum(256), z.maximum(renderLimits.maxSide)),
  watermark: z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.minLength(1), z.maxLength(4)),
});

export interface RenderJobDeps {
  store: RenderStore;
  render: (request: RenderRequest) => Promise<RenderedPreview>;
}

export async function runRenderJob(deps: RenderJobDeps, input: unknown): Promise<RenderOutcome> {
  const job = renderJobSchema.parse(input);
  const original = await deps.store.read(job.sourceKey, renderLimits.maxInputBytes);
  if (original === 'missing') {
    return {
      ok: false,
      code: 'FILE_NOT_FOUND',
      reason: 'MISSING',
      message: 'This file is no longer available: the owner moved or deleted it.',
    };
  }
  if (original === 'too-large') {
    return {
      ok: false,
      code: 'PREVIEW_FAILED',
      reason: 'TOO_LARGE',
      message: `This file is too large to preview (at most ${renderLimits.maxInputBytes / (1024 * 1024)} MB).`,
    };
  }
  let preview: RenderedPreview;
  try {
    preview = await deps.render({
      bytes: original.bytes,
      name: job.name,
      ...(original.contentType ? { contentType: original.contentType } : {}),
      page: job.page,
      maxSide: job.maxSide,
      watermark: { lines: job.watermark },
      format: 'webp',
    });
  } catch (error) {
    if (!isRenderError(error)) throw error;
    return {
      ok: false,
      code: error.code,
      reason: error.reason,
      message: error.message,
      ...(error.pageCount === undefined ? {} : { pageCount: error.pageCount }),
    };
  }
  await deps.store.write(job.targetKey, preview.bytes, preview.contentType, preview.pageCount);
  return { ok: true, pageCount: preview.pageCount };
}

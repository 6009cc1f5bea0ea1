import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { PREVIEWS_PREFIX } from '../../contract/storage.js';
import { AppError } from '../../errors.js';
import { contentDisposition } from '../disposition.js';
import type { PreviewCache, Renderer, StoredFile } from '../ports.js';
import type { Share } from '../share.js';
import { clientHash } from '../tokens.js';
import type { Recipient, RecipientDeps } from './access.js';
import { decodeFileId } from './files.js';
import { record } from './log.js';

/**
 * Previews (docs/api.md, "Previews and secure view"). While downloads are allowed, a preview may
 * be the original, inline, in a type a browser shows without running anything. When downloads
 * are off or the limit is reached (secure view), it never is: images, PDF pages and text become
 * new, watermarked images made by the renderer function, cached under `previews/`; video and
 * audio are refused. Previews never count as downloads; each opened one is logged.
 */

export interface PreviewDeps extends RecipientDeps {
  previews: PreviewCache;
  renderer: Renderer;
}

/** The renderer refuses larger files (functions/lib/render `renderLimits.maxInputBytes`; a test keeps the two equal). */
export const PREVIEW_MAX_INPUT_BYTES = 100 * 1024 * 1024;
/** Long side of a rendered preview, and of a thumbnail. */
export const PREVIEW_MAX_SIDE = 2048;
export const THUMBNAIL_MAX_SIDE = 256;
/** Watermarks name the hour; a render is reused within its hour, for the same recipient only. */
export const WATERMARK_BUCKET_MS = 3600_000;

const fileIdSchema = z.string().check(z.minLength(1), z.maxLength(4096));
export const previewSchema = z.strictObject({
  fileId: fileIdSchema,
  page: z.optional(z.int().check(z.minimum(1), z.maximum(100_000))),
});
export const thumbnailSchema = z.strictObject({ fileId: fileIdSchema });

export type PreviewKind = 'image' | 'pdf' | 'video' | 'audio' | 'text';

interface PreviewType {
  kind: PreviewKind;
  /** The content type the original may be served inline as; none: only ever rendered. */
  inline?: string;
}

const TEXT = 'text/plain; charset=utf-8';
/**
 * By file extension. Inline types never include HTML or SVG (both can carry script); text is
 * always served as plain text. Images browsers cannot show (TIFF, HEIC, BMP) and PDFs are always
 * rendered: rendered pages work on every phone, where an inline PDF often does not.
 */
const PREVIEW_TYPES: Record<string, PreviewType> = {
  png: { kind: 'image', inline: 'image/png' },
  jpg: { kind: 'image', inline: 'image/jpeg' },
  jpeg: { kind: 'image', inline: 'image/jpeg' },
  gif: { kind: 'image', inline: 'image/gif' },
  webp: { kind: 'image', inline: 'image/webp' },
  avif: { kind: 'image', inline: 'image/avif' },
  tif: { kind: 'image' },
  tiff: { kind: 'image' },
  bmp: { kind: 'image' },
  heic: { kind: 'image' },
  heif: { kind: 'image' },
  pdf: { kind: 'pdf' },
  txt: { kind: 'text', inline: TEXT },
  text: { kind: 'text', inline: TEXT },
  md: { kind: 'text', inline: TEXT },
  markdown: { kind: 'text', inline: TEXT },
  csv: { kind: 'text', inline: TEXT },
  tsv: { kind: 'text', inline: TEXT },
  log: { kind: 'text', inline: TEXT },
  json: { kind: 'text', inline: TEXT },
  mp4: { kind: 'video', inline: 'video/mp4' },
  m4v: { kind: 'video', inline: 'video/mp4' },
  webm: { kind: 'video', inline: 'video/webm' },
  mov: { kind: 'video', inline: 'video/quicktime' },
  ogv: { kind: 'video', inline: 'video/ogg' },
  mp3: { kind: 'audio', inline: 'audio/mpeg' },
  m4a: { kind: 'audio', inline: 'audio/mp4' },
  aac: { kind: 'audio', inline: 'audio/aac' },
  wav: { kind: 'audio', inline: 'audio/wav' },
  flac: { kind: 'audio', inline: 'audio/flac' },
  ogg: { kind: 'audio', inline: 'audio/ogg' },
  oga: { kind: 'audio', inline: 'audio/ogg' },
  opus: { kind: 'audio', inline: 'audio/ogg' },
};

export function previewTypeOf(name: string): PreviewType | undefined {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? undefined : PREVIEW_TYPES[name.slice(dot + 1).toLowerCase()];
}

/** Downloads off, or the limit used up: previews must not hand out the original. */
export function isSecureView(share: Share): boolean {
  return !share.allowDownload || (share.maxDownloads !== null && share.downloadCount >= share.maxDownloads);
}

/**
 * Who the watermark names: a verified partner's email, else the recipient client (the first
 * characters of the keyed client hash the access log shows).
 */
export function recipientLabel(deps: RecipientDeps, who: Recipient): string {
  if (who.email !== undefined) return who.email;
  return `Recipient ${clientHash(deps.signingKey, who.sourceIp).slice(0, 10)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The watermark's lines: who, and the hour of viewing (UTC). */
export function watermarkLines(deps: RecipientDeps, who: Recipient): string[] {
  const hour = new Date(Math.floor(deps.nowMs / WATERMARK_BUCKET_MS) * WATERMARK_BUCKET_MS);
  const when = `${hour.getUTCFullYear()}-${pad(hour.getUTCMonth() + 1)}-${pad(hour.getUTCDate())} ${pad(hour.getUTCHours())}:00 UTC`;
  return [recipientLabel(deps, who), `Viewed ${when}`];
}

/**
 * Where a render is cached: per share, and keyed by everything that changes its pixels (the
 * file's version, page, size and the watermark, i.e. recipient and hour), so nobody is ever
 * served a render made for someone else.
 */
export function previewKey(shareId: string, source: StoredFile, page: number, maxSide: number, lines: string[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([source.key, source.size, source.lastModified, page, maxSide, lines]))
    .digest('base64url');
  return `${PREVIEWS_PREFIX}${shareId}/${hash}.webp`;
}

const gone = () => new AppError('FILE_NOT_FOUND', 'This file is no longer available: the owner moved or deleted it.');
const unavailable = (message: string) => new AppError('PREVIEW_UNAVAILABLE', message);

/** A watermarked render from the cache, made by the renderer function when it is not there yet. */
async function rendered(
  deps: PreviewDeps,
  share: Share,
  target: { key: string; name: string },
  source: StoredFile,
  page: number,
  maxSide: number,
  who: Recipient,
) {
  if (source.size === 0) throw new AppError('PREVIEW_FAILED', 'This file is empty (0 bytes): there is nothing to preview.');
  if (source.size > PREVIEW_MAX_INPUT_BYTES) {
    throw new AppError('PREVIEW_FAILED', `This file is too large to preview (at most ${PREVIEW_MAX_INPUT_BYTES / (1024 * 1024)} MB).`);
  }
  const lines = watermarkLines(deps, who);
  const key = previewKey(share.id, source, page, maxSide, lines);
  let pageCount = (await deps.previews.find(key))?.pageCount;
  if (pageCount === undefined) {
    const outcome = await deps.renderer.render({
      sourceKey: target.key,
      targetKey: key,
      name: target.name,
      page,
      maxSide,
      watermark: lines,
    });
    if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
    pageCount = outcome.pageCount;
  }
  const name = `${target.name.replace(/\.[^.]*$/, '')}.webp`;
  const presigned = await deps.previews.presign(key, contentDisposition(name, 'inline'), 'image/webp');
  return { ...presigned, pageCount, watermark: lines };
}

/** `POST …/previews`: what the viewer shows for one file (page N of a PDF or a text file). */
export async function createPreview(deps: PreviewDeps, share: Share, fileId: string, page: number | undefined, who: Recipient) {
  const target = decodeFileId(share, fileId);
  const type = previewTypeOf(target.name);
  if (!type) throw unavailable('Files of this kind cannot be previewed. Images, PDF, text, video and audio files can.');
  const secure = isSecureView(share);
  if (secure && (type.kind === 'video' || type.kind === 'audio')) {
    throw unavailable('Video and audio files cannot be previewed while downloads are off for this link.');
  }
  const source = await deps.files.stat(target.key);
  if (!source) throw gone();
  let body;
  if (!secure && type.inline) {
    const presigned = await deps.files.presignDownload(target.key, contentDisposition(target.name, 'inline'), type.inline);
    body = { kind: type.kind, ...presigned, rendered: false };
  } else {
    const render = await rendered(deps, share, target, source, page ?? 1, PREVIEW_MAX_SIDE, who);
    body = { kind: type.kind, ...render, rendered: true };
  }
  await record(deps, share, who, 'preview', target.label);
  return body;
}

/**
 * `POST …/thumbnails`: a small picture for an image row. The original (lazy-loaded by the page)
 * while downloads are allowed, a 256 px render otherwise. Not logged: a list of images is not
 * somebody opening one.
 */
export async function createThumbnail(deps: PreviewDeps, share: Share, fileId: string, who: Recipient) {
  const target = decodeFileId(share, fileId);
  const type = previewTypeOf(target.name);
  if (type?.kind !== 'image') throw unavailable('Only images have thumbnails.');
  const source = await deps.files.stat(target.key);
  if (!source) throw gone();
  if (!isSecureView(share) && type.inline) {
    return deps.files.presignDownload(target.key, contentDisposition(target.name, 'inline'), type.inline);
  }
  const { url, expiresAt } = await rendered(deps, share, target, source, 1, THUMBNAIL_MAX_SIDE, who);
  return { url, expiresAt };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { AppError, notFound, validationFailed } from '../../errors.js';
import { baseName, keyOf, newFilePathSchema } from '../paths.js';
import type { CompletedPart, FileStore } from '../ports.js';

/**
 * Owner uploads go straight from the browser to S3 with presigned URLs; the bytes never
 * pass through a Lambda. Up to 16 MiB: one PUT. Above: S3 multipart, one presigned
 * UploadPart URL per part, then `complete`.
 */

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Single presigned PUTs up to 16 MiB; larger files use multipart. */
export const SINGLE_UPLOAD_MAX_BYTES = 16 * MiB;
/**
 * Parts are 16 MiB (the single-PUT limit, well above S3's 5 MiB minimum), so a failed part
 * costs at most 16 MiB to resend; a 2 GB file is 120 parts. Bigger files get bigger parts so
 * that no file needs more than MAX_PARTS: every part URL is handed out in one answer, and
 * 1,000 URLs keep it under a megabyte (Lambda answers are capped at 6 MB; S3 allows 10,000).
 */
export const MIN_PART_BYTES = 16 * MiB;
export const MAX_PARTS = 1000;
/** S3's own limit on one part. */
export const MAX_PART_BYTES = 5 * GiB;
/** The largest limit a tenant can configure: MAX_PARTS parts of the largest size S3 takes. */
export const MAX_CONFIGURABLE_UPLOAD_BYTES = MAX_PARTS * MAX_PART_BYTES;
export const DEFAULT_MAX_UPLOAD_BYTES = 5 * GiB;

/**
 * The tenant's upload limit from `MAX_UPLOAD_BYTES` (bytes; unset or empty = 5 GiB). A value
 * that is not a whole number in range is a deployment mistake and fails loudly.
 */
export function uploadLimitFrom(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_UPLOAD_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_CONFIGURABLE_UPLOAD_BYTES) {
    throw new Error(`MAX_UPLOAD_BYTES must be a whole number of bytes from 1 to ${MAX_CONFIGURABLE_UPLOAD_BYTES}`);
  }
  return value;
}

export function partSizeFor(size: number): number {
  return Math.max(MIN_PART_BYTES, Math.ceil(size / MAX_PARTS / MiB) * MiB);
}

export function partCountFor(size: number): number {
  return Math.max(1, Math.ceil(size / partSizeFor(size)));
}

/** Bytes in one part: every part is full but the last. */
function partLength(size: number, partNumber: number): number {
  const partSize = partSizeFor(size);
  return Math.min(partSize, size - (partNumber - 1) * partSize);
}

/** "5 GiB", "16 MiB", "1.5 GiB": binary units, as the limits are set. */
export function formatSize(bytes: number): string {
  const [unit, scale] = bytes >= GiB ? ['GiB', GiB] : bytes >= MiB ? ['MiB', MiB] : ['KiB', 1024];
  return `${(bytes / scale).toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

/** Both sizes in the same words; exact bytes when rounding would make them look equal. */
function sizesForHumans(size: number, limit: number): [string, string] {
  const [a, b] = [formatSize(size), formatSize(limit)];
  return a !== b ? [a, b] : [`${size.toLocaleString('en-US')} bytes`, `${limit.toLocaleString('en-US')} bytes`];
}

export interface UploadDeps {
  files: FileStore;
  /** Seals upload ids, so one cannot be used for another path or another owner. */
  signingKey: Buffer;
  maxUploadBytes: number;
}

/**
 * What the client calls `uploadId`: S3's upload id and the declared size, sealed with an HMAC
 * over the owner and the path. S3 itself binds an upload id to its key, but this check runs
 * first and the same everywhere, so a foreign or made-up id is a clean 404 and never reaches S3.
 */
interface UploadTicket {
  s3UploadId: string;
  size: number;
}

function mac(key: Buffer, userId: string, path: string, payload: string): Buffer {
  return createHmac('sha256', key)
    .update(JSON.stringify(['sharelink-upload', userId, path, payload]))
    .digest();
}

export function sealUploadId(key: Buffer, userId: string, path: string, ticket: UploadTicket): string {
  const payload = Buffer.from(JSON.stringify([ticket.s3UploadId, ticket.size])).toString('base64url');
  return `${payload}.${mac(key, userId, path, payload).toString('base64url')}`;
}

function openUploadId(key: Buffer, userId: string, path: string, uploadId: string): UploadTicket {
  const missing = () => notFound('This upload does not exist for this file. Start the upload again.');
  const [payload, signature, extra] = uploadId.split('.');
  if (!payload || !signature || extra !== undefined) throw missing();
  const expected = mac(key, userId, path, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw missing();
  const [s3UploadId, size] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, number];
  return { s3UploadId, size };
}

export const contentTypeSchema = z
  .string()
  .check(z.maxLength(255), z.regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, 'must be a MIME type such as application/pdf'));

export const uploadSchema = z.strictObject({
  path: newFilePathSchema,
  size: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  contentType: z._default(contentTypeSchema, 'application/octet-stream'),
});

export type UploadTarget =
  | { method: 'PUT'; url: string; headers: Record<string, string> }
  | { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[] };

async function presignParts(files: FileStore, key: string, ticket: UploadTicket, partNumbers: number[]) {
  return Promise.all(
    partNumbers.map(async (partNumber) => ({
      partNumber,
      url: await files.presignUploadPart(key, ticket.s3UploadId, partNumber, partLength(ticket.size, partNumber)),
    })),
  );
}

export async function startUpload(deps: UploadDeps, userId: string, input: z.output<typeof uploadSchema>): Promise<UploadTarget> {
  if (input.size > deps.maxUploadBytes) {
    const [size, limit] = sizesForHumans(input.size, deps.maxUploadBytes);
    throw new AppError('PAYLOAD_TOO_LARGE', `"${baseName(input.path)}" is ${size}; files can be at most ${limit} here.`);
  }
  const key = keyOf(userId, input.path);
  if (input.size <= SINGLE_UPLOAD_MAX_BYTES) {
    const { url, headers } = await deps.files.presignUpload(key, input.size, input.contentType);
    return { method: 'PUT', url, headers };
  }
  const ticket = { s3UploadId: await deps.files.startMultipartUpload(key, input.contentType), size: input.size };
  const count = partCountFor(input.size);
  return {
    uploadId: sealUploadId(deps.signingKey, userId, input.path, ticket),
    partSize: partSizeFor(input.size),
    parts: await presignParts(
      deps.files,
      key,
      ticket,
      Array.from({ length: count }, (_, i) => i + 1),
    ),
  };
}

const uploadIdSchema = z.string().check(z.minLength(1), z.maxLength(2048));
const partNumberSchema = z.int().check(z.minimum(1), z.maximum(MAX_PARTS));

export const refreshPartsSchema = z.strictObject({
  path: newFilePathSchema,
  uploadId: uploadIdSchema,
  partNumbers: z.array(partNumberSchema).check(
    z.minLength(1, 'give at least one part number'),
    z.maxLength(MAX_PARTS),
    z.refine((numbers) => new Set(numbers).size === numbers.length, 'each part number at most once'),
  ),
});

/** Fresh part URLs for a long upload whose first ones (15 minutes) ran out. */
export async function refreshUploadParts(deps: UploadDeps, userId: string, input: z.output<typeof refreshPartsSchema>) {
  const ticket = openUploadId(deps.signingKey, userId, input.path, input.uploadId);
  const count = partCountFor(ticket.size);
  const beyond = input.partNumbers.find((n) => n > count);
  if (beyond !== undefined) throw validationFailed(`Invalid request body: partNumbers: this upload has ${count} parts, not ${beyond}`);
  return { parts: await presignParts(deps.files, keyOf(userId, input.path), ticket, input.partNumbers) };
}

export const completeUploadSchema = z.strictObject({
  path: newFilePathSchema,
  uploadId: uploadIdSchema,
  parts: z
    .array(
      z.strictObject({
        partNumber: partNumberSchema,
        // S3 ETags are quoted hex digests ("…-N" for multipart objects); quotes are optional here.
        etag: z.string().check(z.regex(/^"?[A-Za-z0-9+/=_-]{1,128}"?$/, 'must be the ETag S3 returned for the part')),
      }),
    )
    .check(z.minLength(1, 'give at least one part'), z.maxLength(MAX_PARTS)),
});

/** Joins the parts into the file. Every part of the declared size must be listed, each once. */
export async function completeUpload(deps: UploadDeps, userId: string, input: z.output<typeof completeUploadSchema>) {
  const ticket = openUploadId(deps.signingKey, userId, input.path, input.uploadId);
  const count = partCountFor(ticket.size);
  const parts: CompletedPart[] = [...input.parts]
    .sort((a, b) => a.partNumber - b.partNumber)
    .map((part) => ({ partNumber: part.partNumber, etag: `"${part.etag.replace(/^"|"$/g, '')}"` }));
  if (parts.length !== count || parts.some((part, i) => part.partNumber !== i + 1)) {
    throw validationFailed(`Invalid request body: parts: list parts 1 to ${count}, each once`);
  }
  const key = keyOf(userId, input.path);
  if ((await deps.files.completeMultipartUpload(key, ticket.s3UploadId, parts)) === 'missing') {
    throw notFound('This upload no longer exists: it was completed, cancelled or expired. Start the upload again.');
  }
  const stored = await deps.files.stat(key);
  return {
    path: input.path,
    name: baseName(input.path),
    size: stored?.size ?? ticket.size,
    lastModified: stored?.lastModified ?? null,
  };
}

export const abortUploadSchema = z.strictObject({ path: newFilePathSchema, uploadId: uploadIdSchema });

/** Cancels an upload and frees its parts; uploads nobody completes or cancels go after a day anyway. */
export async function abortUpload(deps: UploadDeps, userId: string, input: z.output<typeof abortUploadSchema>): Promise<void> {
  const ticket = openUploadId(deps.signingKey, userId, input.path, input.uploadId);
  await deps.files.abortMultipartUpload(keyOf(userId, input.path), ticket.s3UploadId);
}

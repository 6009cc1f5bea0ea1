import { z } from 'zod';
import { AppError, notFound } from '../errors.js';
import { shareIdSchema } from './ids.js';
import { baseName, filePathSchema, keyOf, prefixSchema, userRoot } from './paths.js';
import type { FileStore, ShareRepository } from './ports.js';
import { ownerView } from './share.js';

/** Owner-side use cases: their files and their share links. */

export const listFilesQuerySchema = z.strictObject({
  prefix: prefixSchema.default(''),
  cursor: z.string().max(2048).optional(),
});

const FILES_PAGE_SIZE = 200;

export async function listOwnerFiles(files: FileStore, userId: string, prefix: string, cursor: string | undefined) {
  const root = userRoot(userId);
  const page = await files.list(keyOf(userId, prefix), cursor, FILES_PAGE_SIZE);
  return {
    folders: page.folders.map((folder) => folder.slice(root.length)),
    files: page.files
      // A folder created empty is a zero-byte `name/` marker object, not a file.
      .filter((file) => !file.key.endsWith('/'))
      .map((file) => ({ path: file.key.slice(root.length), name: baseName(file.key), size: file.size, lastModified: file.lastModified })),
    nextCursor: page.nextCursor,
  };
}

/** Single presigned PUTs up to 16 MiB; larger files use multipart. */
export const SINGLE_UPLOAD_MAX_BYTES = 16 * 1024 * 1024;

export const uploadSchema = z.strictObject({
  path: filePathSchema,
  size: z.number().int().min(0),
  contentType: z
    .string()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, 'must be a MIME type such as application/pdf')
    .default('application/octet-stream'),
});

export async function startUpload(files: FileStore, userId: string, input: z.output<typeof uploadSchema>) {
  if (input.size > SINGLE_UPLOAD_MAX_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Files larger than ${SINGLE_UPLOAD_MAX_BYTES / 1024 / 1024} MiB are not supported yet.`);
  }
  const { url, headers } = await files.presignUpload(keyOf(userId, input.path), input.size, input.contentType);
  return { method: 'PUT' as const, url, headers };
}

export const shareStatusQuerySchema = z.strictObject({
  status: z.enum(['active', 'expired', 'cancelled', 'all']).default('all'),
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const shareIdParamsSchema = z.strictObject({ id: shareIdSchema });

export const cancelManySchema = z.strictObject({
  ids: z.array(shareIdSchema).min(1, 'give at least one id').max(100, 'at most 100 ids at once'),
});

export interface OwnerDeps {
  shares: ShareRepository;
  baseUrl: string;
  nowMs: number;
}

export async function listOwnerShares(deps: OwnerDeps, userId: string, query: z.output<typeof shareStatusQuerySchema>) {
  const page = await deps.shares.listByOwner(userId, query.status, query.cursor, query.limit, deps.nowMs);
  return { shares: page.items.map((share) => ownerView(share, deps.baseUrl, deps.nowMs)), nextCursor: page.nextCursor };
}

/** Another owner's share is "not found": never reveal that it exists. */
export async function getOwnerShare(deps: OwnerDeps, userId: string, id: string) {
  const share = await deps.shares.get(id);
  if (!share || share.ownerId !== userId) throw notFound('Share link not found.');
  return ownerView(share, deps.baseUrl, deps.nowMs);
}

export async function cancelShares(deps: OwnerDeps, userId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const nowIso = new Date(deps.nowMs).toISOString();
  const results = await Promise.all(unique.map(async (id) => [id, await deps.shares.cancel(id, userId, nowIso)] as const));
  return {
    cancelled: results.filter(([, ok]) => ok).map(([id]) => id),
    notFound: results.filter(([, ok]) => !ok).map(([id]) => id),
  };
}

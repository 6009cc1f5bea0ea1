import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import { contentDisposition } from '../disposition.js';
import { cursorSchema } from '../ids.js';
import { aliasSchema, anyPathSchema, baseName, keyOf, pathProblem } from '../paths.js';
import type { Share } from '../share.js';
import type { Recipient, RecipientDeps } from './access.js';
import { deny, record } from './log.js';

/** What an unlocked recipient does with the share's files: list them, download one (previews: previews.ts, zips: transfers.ts). */

export const LIST_PAGE_SIZE = 100;

/**
 * A file id names one file of the share: the item's index and, inside a shared folder,
 * the path below it. Opaque to clients, checked on every use.
 */
export function encodeFileId(index: number, below = ''): string {
  return Buffer.from(JSON.stringify([index, below])).toString('base64url');
}

export function decodeFileId(share: Share, fileId: string): { key: string; name: string; label: string } {
  const bad = () => new AppError('FILE_NOT_FOUND', 'This file is not part of the share.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(fileId, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !Number.isInteger(parsed[0]) || typeof parsed[1] !== 'string') throw bad();
  const [index, below] = parsed as [number, string];
  const item = share.items[index];
  if (!item) throw bad();
  if (item.kind === 'file') {
    if (below !== '') throw bad();
    return { key: keyOf(share.ownerId, item.path), name: item.alias, label: item.alias };
  }
  if (pathProblem(below, 'file')) throw bad();
  return { key: keyOf(share.ownerId, item.path + below), name: baseName(below), label: `${item.alias}/${below}` };
}

export const listQuerySchema = z.strictObject({
  path: z._default(z.union([z.literal(''), anyPathSchema]), ''),
  cursor: z.optional(cursorSchema),
});

export interface Entry {
  fileId?: string;
  name: string;
  size: number | null;
  kind: 'file' | 'folder';
  path: string;
  lastModified?: string;
}

export interface EntryPage {
  entries: Entry[];
  nextCursor: string | null;
  /** Set when a shared folder itself is gone (the owner deleted it after sharing). */
  unavailable?: true;
  /** First page of the share's root only: its files and bytes in all; `complete: false` when counting stopped early. */
  summary?: { fileCount: number; totalBytes: number; complete: boolean };
}

/** Objects counted for a share's summary at most (a few list requests); past it the page says "at least". */
export const SUMMARY_MAX_OBJECTS = 3000;

/** The share's files and bytes: root files from the share, shared folders walked up to SUMMARY_MAX_OBJECTS. */
async function summaryOf(deps: RecipientDeps, share: Share): Promise<NonNullable<EntryPage['summary']>> {
  let fileCount = 0;
  let totalBytes = 0;
  let budget = SUMMARY_MAX_OBJECTS;
  for (const item of share.items) {
    if (item.kind === 'file') {
      fileCount += 1;
      totalBytes += item.size ?? 0;
      continue;
    }
    let cursor: string | undefined;
    do {
      if (budget <= 0) return { fileCount, totalBytes, complete: false };
      const page = await deps.files.listTree(keyOf(share.ownerId, item.path), cursor, Math.min(1000, budget));
      budget -= page.files.length;
      for (const file of page.files) {
        if (file.key.endsWith('/')) continue;
        fileCount += 1;
        totalBytes += file.size;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return { fileCount, totalBytes, complete: true };
}

/** One page of the share's root (its items) or of a folder inside it, never above it. */
export async function listShareEntries(deps: RecipientDeps, share: Share, path: string, cursor: string | undefined): Promise<EntryPage> {
  if (path === '') {
    const offset = cursor === undefined ? 0 : Number(cursor);
    if (!Number.isInteger(offset) || offset < 0 || offset > share.items.length) {
      throw new AppError('VALIDATION_FAILED', 'Invalid query: cursor: not a cursor this listing gave out');
    }
    const page = share.items.slice(offset, offset + LIST_PAGE_SIZE);
    const entries: Entry[] = page.map((item, i) =>
      item.kind === 'file'
        ? { fileId: encodeFileId(offset + i), name: item.alias, size: item.size ?? null, kind: 'file', path: item.alias }
        : { name: item.alias, size: null, kind: 'folder', path: `${item.alias}/` },
    );
    const next = offset + page.length;
    return {
      entries,
      nextCursor: next < share.items.length ? String(next) : null,
      ...(offset === 0 ? { summary: await summaryOf(deps, share) } : {}),
    };
  }
  const slash = path.indexOf('/');
  const top = slash === -1 ? path : path.slice(0, slash);
  const below = slash === -1 ? '' : path.slice(slash + 1);
  const index = share.items.findIndex((item) => item.kind === 'folder' && item.alias === top);
  const item = share.items[index];
  if (!item || !aliasSchema.safeParse(top).success || (below !== '' && pathProblem(below, 'folder'))) {
    throw new AppError('NOT_FOUND', 'This folder is not part of the share.');
  }
  const prefix = keyOf(share.ownerId, item.path + below);
  const page = await deps.files.list(prefix, cursor, LIST_PAGE_SIZE);
  const base = `${item.alias}/${below}`;
  if (below === '' && cursor === undefined && page.folders.length === 0 && page.files.length === 0) {
    // Empty at the shared folder itself: an empty folder still has its marker; a deleted one has nothing.
    if (!(await deps.files.hasAny(prefix))) return { entries: [], nextCursor: null, unavailable: true };
  }
  const entries: Entry[] = [
    ...page.folders.map((folder): Entry => {
      const name = baseName(folder);
      return { name, size: null, kind: 'folder', path: `${base}${name}/` };
    }),
    ...page.files.map((file): Entry => {
      const name = baseName(file.key);
      return {
        fileId: encodeFileId(index, below + name),
        name,
        size: file.size,
        kind: 'file',
        path: `${base}${name}`,
        lastModified: file.lastModified,
      };
    }),
  ];
  return { entries, nextCursor: page.nextCursor };
}

export const downloadSchema = z.strictObject({ fileId: z.string().check(z.minLength(1), z.maxLength(4096)) });

/** A presigned GET (at most 5 minutes, one object) under the alias, counted and logged. */
export async function createDownload(deps: RecipientDeps, share: Share, fileId: string, who: Recipient) {
  const target = decodeFileId(share, fileId);
  if (!share.allowDownload) {
    return deny(deps, share, who, new AppError('DOWNLOAD_DISABLED', 'The owner turned off downloads for this link.'), target.label);
  }
  const stat = await deps.files.stat(target.key);
  if (!stat) throw new AppError('FILE_NOT_FOUND', 'This file is no longer available: the owner moved or deleted it.');
  if (!(await deps.shares.countDownload(share.id))) {
    return deny(deps, share, who, new AppError('DOWNLOAD_LIMIT_REACHED', 'This link has reached its download limit.'), target.label);
  }
  const presigned = await deps.files.presignDownload(target.key, contentDisposition(target.name, 'attachment'));
  await record(deps, share, who, 'download', target.label);
  return presigned;
}

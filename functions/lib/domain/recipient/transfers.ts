import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import { contentDisposition } from '../disposition.js';
import { cursorSchema } from '../ids.js';
import { anyPathSchema, baseName, keyOf } from '../paths.js';
import type { Transfer, TransferSelection, TransferStore } from '../ports.js';
import type { Share } from '../share.js';
import type { Recipient, RecipientDeps } from './access.js';
import { deny, record } from './log.js';

/**
 * Zip downloads (docs/api.md, "Transfers"): the browser builds the zip, the API says what goes
 * in it. A transfer is checked and counted once, up front, in one transaction with the record
 * that lets its pages be read: one download however many files it holds. Its pages give each
 * file's path inside the zip (aliases applied) and a presigned GET, 100 at a time, walking the
 * selected folders page by page (never a whole folder at once).
 */

export interface TransferDeps extends RecipientDeps {
  transfers: TransferStore;
}

export const TRANSFER_TTL_SECONDS = 3600;
export const TRANSFER_PAGE_SIZE = 100;
export const MAX_TRANSFER_PATHS = 100;
/** Counting walks the selection 1,000 objects per request; beyond this, ask for sub-folders. */
export const MAX_TRANSFER_FILES = 50_000;
const COUNT_PAGE_SIZE = 1000;

export const transferSchema = z.strictObject({
  paths: z.optional(z.array(anyPathSchema).check(z.minLength(1), z.maxLength(MAX_TRANSFER_PATHS))),
});
export const transferIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
export const transferParamsSchema = z.strictObject({ id: z.string(), transferId: z.string() });
export const transferPageQuerySchema = z.strictObject({ cursor: z.optional(cursorSchema) });

const notInShare = (path: string) => new AppError('NOT_FOUND', `“${path}” is not part of this share.`);
const disabled = () => new AppError('DOWNLOAD_DISABLED', 'The owner turned off downloads for this link.');
const limitReached = () => new AppError('DOWNLOAD_LIMIT_REACHED', 'This link has reached its download limit.');

interface Resolved {
  index: number;
  below: string;
  kind: 'file' | 'folder';
  /** What the recipient calls it: the alias, or the last segment inside a shared folder. */
  name: string;
  size?: number;
}

/** A share-relative path, as `GET …/files` gives them (`Notes.txt`, `Alpha/`, `Alpha/sub/x.pdf`). */
function resolve(share: Share, path: string): Resolved {
  const slash = path.indexOf('/');
  if (slash === -1 || slash === path.length - 1) {
    const kind = slash === -1 ? 'file' : 'folder';
    const alias = kind === 'file' ? path : path.slice(0, -1);
    const index = share.items.findIndex((item) => item.alias === alias && item.kind === kind);
    if (index === -1) throw notInShare(path);
    const size = share.items[index]!.size;
    return { index, below: '', kind, name: alias, ...(size === undefined ? {} : { size }) };
  }
  const index = share.items.findIndex((item) => item.kind === 'folder' && item.alias === path.slice(0, slash));
  if (index === -1) throw notInShare(path);
  const below = path.slice(slash + 1);
  return { index, below, kind: below.endsWith('/') ? 'folder' : 'file', name: baseName(below) };
}

/** The selections of a transfer and where each goes in the zip. */
function select(share: Share, paths: string[] | undefined): TransferSelection[] {
  if (paths === undefined) {
    return share.items.map((item, index) => ({
      index,
      below: '',
      kind: item.kind,
      base: item.kind === 'folder' ? `${item.alias}/` : item.alias,
      ...(item.size === undefined ? {} : { size: item.size }),
    }));
  }
  const resolved = [...new Set(paths)].map((path) => resolve(share, path));
  const names = new Set<string>();
  for (const one of resolved) {
    if (names.has(one.name.toLowerCase())) {
      throw new AppError('VALIDATION_FAILED', `Invalid request body: paths: two selected items are both called “${one.name}”`);
    }
    names.add(one.name.toLowerCase());
    const inside = resolved.find(
      (other) => other !== one && other.index === one.index && other.kind === 'folder' && one.below.startsWith(other.below),
    );
    if (inside)
      throw new AppError('VALIDATION_FAILED', `Invalid request body: paths: “${one.name}” is already inside another selected folder`);
  }
  // One folder: its contents are the zip's root ("Download folder"); otherwise each item by its name.
  const single = resolved.length === 1 && resolved[0]!.kind === 'folder';
  return resolved.map(({ index, below, kind, name, size }) => ({
    index,
    below,
    kind,
    base: single ? '' : kind === 'folder' ? `${name}/` : name,
    ...(size === undefined ? {} : { size }),
  }));
}

const keyOfSelection = (share: Share, selection: TransferSelection) =>
  keyOf(share.ownerId, share.items[selection.index]!.path + selection.below);

/** Files and bytes of the selection, walked 1,000 objects per request; files inside folders are checked to exist. */
async function measure(deps: TransferDeps, share: Share, selections: TransferSelection[]) {
  let fileCount = 0;
  let totalBytes = 0;
  for (const selection of selections) {
    const key = keyOfSelection(share, selection);
    if (selection.kind === 'file') {
      if (selection.below !== '') {
        const stat = await deps.files.stat(key);
        if (!stat) throw new AppError('FILE_NOT_FOUND', 'This file is no longer available: the owner moved or deleted it.');
        selection.size = stat.size;
      }
      fileCount += 1;
      totalBytes += selection.size ?? 0;
      continue;
    }
    let cursor: string | undefined;
    let seen = 0;
    do {
      const page = await deps.files.listTree(key, cursor, COUNT_PAGE_SIZE);
      for (const file of page.files) {
        seen += 1;
        if (file.key.endsWith('/')) continue;
        fileCount += 1;
        totalBytes += file.size;
      }
      if (fileCount > MAX_TRANSFER_FILES) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `A zip can hold at most ${MAX_TRANSFER_FILES.toLocaleString('en-US')} files; download the sub-folders one at a time.`,
        );
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    if (seen === 0 && selection.below !== '') throw notInShare(share.items[selection.index]!.alias + '/' + selection.below);
  }
  return { fileCount, totalBytes };
}

/** What the owner's access log and alert call a transfer: the names selected, a few of them. */
function labelOf(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/** `POST …/transfers`: checked and counted once, before any byte moves. */
export async function createTransfer(deps: TransferDeps, share: Share, device: string, paths: string[] | undefined, who: Recipient) {
  const selections = select(share, paths);
  const names = selections.map((s) => {
    const name = s.below === '' ? share.items[s.index]!.alias : baseName(s.below);
    return s.kind === 'folder' ? `${name}/` : name;
  });
  const label = paths === undefined ? `All files (${labelOf(names)})` : labelOf(names);
  if (!share.allowDownload) return deny(deps, share, who, disabled(), label);
  // Known used up: refuse before walking any folder.
  if (share.maxDownloads !== null && share.downloadCount >= share.maxDownloads) return deny(deps, share, who, limitReached(), label);
  const { fileCount, totalBytes } = await measure(deps, share, selections);
  if (fileCount === 0) {
    throw new AppError('FILE_NOT_FOUND', 'There is nothing to download here: the selected folders are empty or no longer available.');
  }
  const createdAt = new Date(deps.nowMs);
  const transfer: Transfer = {
    shareId: share.id,
    id: randomBytes(16).toString('base64url'),
    device,
    selections,
    fileCount,
    totalBytes,
    createdAt: createdAt.toISOString(),
    expiresAt: new Date(deps.nowMs + TRANSFER_TTL_SECONDS * 1000).toISOString(),
  };
  if (!(await deps.transfers.createCounted(transfer))) return deny(deps, share, who, limitReached(), label);
  await record(deps, share, who, 'download', label, { fileCount, transferId: transfer.id, names: names.slice(0, 20) });
  return { transferId: transfer.id, fileCount, totalBytes };
}

const cursorValueSchema = z.tuple([z.int().check(z.minimum(0)), z.nullable(z.string().check(z.maxLength(2048)))]);

function decodeCursor(cursor: string | undefined, selections: number): [number, string | null] {
  if (cursor === undefined) return [0, null];
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = cursorValueSchema.safeParse(value);
  if (!parsed.success || parsed.data[0] >= selections) {
    throw new AppError('VALIDATION_FAILED', 'Invalid query: cursor: not a cursor this transfer gave out');
  }
  return parsed.data;
}

const encodeCursor = (selection: number, token: string | null) => Buffer.from(JSON.stringify([selection, token])).toString('base64url');

export interface TransferFile {
  /** Inside the zip; a path ending in `/` is a folder entry (an empty folder kept), its URL a 0-byte object. */
  path: string;
  size: number;
  url: string;
}

/** `GET …/transfers/{transferId}/files`: the next 100 files of the zip, each with a presigned GET. */
export async function transferPage(
  deps: TransferDeps,
  share: Share,
  device: string,
  transferId: string,
  cursor: string | undefined,
  who: Recipient,
): Promise<{ files: TransferFile[]; nextCursor: string | null }> {
  const notFound = () => new AppError('TRANSFER_NOT_FOUND', 'This download is not known here. Start it again from the page.');
  if (!transferIdSchema.safeParse(transferId).success) throw notFound();
  const transfer = await deps.transfers.get(share.id, transferId);
  // Another device's transfer is as unknown as one that never existed.
  if (!transfer || transfer.device !== device) throw notFound();
  if (Date.parse(transfer.expiresAt) <= deps.nowMs) {
    throw new AppError('TRANSFER_EXPIRED', 'This download was started more than an hour ago. Start it again from the page.');
  }
  if (!share.allowDownload) return deny(deps, share, who, disabled());
  const { selections } = transfer;
  let [index, token] = decodeCursor(cursor, selections.length);
  // What goes on this page, then every URL signed at once (signing is the page's main cost).
  const listed: { key: string; path: string; size: number; name: string }[] = [];
  while (index < selections.length && listed.length < TRANSFER_PAGE_SIZE) {
    const selection = selections[index]!;
    const key = keyOfSelection(share, selection);
    if (selection.kind === 'file') {
      const name = selection.below === '' ? share.items[selection.index]!.alias : baseName(selection.below);
      listed.push({ key, path: selection.base, size: selection.size ?? 0, name });
      index += 1;
      continue;
    }
    const page = await deps.files.listTree(key, token ?? undefined, TRANSFER_PAGE_SIZE - listed.length);
    for (const object of page.files) {
      const below = object.key.slice(key.length);
      // The selected folder's own marker: a folder entry, unless its contents are the zip's root.
      if (below === '' && selection.base === '') continue;
      const path = selection.base + below;
      listed.push({ key: object.key, path, size: object.size, name: baseName(path) || 'folder' });
    }
    if (page.nextCursor) token = page.nextCursor;
    else {
      index += 1;
      token = null;
    }
  }
  const files = await Promise.all(
    listed.map(async ({ key, path, size, name }) => ({
      path,
      size,
      url: (await deps.files.presignDownload(key, contentDisposition(name, 'attachment'))).url,
    })),
  );
  return { files, nextCursor: index < selections.length ? encodeCursor(index, token) : null };
}

import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import { cursorSchema } from '../ids.js';
import { anyPathSchema, baseName, isFolderPath, keyOf, newFolderPathSchema, prefixSchema, userRoot } from '../paths.js';
import type { FileStore } from '../ports.js';

/** The owner's files: browsing, folders and deleting. */

export const listFilesQuerySchema = z.strictObject({
  prefix: z._default(prefixSchema, ''),
  cursor: z.optional(cursorSchema),
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

export const createFolderSchema = z.strictObject({
  // "docs/new" and "docs/new/" both name a folder here: the form field has no slash.
  path: z.pipe(
    z.pipe(
      z.string().check(z.minLength(1, 'must not be empty')),
      z.transform((value: string) => (value.endsWith('/') ? value : `${value}/`)),
    ),
    newFolderPathSchema,
  ),
});

/**
 * An empty folder is a zero-byte `path/` object, as the S3 console makes them. A folder
 * that already has anything in it, or a file of the same name, is a 409: the owner asked
 * for something new and should hear that it is not.
 */
export async function createFolder(files: FileStore, userId: string, path: string) {
  const name = baseName(path);
  if (await files.hasAny(keyOf(userId, path))) throw new AppError('CONFLICT', `A folder named "${name}" already exists here.`);
  if (await files.stat(keyOf(userId, path.slice(0, -1)))) throw new AppError('CONFLICT', `A file named "${name}" already exists here.`);
  await files.putFolderMarker(keyOf(userId, path));
  return { path, name };
}

export const MAX_PATHS_PER_DELETE = 1000;
/** S3's DeleteObjects takes at most 1,000 keys. */
const DELETE_BATCH = 1000;

export const deleteFilesSchema = z.strictObject({
  paths: z.array(anyPathSchema).check(
    z.minLength(1, 'give at least one path'),
    z.maxLength(MAX_PATHS_PER_DELETE, `at most ${MAX_PATHS_PER_DELETE} paths at once`),
    z.refine((paths) => new Set(paths).size === paths.length, 'each path at most once'),
  ),
});

export interface DeleteDeps {
  files: FileStore;
  /** Milliseconds since the epoch, read before each batch. */
  clock: () => number;
  /** No new batch starts after this moment; what is left is reported as `pending`. */
  deadlineMs: number;
}

export interface DeleteResult {
  deleted: { path: string; objects: number }[];
  notFound: string[];
  /** Paths not finished in time: send them again. */
  pending: string[];
  deletedObjects: number;
}

/**
 * Deletes files, and folders with everything below them: the folder is listed page by page
 * (1,000 keys, no delimiter) and each page removed with one DeleteObjects. A folder of any
 * size is never held in memory. A Lambda has seconds, not hours, so work stops at the
 * deadline and the unfinished paths come back as `pending`, to be sent again.
 */
export async function deleteFiles(deps: DeleteDeps, userId: string, paths: string[]): Promise<DeleteResult> {
  const result: DeleteResult = { deleted: [], notFound: [], pending: [], deletedObjects: 0 };
  for (const [index, path] of paths.entries()) {
    if (deps.clock() >= deps.deadlineMs) {
      result.pending.push(...paths.slice(index));
      break;
    }
    const key = keyOf(userId, path);
    let objects = 0;
    let finished = true;
    if (!isFolderPath(path)) {
      if (await deps.files.stat(key)) {
        await deps.files.deleteKeys([key]);
        objects = 1;
      }
    } else {
      let cursor: string | undefined;
      do {
        const page = await deps.files.listKeys(key, cursor, DELETE_BATCH);
        await deps.files.deleteKeys(page.keys);
        objects += page.keys.length;
        cursor = page.nextCursor ?? undefined;
        if (cursor !== undefined && deps.clock() >= deps.deadlineMs) finished = false;
      } while (cursor !== undefined && finished);
    }
    result.deletedObjects += objects;
    if (!finished) result.pending.push(path);
    if (objects > 0) result.deleted.push({ path, objects });
    else if (finished) result.notFound.push(path);
  }
  return result;
}

import * as z from 'zod/mini';
import { userRoot } from '../contract/storage.js';
import { nameProblem, normalizeName, shownName } from './names.js';

/**
 * Owner paths are relative to the owner's own root: `docs/q3/report.pdf` is a file,
 * `docs/q3/` a folder. They become S3 keys under `users/<sub>/`, so every segment is
 * checked here: no `..`, no `.`, no empty segment, no backslash, no control characters.
 */
export const MAX_PATH_BYTES = 900; // S3 keys are at most 1024 bytes; `users/<sub>/` takes up to 43 of them
export const MAX_SEGMENT_LENGTH = 255;

// Control characters (C0, DEL, C1) are refused: they break headers, logs and file systems.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a path is unacceptable, or undefined if it is fine. */
export function pathProblem(path: string, kind: 'file' | 'folder' | 'any' = 'any'): string | undefined {
  if (path.length === 0) return 'must not be empty';
  if (Buffer.byteLength(path, 'utf8') > MAX_PATH_BYTES) return `must be at most ${MAX_PATH_BYTES} bytes`;
  if (path.startsWith('/')) return 'must be relative (no leading "/")';
  if (path.includes('\\')) return 'must not contain "\\"';
  if (CONTROL.test(path)) return 'must not contain control characters';
  // A lone UTF-16 surrogate cannot be encoded as UTF-8, so S3 would store a different key.
  if (!path.isWellFormed()) return 'must be valid Unicode text';
  const isFolder = path.endsWith('/');
  if (kind === 'file' && isFolder) return 'must be a file path (not ending in "/")';
  if (kind === 'folder' && !isFolder) return 'must be a folder path (ending in "/")';
  const segments = (isFolder ? path.slice(0, -1) : path).split('/');
  for (const segment of segments) {
    if (segment === '') return 'must not contain empty segments ("//")';
    if (segment === '.' || segment === '..') return 'must not contain "." or ".." segments';
    if (segment.length > MAX_SEGMENT_LENGTH) return `segments must be at most ${MAX_SEGMENT_LENGTH} characters`;
    if (segment.trim() !== segment) return 'segments must not start or end with spaces';
  }
  return undefined;
}

const pathOf = (kind: 'file' | 'folder' | 'any') =>
  z.string().check(
    z.superRefine((value, ctx) => {
      const problem = pathProblem(value, kind);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    }),
  );

export const anyPathSchema = pathOf('any');
export const filePathSchema = pathOf('file');
export const folderPathSchema = pathOf('folder');

/**
 * A path that names something new (an upload, a folder): kept in NFC, and every segment is a
 * name others may see, so invisible format characters are refused (`names.ts`). Paths that
 * look up what exists (sharing, listing, deleting) stay exact, so older files stay reachable.
 */
const newPathOf = (kind: 'file' | 'folder') =>
  z.pipe(
    z.pipe(z.string(), z.transform(normalizeName)),
    z.string().check(
      z.superRefine((value, ctx) => {
        const segments = value.split('/').filter(Boolean);
        const problem = pathProblem(value, kind) ?? segments.map(nameProblem).find(Boolean);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
      }),
    ),
  );

export const newFilePathSchema = newPathOf('file');
export const newFolderPathSchema = newPathOf('folder');

/** A listing prefix: empty (the root) or a folder path. */
export const prefixSchema = z.union([z.literal(''), folderPathSchema]);

export const isFolderPath = (path: string) => path.endsWith('/');

/** The last segment: `docs/q3/` -> `q3`, `docs/a.pdf` -> `a.pdf`. */
export function baseName(path: string): string {
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export { userRoot };

/** The S3 key of an owner's path. The path must have been validated. */
export function keyOf(userId: string, path: string): string {
  return `${userRoot(userId)}${path}`;
}

/** A display name for a share item or download: one segment, printable, no slashes. */
export const aliasSchema = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(MAX_SEGMENT_LENGTH, `must be at most ${MAX_SEGMENT_LENGTH} characters`),
  z.refine((v) => !v.includes('/') && !v.includes('\\'), 'must not contain "/" or "\\"'),
  z.refine((v) => !CONTROL.test(v), 'must not contain control characters'),
  z.refine((v) => v.isWellFormed(), 'must be valid Unicode text'),
  z.refine((v) => v.trim() === v && v !== '.' && v !== '..', 'must not start or end with spaces, or be "." or ".."'),
);

/** An alias an owner gives a share item: an alias, and a name others see (NFC, no invisible characters). */
export const shareAliasSchema = z.pipe(aliasSchema, shownName);

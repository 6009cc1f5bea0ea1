import * as z from 'zod/mini';
import { MAX_SEGMENT_LENGTH, pathProblem } from '../paths.js';

/**
 * Names an uploader types or sends become S3 keys in the owner's space, so they are checked
 * here: NFC-normalised, no control, bidi or zero-width characters (a name must look like what
 * it is), and each segment a plain folder or file name. An uploader's name is one segment (their
 * folder); a file's name may carry sub-folders (a dropped folder keeps its structure), but never
 * leave the uploader's folder.
 */

export const MAX_UPLOADER_NAME_LENGTH = 100;
/** Sub-folders a dropped folder may bring along. */
export const MAX_NAME_DEPTH = 32;

// C0, DEL and C1 controls; bidi controls (LRM, RLM, ALM, embeddings, overrides, isolates); zero-width characters and BOM.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;

/** Why one segment (a folder or file name) is unacceptable, or undefined. */
export function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'must not be empty';
  if (segment === '.' || segment === '..') return 'must not be "." or ".."';
  if (segment.includes('/') || segment.includes('\\')) return 'must not contain "/" or "\\"';
  if (CONTROL.test(segment)) return 'must not contain control characters';
  if (BIDI.test(segment)) return 'must not contain bidirectional control characters';
  if (ZERO_WIDTH.test(segment)) return 'must not contain zero-width characters';
  if (!segment.isWellFormed()) return 'must be valid Unicode text';
  if (segment.trim() !== segment) return 'must not start or end with spaces';
  if (segment.length > MAX_SEGMENT_LENGTH) return `must be at most ${MAX_SEGMENT_LENGTH} characters`;
  return undefined;
}

/** Why a file name sent by an uploader is unacceptable (a path that would leave their folder included), or undefined. */
export function uploadNameProblem(name: string): string | undefined {
  if (name.startsWith('/')) return 'must be a name, not an absolute path';
  if (name.includes('\\')) return 'must not contain "\\"';
  const segments = name.split('/');
  if (segments.length > MAX_NAME_DEPTH) return `must be at most ${MAX_NAME_DEPTH} folders deep`;
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem) return segment === '.' || segment === '..' ? 'must not contain "." or ".." (it would leave your folder)' : problem;
  }
  return undefined;
}

const refined = (problemOf: (value: string) => string | undefined) =>
  z.superRefine<string>((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

/** The uploader's name: their folder below the request's folder. */
export const uploaderNameSchema = z
  .string()
  .check(
    z.trim(),
    z.normalize('NFC'),
    z.minLength(1, 'type your name'),
    z.maxLength(MAX_UPLOADER_NAME_LENGTH, `must be at most ${MAX_UPLOADER_NAME_LENGTH} characters`),
    refined(segmentProblem),
  );

/** A file's name below the uploader's folder, possibly with sub-folders (`photos/2026/a.jpg`). */
export const uploadNameSchema = z.string().check(z.normalize('NFC'), z.minLength(1, 'must not be empty'), refined(uploadNameProblem));

/**
 * The n-th candidate for a name: the name itself, then `name (2).ext`, `name (3).ext`, ... on
 * the last segment. The extension is what follows the last dot (a leading dot is part of the
 * name: `.env (2)`); a base cut short keeps the segment within the length limit.
 */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const slash = name.lastIndexOf('/');
  const folder = name.slice(0, slash + 1);
  const file = name.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  const [base, extension] = dot > 0 ? [file.slice(0, dot), file.slice(dot)] : [file, ''];
  const suffix = ` (${n})`;
  const room = Math.max(1, MAX_SEGMENT_LENGTH - suffix.length - extension.length);
  let kept = '';
  // Whole code points only: a cut surrogate pair would not be valid Unicode.
  for (const char of base) {
    if (kept.length + char.length > room) break;
    kept += char;
  }
  return `${folder}${kept.trimEnd()}${suffix}${extension}`;
}

/** The owner-relative path of an upload: `<request folder><uploader>/<name>`, or a problem if it is too long. */
export function uploadPath(folder: string, uploader: string, name: string): { path: string } | { problem: string } {
  const path = `${folder}${uploader}/${name}`;
  const problem = pathProblem(path, 'file');
  return problem ? { problem } : { path };
}

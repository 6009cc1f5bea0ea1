/**
 * Where things live in the files bucket. Owners' files are under `users/<sub>/`; rendered
 * previews (never originals) are cached under `previews/`, which a lifecycle rule empties.
 */
export const FILES_PREFIX = 'users/';
export const PREVIEWS_PREFIX = 'previews/';
/** Days a cached preview render is kept before the bucket's lifecycle rule deletes it. */
export const PREVIEW_CACHE_DAYS = 7;
/** Days an unfinished multipart upload is kept before the bucket's lifecycle rule aborts it. */
export const INCOMPLETE_UPLOAD_DAYS = 1;

/** The root of one owner's files: `users/<sub>/`. */
export function userRoot(userId: string): string {
  return `${FILES_PREFIX}${userId}/`;
}

/** The bounds of a file request's settings. */

/** The largest total size a request (or the tenant's default) may allow: 10 TiB. */
export const MAX_REQUEST_BYTES = 10 * 1024 ** 4;
export const MAX_REQUEST_FILES = 10_000;
export const MAX_TITLE_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 2000;

/** Texts of the shared components (web/src/common), merged into every page's catalog. */
const en = {
  'common.brand': 'ShareLink',
  'common.close': 'Close',
  'common.copied': 'Copied',
  'common.copyByHand': 'Press Ctrl+C to copy',
  'common.tryAgain': 'Try again',
  'common.loadMore': 'Load more',
  'common.loading': 'Loading…',
  'common.error.unexpected': 'Something unexpected went wrong. Please try again.',
  'common.error.server': 'Something went wrong on the server. Please try again.',
  'common.error.httpStatus': 'The request failed (HTTP {status}).',
  'error.NETWORK_ERROR': 'Could not reach the server. Check your connection and try again.',
  'error.UPLOAD_FAILED': 'The upload was interrupted. Check your connection and try again.',
  'error.UPLOAD_CANCELLED': 'Upload cancelled.',
  'error.INTERNAL_ERROR': 'Something went wrong on the server. Please try again.',
  'error.WRONG_PASSWORD': 'Wrong password. Check it and try again.',
  'error.TOO_MANY_ATTEMPTS': {
    one: 'Too many attempts. Try again in {count} minute.',
    other: 'Too many attempts. Try again in {count} minutes.',
  },
  'error.INVALID_TOKEN': 'Your access to this link ended. Open it again to continue.',
} as const;

export default en;

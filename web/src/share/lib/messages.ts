import { ApiError } from '../../common/http.js';

/** Outcomes after which the link cannot be used at all: the page shows only the message. */
export const terminalCodes = ['SHARE_NOT_FOUND', 'SHARE_EXPIRED', 'SHARE_CANCELLED', 'DEVICE_BOUND'] as const;
export type TerminalCode = (typeof terminalCodes)[number];

export function isTerminal(error: unknown): error is ApiError & { code: TerminalCode } {
  return error instanceof ApiError && (terminalCodes as readonly string[]).includes(error.code);
}

export const terminalMessages: Record<TerminalCode, { title: string; detail: string }> = {
  SHARE_NOT_FOUND: {
    title: 'Link not found',
    detail: 'This link does not exist. Check that you copied the whole address.',
  },
  SHARE_EXPIRED: {
    title: 'This link has expired',
    detail: 'Ask the person who shared it with you for a new link.',
  },
  SHARE_CANCELLED: {
    title: 'This link was cancelled by its owner',
    detail: 'Its files are no longer available. Ask the person who shared it with you if you still need them.',
  },
  DEVICE_BOUND: {
    title: 'This link is bound to another device',
    detail: 'It can only be opened on the device that opened it first. Ask the owner to reset it or send a new link.',
  },
};

/** The sentence for an error on the password form or next to a download. */
export function recipientMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something unexpected went wrong. Please try again.';
  switch (error.code) {
    case 'WRONG_PASSWORD':
      return 'Wrong password. Check it and try again.';
    case 'TOO_MANY_ATTEMPTS': {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60));
      return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
    }
    case 'DOWNLOAD_DISABLED':
      return 'The owner turned off downloads for this link.';
    case 'DOWNLOAD_LIMIT_REACHED':
      return 'The download limit for this link has been reached.';
    case 'INVALID_TOKEN':
      return 'Your access to this link ended. Open it again to continue.';
    default:
      return error.message;
  }
}

import { ApiError, messageOf } from '../../common/http.js';

/** The refusals after which nothing more can be sent through the link, and what the page says. */
export const terminalMessages = {
  REQUEST_NOT_FOUND: { title: 'Upload link not found', text: 'This upload link does not exist. Check that you copied all of it.' },
  REQUEST_CLOSED: { title: 'This upload link is closed', text: 'It no longer accepts files. Ask the person who sent it for a new one.' },
  REQUEST_EXPIRED: { title: 'This upload link has expired', text: 'It no longer accepts files. Ask the person who sent it for a new one.' },
} as const;

export type TerminalCode = keyof typeof terminalMessages;

/** What happened to the link while files were on their way. */
export const closedWhileSending: Record<TerminalCode, string> = {
  REQUEST_NOT_FOUND: 'This upload link was removed',
  REQUEST_CLOSED: 'The owner closed this upload link',
  REQUEST_EXPIRED: 'This upload link expired',
};

export const isTerminal = (error: unknown): error is ApiError & { code: TerminalCode } =>
  error instanceof ApiError && error.code in terminalMessages;

/** A refusal in the uploader's words (the API's own message is written for them). */
export function uploaderMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'TOO_MANY_ATTEMPTS') return error.message;
  return messageOf(error);
}

import { ApiError } from '../../common/http.js';
import { errorText } from '../../common/texts.js';
import { t } from '../i18n/index.js';

/** Outcomes after which the link cannot be used at all: the page shows only the message. */
export const terminalCodes = ['SHARE_NOT_FOUND', 'SHARE_EXPIRED', 'SHARE_CANCELLED', 'DEVICE_BOUND'] as const;
export type TerminalCode = (typeof terminalCodes)[number];

export function isTerminal(error: unknown): error is ApiError & { code: TerminalCode } {
  return error instanceof ApiError && (terminalCodes as readonly string[]).includes(error.code);
}

/** What the page says when the link is gone for good, in the page's language. */
export const terminalMessage = (code: TerminalCode) => ({
  title: t(`share.gone.${code}.title`),
  detail: t(`share.gone.${code}.detail`),
});

/** The sentence for an error on the password form, next to a download or in the viewer: the catalog's for each code the page knows. */
export const recipientMessage = (error: unknown): string => errorText(error);

import { ApiError } from '../../common/http.js';
import { errorText } from '../../common/texts.js';
import { t } from '../i18n/index.js';

/** The refusals after which nothing more can be sent through the link. */
export const terminalCodes = ['REQUEST_NOT_FOUND', 'REQUEST_CLOSED', 'REQUEST_EXPIRED'] as const;
export type TerminalCode = (typeof terminalCodes)[number];

/** What the page says when the link cannot take files, in the page's language. */
export const terminalMessage = (code: TerminalCode) => ({ title: t(`request.gone.${code}.title`), text: t(`request.gone.${code}.text`) });

export const isTerminal = (error: unknown): error is ApiError & { code: TerminalCode } =>
  error instanceof ApiError && (terminalCodes as readonly string[]).includes(error.code);

/** A refusal in the uploader's words: the catalog's message for each code the page knows, else the API's. */
export const uploaderMessage = (error: unknown): string => errorText(error);

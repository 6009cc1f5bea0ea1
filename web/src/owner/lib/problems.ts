import { ApiError, NETWORK_ERROR } from '../../common/http.js';
import type { I18n } from '../../common/i18n.js';
import type en from '../i18n/en.js';
import { fmt } from '../i18n/index.js';

type OwnerI18n = I18n<typeof en>;
type OwnerKey = Extract<keyof typeof en, string>;

/** Codes whose server sentence names the case (which name, which limit): other languages add it after their own lead. */
const CASE_SPECIFIC = new Set(['CONFLICT', 'VALIDATION_FAILED', 'POLICY_VIOLATION', 'NOT_FOUND', 'FILE_NOT_FOUND', 'PAYLOAD_TOO_LARGE']);

/**
 * The sentence for a failed call in the owner app. In English, the server's own sentence (it
 * names the file, the limit, the address). In another language, the catalog's sentence for the
 * stable code, followed by the server's for codes whose meaning depends on the case; the
 * server's alone only for a code the catalog does not know.
 */
export function problemIn(i18n: OwnerI18n, error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('common.error.unexpected');
  if (error.code === NETWORK_ERROR) return i18n.t('error.NETWORK_ERROR');
  if (error.code.startsWith('HTTP_')) {
    return error.status >= 500 ? i18n.t('common.error.server') : i18n.t('common.error.httpStatus', { status: String(error.status) });
  }
  if (i18n.locale === 'en') return error.message;
  if (error.code === 'TOO_MANY_ATTEMPTS') {
    return i18n.t('error.TOO_MANY_ATTEMPTS', { count: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60)) });
  }
  const key = `problem.${error.code}`;
  if (!i18n.has(key)) return i18n.has(`error.${error.code}`) ? i18n.t(`error.${error.code}` as OwnerKey) : error.message;
  const text = i18n.t(key as OwnerKey);
  return CASE_SPECIFIC.has(error.code) ? i18n.t('problem.withDetail', { text, detail: error.message }) : text;
}

/** problemIn() in the page's language. */
export const problemText = (error: unknown): string => problemIn(fmt(), error);

import enCommon from './i18n/en.js';
import { ApiError } from './http.js';
import { activeI18n, makeI18n, type I18n, type Catalog, type Params } from './i18n.js';

export type CommonKey = Extract<keyof typeof enCommon, string>;

/** Until a page has loaded its language, the shared components speak English. */
const english = makeI18n('en', enCommon);

/** The page's translator: its language's texts (the common ones included) and formats. */
export const i18nNow = (): I18n<Catalog> => activeI18n() ?? english;

/** A shared component's text in the page's language (every page's catalog holds the common keys). */
export const ct = (key: CommonKey, params?: Params) => i18nNow().t(key, params);

/**
 * The sentence for a failed API call in the page's language: the catalog's message for its
 * stable code when there is one, else the server's own message (written for people, in English).
 */
export function errorText(error: unknown): string {
  const i18n = i18nNow();
  if (!(error instanceof ApiError)) return i18n.t('common.error.unexpected');
  const key = `error.${error.code}`;
  if (error.code === 'TOO_MANY_ATTEMPTS') {
    return i18n.t(key, { count: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60)) });
  }
  if (i18n.has(key)) return i18n.t(key);
  if (error.code.startsWith('HTTP_')) {
    return error.status >= 500 ? i18n.t('common.error.server') : i18n.t('common.error.httpStatus', { status: String(error.status) });
  }
  return error.message;
}

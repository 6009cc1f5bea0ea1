/**
 * The emails' languages: typed catalogs like the web app's (web/src/common/i18n.ts), English
 * and Simplified Chinese, with `{name}` parameters and plural forms chosen by `count`. An email
 * goes out in the language its owner used when creating the link (stored on the link), else English.
 */
import type { Locale } from '../../locale.js';
import en from './en.js';
import zhCN from './zh-CN.js';

export type EmailMessage = string | { one?: string; other: string };
export type EmailKey = keyof typeof en;
/** Another language of the emails: every English key, and nothing else. */
export type EmailTranslation = { [K in EmailKey]: EmailMessage };
export type EmailParams = Record<string, string | number>;

const catalogs: Record<Locale, EmailTranslation> = { en, 'zh-CN': zhCN };

/** `{name}` -> its value; an unknown name stays as written, so a mistake shows. */
export function fill(text: string, params: EmailParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

export interface EmailTexts {
  readonly locale: Locale;
  /** The message for `key` (its plural form by `count`), parameters not filled in. */
  message(key: EmailKey, count?: number): string;
  /** The message with its parameters, as plain text. */
  text(key: EmailKey, params?: EmailParams): string;
}

/** The texts for one email in `locale` (English for a link made before languages were recorded). */
export function emailTexts(locale: Locale | undefined): EmailTexts {
  const chosen: Locale = locale && locale in catalogs ? locale : 'en';
  const catalog = catalogs[chosen];
  // Made per email, not at import: building it loads ICU data, a cost every function bundling this module would pay.
  let plurals: Intl.PluralRules | undefined;
  const message = (key: EmailKey, count?: number) => {
    const entry = catalog[key];
    if (typeof entry === 'string') return entry;
    plurals ??= new Intl.PluralRules(chosen);
    return (count !== undefined && plurals.select(count) === 'one' ? entry.one : undefined) ?? entry.other;
  };
  return {
    locale: chosen,
    message,
    text: (key, params) => fill(message(key, typeof params?.count === 'number' ? params.count : undefined), params),
  };
}

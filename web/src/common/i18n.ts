/**
 * The web app's languages: typed message catalogs of our own (no library: a catalog is a plain
 * object, so a missing key in the other language is a type error, and the recipient page loads
 * one language only), with `{name}` parameters, plural forms chosen by `Intl.PluralRules`, and
 * sizes and dates formatted by `Intl` in the page's language.
 *
 * Each page keeps its catalogs in its own folder (`<page>/i18n/en.ts`, `<page>/i18n/zh-CN.ts`)
 * and builds its translator with `createI18n`; English is in the bundle, other languages load
 * on demand before the first render. The language follows the browser until the person picks
 * one with the switcher, which is remembered in this browser.
 */

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** What the switcher shows for each language, in that language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** A message, or its plural forms (chosen by the `count` parameter). `{name}` is replaced by the parameter. */
export type Message = string | { one?: string; other: string };
export type Catalog = Record<string, Message>;
/** Another language of a catalog: every key of the English one, and nothing else. */
export type Translation<C extends Catalog> = { [K in keyof C]: Message };
export type Params = Record<string, string | number>;

const STORAGE_KEY = 'sharelink.locale';

const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

/** The remembered choice, else the first of the browser's languages we speak, else English. */
export function detectLocale(): Locale {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (isLocale(chosen)) return chosen;
  } catch {
    // Storage refused (private mode): follow the browser.
  }
  for (const language of navigator.languages ?? [navigator.language]) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The switcher's label, in both languages on purpose: someone who cannot read the page's language still finds it. */
export const LANGUAGE_LABEL = 'Language · 语言';

/** Remembers the choice and reloads, so every string and format follows it. */
export function chooseLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered; this page still switches.
  }
  location.reload();
}

/** `{name}` -> the parameter; an unknown name stays as written, so a mistake shows rather than vanishes. */
export function interpolate(text: string, params: Params | undefined, format: (value: number) => string): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? format(value) : value;
  });
}

export interface I18n<C extends Catalog> {
  readonly locale: Locale;
  /** Whether the catalog has `key` (an error code's message, say). */
  has(key: string): boolean;
  /** The message for `key` in the page's language, with its parameters (a `count` picks the plural form). */
  t(key: keyof C & string, params?: Params): string;
  /** 1536 -> "1.5 KB" (binary multiples, as file managers show them), digits in the page's language. */
  formatBytes(bytes: number): string;
  formatNumber(value: number): string;
  formatDate(iso: string): string;
  formatDateTime(iso: string): string;
  /** "in 3 days", "5 minutes ago", "3 天后". */
  formatRelative(iso: string, nowMs?: number): string;
}

const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB'];

export function makeI18n<C extends Catalog>(locale: Locale, catalog: Translation<C>): I18n<C> {
  const number = new Intl.NumberFormat(locale);
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const plurals = new Intl.PluralRules(locale);
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const valid = (iso: string) => {
    const value = new Date(iso);
    return Number.isNaN(value.getTime()) ? undefined : value;
  };
  const formatNumber = (value: number) => number.format(value);
  return {
    locale,
    has: (key) => Object.hasOwn(catalog, key),
    t(key, params) {
      const message = catalog[key];
      if (message === undefined) return key;
      const count = params?.count;
      const text =
        typeof message === 'string'
          ? message
          : ((typeof count === 'number' && plurals.select(count) === 'one' ? message.one : undefined) ?? message.other);
      return interpolate(text, params, formatNumber);
    },
    formatBytes(bytes) {
      if (!Number.isFinite(bytes) || bytes < 1024) return `${formatNumber(Math.max(0, Math.round(bytes || 0)))} B`;
      let value = bytes / 1024;
      let unit = 0;
      while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
        value /= 1024;
        unit += 1;
      }
      return `${value >= 100 ? formatNumber(Math.round(value)) : oneDecimal.format(value)} ${BYTE_UNITS[unit]}`;
    },
    formatNumber,
    formatDate: (iso) => {
      const value = valid(iso);
      return value ? date.format(value) : iso;
    },
    formatDateTime: (iso) => {
      const value = valid(iso);
      return value ? dateTime.format(value) : iso;
    },
    formatRelative(iso, nowMs = Date.now()) {
      const value = valid(iso);
      if (!value) return iso;
      const seconds = (value.getTime() - nowMs) / 1000;
      const steps: [Intl.RelativeTimeFormatUnit, number][] = [
        ['day', 86_400],
        ['hour', 3_600],
        ['minute', 60],
      ];
      for (const [unit, size] of steps) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      return relative.format(Math.round(seconds), 'second');
    },
  };
}

/** The translator of the page shown, once it loaded its language: shared components read their texts and formats from it. */
let active: I18n<Catalog> | undefined;
export const activeI18n = (): I18n<Catalog> | undefined => active;

/**
 * A page's translator, usable from any module of the page once `load` has run (before the
 * first render): `load` picks the language and fetches its catalog when it is not English.
 */
export function createI18n<C extends Catalog>(english: C, others: Record<Exclude<Locale, 'en'>, () => Promise<Translation<C>>>) {
  let current = makeI18n<C>('en', english);
  return {
    async load(locale: Locale = detectLocale()): Promise<void> {
      current = makeI18n<C>(locale, locale === 'en' ? english : await others[locale]());
      active = current;
      document.documentElement.lang = locale;
    },
    /** The active language's translator (English until `load` resolves). */
    get i18n(): I18n<C> {
      return current;
    },
    t: (key: keyof C & string, params?: Params) => current.t(key, params),
  };
}

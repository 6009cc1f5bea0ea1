import { chooseLocale, LANGUAGE_LABEL, LOCALE_NAMES, LOCALES, type Locale } from './i18n.js';
import { i18nNow } from './texts.js';

/** The page's language, picked from a list named in both languages; the choice is remembered in this browser. */
export function LanguageSwitcher({ locale = i18nNow().locale }: { locale?: Locale }) {
  return (
    <select
      class="language-switcher"
      aria-label={LANGUAGE_LABEL}
      title={LANGUAGE_LABEL}
      value={locale}
      onChange={(event) => chooseLocale(event.currentTarget.value as Locale)}
      data-testid="language-switcher"
    >
      {LOCALES.map((option) => (
        <option key={option} value={option} lang={option}>
          {LOCALE_NAMES[option]}
        </option>
      ))}
    </select>
  );
}

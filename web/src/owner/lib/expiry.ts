import { t } from '../i18n/index.js';
import type { ExpiryChoice } from '../types.js';

/** The expiry choices of the create dialog and of a link's page: a number of days, a date, or never. */
export type ExpiryMode = `${number}` | 'date' | 'never';

const dayPresets = [1, 7, 30];

/** "7 days", "7 天": read when shown, so the language chosen at runtime applies. */
const daysLabel = (days: number) => t('admin.expiry.days', { count: days });

/** 1, 7 and 30 days, the tenant's default among them when it is another number, then "On a date" and "Never". */
export function expiryPresets(defaultDays?: number): { mode: ExpiryMode; label: string }[] {
  const days = [...new Set([...dayPresets, ...(defaultDays ? [defaultDays] : [])])].sort((a, b) => a - b);
  return [
    ...days.map((d) => ({ mode: String(d) as ExpiryMode, label: daysLabel(d) })),
    { mode: 'date', label: t('admin.expiry.onDate') },
    { mode: 'never', label: t('admin.expiry.never') },
  ];
}

/** Presets beyond the tenant's maximum (and "never" under any maximum) would be refused. */
export function expiryAllowed(mode: ExpiryMode, maxDays: number | null): boolean {
  if (maxDays === null || mode === 'date') return true;
  if (mode === 'never') return false;
  return Number(mode) <= maxDays;
}

/** The choice a form starts on: the tenant default when allowed, else a date. */
export function initialExpiryMode(defaultDays: number | undefined, maxDays: number | null): ExpiryMode {
  const preferred = String(defaultDays ?? 7) as ExpiryMode;
  return expiryAllowed(preferred, maxDays) ? preferred : 'date';
}

/** yyyy-mm-dd of a local date, as <input type="date"> wants it. */
export function localDateValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function daysFromNow(days: number): Date {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date;
}

/** A date picked in a form means "until the end of that day" where the owner is. */
export function endOfLocalDay(value: string): Date | undefined {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return undefined;
  return new Date(year, month - 1, day, 23, 59, 59, 999);
}

/**
 * The API's expiry for a form choice, or the sentence telling the person what to fix.
 * A date under a tenant maximum is capped to the maximum instant, so "the last allowed
 * day" chosen in the picker is not refused for the hours past now + max days.
 */
export function expiryChoiceOf(mode: ExpiryMode, date: string, maxDays: number | null): ExpiryChoice | string {
  if (mode === 'never') return { never: true };
  if (mode !== 'date') return { days: Number(mode) };
  const at = endOfLocalDay(date);
  if (!at) return t('admin.expiry.pickDate');
  if (at.getTime() <= Date.now()) return t('admin.expiry.inPast');
  if (maxDays !== null) {
    const latest = Date.now() + maxDays * 24 * 3600 * 1000;
    if (at.getTime() > latest) {
      if (at.getTime() - latest > 24 * 3600 * 1000) return t('admin.expiry.tooLong', { count: maxDays });
      return { at: new Date(latest).toISOString() };
    }
  }
  return { at: at.toISOString() };
}

/** "Your organisation's default is 7 days; links can last at most 30 days." */
export function expiryPolicyHint(defaultDays: number | undefined, maxDays: number | null): string | undefined {
  if (defaultDays !== undefined && maxDays !== null)
    return t('admin.expiry.hintDefaultAndMax', { default: daysLabel(defaultDays), max: daysLabel(maxDays) });
  if (defaultDays !== undefined) return t('admin.expiry.hintDefaultNoMax', { default: daysLabel(defaultDays) });
  if (maxDays !== null) return t('admin.expiry.hintMax', { max: daysLabel(maxDays) });
  return undefined;
}

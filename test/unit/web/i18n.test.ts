import { describe, expect, it } from 'vitest';
import { interpolate, makeI18n } from '../../../web/src/common/i18n.js';
import shareEn from '../../../web/src/share/i18n/en.js';
import shareZh from '../../../web/src/share/i18n/zh-CN.js';

const en = makeI18n('en', shareEn);
const zh = makeI18n('zh-CN', shareZh);

describe('web i18n', () => {
  it('picks the plural form by count, in each language', () => {
    expect(en.t('share.summary.files', { count: 1, size: '2 KB' })).toBe('1 file · 2 KB');
    expect(en.t('share.summary.files', { count: 3, size: '2 KB' })).toBe('3 files · 2 KB');
    expect(en.t('share.summary.files', { count: 0, size: '0 B' })).toBe('0 files · 0 B');
    // Chinese has one form: "other" serves every count.
    expect(zh.t('share.summary.files', { count: 1, size: '2 KB' })).toBe('1 个文件 · 2 KB');
    expect(zh.t('share.summary.files', { count: 3, size: '2 KB' })).toBe('3 个文件 · 2 KB');
  });

  it('fills parameters, formats numbers in the language, and keeps an unknown one visible', () => {
    expect(en.t('share.entry.downloadNamed', { name: 'report.pdf' })).toBe('Download report.pdf');
    expect(zh.t('share.entry.downloadNamed', { name: 'report.pdf' })).toBe('下载 report.pdf');
    expect(en.t('share.summary.files', { count: 12345, size: '1 GB' })).toBe('12,345 files · 1 GB');
    expect(interpolate('{a} and {b}', { a: 'x' }, String)).toBe('x and {b}');
    expect(en.t('share.viewer.pageStatus', { page: 2, pages: 3 })).toBe('Page 2 of 3');
    expect(zh.t('share.viewer.pageStatus', { page: 2, pages: 3 })).toBe('第 2 页，共 3 页');
  });

  it('answers the key itself for a key the catalog lacks, and says which keys it has', () => {
    expect(en.t('no.such.key')).toBe('no.such.key');
    expect(en.has('error.WRONG_PASSWORD')).toBe(true);
    expect(en.has('error.NOPE')).toBe(false);
    expect(en.has('toString')).toBe(false);
  });

  it('formats sizes in binary multiples with the language’s digits', () => {
    for (const i18n of [en, zh]) {
      expect(i18n.formatBytes(0)).toBe('0 B');
      expect(i18n.formatBytes(1023)).toBe('1,023 B');
      expect(i18n.formatBytes(1536)).toBe('1.5 KB');
      expect(i18n.formatBytes(1024 * 1024)).toBe('1 MB');
      expect(i18n.formatBytes(150 * 1024 ** 3)).toBe('150 GB');
      expect(i18n.formatBytes(Number.NaN)).toBe('0 B');
    }
  });

  it('formats dates and times in each language, and leaves a bad date as written', () => {
    const iso = '2026-03-05T14:07:00Z';
    const utc = (locale: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options).format(new Date(iso));
    expect(en.formatDate(iso)).toBe(utc('en', { year: 'numeric', month: 'short', day: 'numeric' }));
    expect(en.formatDate(iso)).toMatch(/Mar \d, 2026/);
    expect(zh.formatDate(iso)).toMatch(/^2026年3月\d日$/);
    expect(zh.formatDateTime(iso)).toMatch(/^2026年3月\d日 \d\d:\d\d$/);
    expect(en.formatDate('not a date')).toBe('not a date');
  });

  it('says relative times in each language', () => {
    const now = Date.parse('2026-03-05T12:00:00Z');
    expect(en.formatRelative('2026-03-08T12:00:00Z', now)).toBe('in 3 days');
    expect(en.formatRelative('2026-03-05T11:55:00Z', now)).toBe('5 minutes ago');
    expect(en.formatRelative('2026-03-06T12:00:00Z', now)).toBe('tomorrow');
    expect(zh.formatRelative('2026-03-08T12:00:00Z', now)).toBe('3天后');
    expect(zh.formatRelative('2026-03-05T11:55:00Z', now)).toBe('5分钟前');
  });
});

/**
 * Every email ShareLink sends, in one place. Each template returns a subject, an HTML part
 * and a plain-text part. Every value a person typed (aliases, messages, addresses, file
 * names, user agents) goes through `html` in the HTML part, so nothing they write becomes
 * markup; the text part is plain text and needs no escaping. Every text comes from the
 * catalogs in `i18n/`, in the language the email's `locale` names (English when absent).
 */
import type { Locale } from '../locale.js';
import { describeUserAgent } from '../user-agent.js';
import { emailTexts, fill, type EmailKey, type EmailParams, type EmailTexts } from './i18n/index.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML element body or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** A subject is one header line: no control characters (no header injection), and short. */
export function subjectLine(value: string): string {
  const flat = value
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

// Made on first use: building one loads ICU data (about 30 ms), a cost every function that bundles this module would pay at import.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

/** "8 March 2026 at 12:00 UTC": emails are read in any time zone, so the zone is spelled out. */
export function formatInstant(iso: string, locale: Locale = 'en'): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return emailTexts(locale).text('instant', { date: format.format(new Date(iso)) });
}

/** "Firefox 128 on Windows" for a browser's User-Agent; the raw text, cut short, otherwise. */
export function describeDevice(userAgent: string, locale: Locale = 'en'): string {
  const texts = emailTexts(locale);
  return describeUserAgent(userAgent, {
    separator: texts.message('device.separator'),
    maxLength: 60,
    unknown: texts.message('device.unknown'),
  });
}

/** A catalog message for an HTML part: its own text escaped, its parameters already HTML (escaped values or markup). */
export function htmlText(texts: EmailTexts, key: EmailKey, params?: EmailParams): string {
  return fill(escapeHtml(texts.message(key, typeof params?.count === 'number' ? params.count : undefined)), params);
}

/** A person's value in bold, escaped. */
export const strong = (value: string) => `<strong>${escapeHtml(value)}</strong>`;

/** The shared frame of every HTML part: inline styles only, as mail clients strip the rest. */
export function layout(title: string, body: string, locale: Locale = 'en'): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    body,
    `<p style="margin-top:24px;font-size:12px;color:#6b7280">${htmlText(emailTexts(locale), 'footer')}</p>`,
    '</div></body></html>',
  ].join('\n');
}

/** A paragraph of user text: escaped, line breaks kept. */
export function paragraphs(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

const MAX_LISTED_ITEMS = 20;
/** Longest name an email shows whole; longer ones keep their start and their end (with the extension). */
export const MAX_EMAIL_NAME = 80;

/** "A very long report name … final v3.pdf": at most `max` characters, cut in the middle, the extension kept. */
export function shortName(name: string, max = MAX_EMAIL_NAME): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 12 ? name.length - dot : 0;
  const tail = Math.min(extension + 8, Math.floor(max / 2));
  return `${chars
    .slice(0, max - 1 - tail)
    .join('')
    .trimEnd()}…${chars.slice(chars.length - tail).join('')}`;
}

export interface PartnerEmailInput {
  /** Who shared: the owner's display name or verified address (what recipients know them by). */
  ownerName: string;
  link: string;
  /** Aliases of the shared files and folders (folders end with `/`). */
  itemNames: string[];
  message: string | null;
  /** null: the link never expires. */
  expiresAt: string | null;
  requiresPassword: boolean;
  /** Only when the owner asked to send it with the email. */
  password?: string;
  /** Verified recipients: the partner opens the link with a code sent to this address. */
  verified?: boolean;
  /** The owner's language when creating the link. */
  locale?: Locale | undefined;
}

/** The email each partner gets when a link is shared with them. */
export function partnerEmail(full: PartnerEmailInput): RenderedEmail {
  const input = { ...full, itemNames: full.itemNames.map((name) => shortName(name)) };
  const texts = emailTexts(input.locale);
  const { locale } = texts;
  const count = input.itemNames.length;
  const subject = subjectLine(
    count === 1
      ? texts.text('partner.subjectOne', { owner: input.ownerName, name: input.itemNames[0]! })
      : texts.text('partner.subjectMany', { owner: input.ownerName, count }),
  );
  const listed = input.itemNames.slice(0, MAX_LISTED_ITEMS);
  const more = count - listed.length;
  const expiry = [
    ...(input.verified ? [texts.text('partner.verifiedOnly')] : []),
    input.expiresAt ? texts.text('partner.expires', { date: formatInstant(input.expiresAt, locale) }) : texts.text('partner.noExpiry'),
  ].join(' ');
  const passwordLine =
    input.password !== undefined
      ? texts.text('partner.password', { password: input.password })
      : input.requiresPassword
        ? texts.text('partner.passwordSeparately', { owner: input.ownerName })
        : undefined;

  const text = [
    texts.text('partner.intro', { owner: input.ownerName, count }),
    ...(input.message ? ['', texts.text('partner.messageFrom', { owner: input.ownerName }), input.message] : []),
    '',
    ...listed.map((name) => `- ${name}`),
    ...(more > 0 ? [`- ${texts.text('listMore', { count: more })}`] : []),
    '',
    texts.text('partner.open', { link: input.link }),
    ...(passwordLine ? [passwordLine] : []),
    expiry,
    '',
    texts.text('footer'),
  ].join('\n');

  const link = escapeHtml(input.link);
  const html = layout(
    subject,
    [
      `<p style="margin-top:0">${htmlText(texts, 'partner.introHtml', { owner: strong(input.ownerName), count })}</p>`,
      input.message
        ? `<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d0d7de;color:#374151">${paragraphs(input.message)}</blockquote>`
        : '',
      `<ul style="padding-left:20px">${listed.map((name) => `<li>${escapeHtml(name)}</li>`).join('')}${more > 0 ? `<li>${htmlText(texts, 'listMore', { count: more })}</li>` : ''}</ul>`,
      `<p><a href="${link}" style="display:inline-block;background:#0969da;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${htmlText(texts, 'partner.button')}</a></p>`,
      `<p style="font-size:13px;color:#4b5563">${htmlText(texts, 'partner.copyLink', { link: `<a href="${link}">${link}</a>` })}</p>`,
      input.password !== undefined
        ? `<p>${htmlText(texts, 'partner.password', { password: `<code style="font-size:16px;background:#f3f4f6;padding:2px 6px;border-radius:4px">${escapeHtml(input.password)}</code>` })}</p>`
        : passwordLine
          ? `<p>${escapeHtml(passwordLine)}</p>`
          : '',
      `<p>${escapeHtml(expiry)}</p>`,
    ].join('\n'),
    locale,
  );
  return { subject, html, text };
}

export interface DownloadAlertInput {
  /** The file's name as the recipient saw it (alias, or alias/path inside a shared folder); for a zip, its label. */
  file: string;
  /** A zip (transfer): how many files it held, and the files and folders (ending in `/`) selected. */
  zip?: { fileCount: number; names: string[] };
  /** ISO instant of the download. */
  at: string;
  userAgent: string;
  /** Keyed hash of the recipient's address, as in the access log. */
  client: string;
  /** The verified partner who downloaded, when the link knows them. */
  email?: string;
  /** The owner's page of the link. */
  manageLink: string;
  /** What the owner shared, to tell links apart: the first item's alias and how many more. */
  shareLabel: string;
  /** The owner's language when creating the link. */
  locale?: Locale | undefined;
}

const MAX_ALERT_NAMES = 20;

/** The owner's alert for a download or a zip (at most one per recipient client per 10 minutes). */
export function downloadAlertEmail(full: DownloadAlertInput): RenderedEmail {
  const input = {
    ...full,
    file: shortName(full.file),
    shareLabel: shortName(full.shareLabel),
    ...(full.zip ? { zip: { ...full.zip, names: full.zip.names.map((name) => shortName(name)) } } : {}),
  };
  const texts = emailTexts(input.locale);
  const { locale } = texts;
  const { zip } = input;
  const files = zip ? texts.text('download.files', { count: zip.fileCount }) : '';
  const subject = subjectLine(
    zip ? texts.text('download.subjectZip', { file: input.file, files }) : texts.text('download.subject', { file: input.file }),
  );
  const when = formatInstant(input.at, locale);
  const device = describeDevice(input.userAgent, locale);
  const listed = zip ? zip.names.slice(0, MAX_ALERT_NAMES) : [];
  const more = zip ? zip.names.length - listed.length : 0;
  // A verified partner is named by their address; anyone else is "someone".
  const someone = input.email ?? texts.text('download.someone');
  const quoted = (value: string) => texts.text('quoted', { text: value });
  const what = zip
    ? texts.text('download.zipWhat', { who: someone, files, link: quoted(input.shareLabel) })
    : texts.text('download.what', { who: someone, file: quoted(input.file), link: quoted(input.shareLabel) });
  const later = texts.text('download.later');
  const text = [
    what,
    ...(zip ? [...listed.map((name) => `- ${name}`), ...(more > 0 ? [`- ${texts.text('listMore', { count: more })}`] : [])] : []),
    '',
    texts.text('download.whenLine', { when }),
    texts.text('download.deviceLine', { device }),
    texts.text('download.clientLine', { client: input.client }),
    '',
    texts.text('download.accessLog', { link: input.manageLink }),
    '',
    later,
    '',
    texts.text('footer'),
  ].join('\n');
  const row = (label: EmailKey, value: string) =>
    `<tr><th style="text-align:left;padding:4px 12px 4px 0;color:#4b5563;font-weight:normal">${htmlText(texts, label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`;
  const html = layout(
    subject,
    [
      zip
        ? `<p style="margin-top:0">${htmlText(texts, 'download.zipWhat', { who: escapeHtml(someone), files: strong(files), link: strong(input.shareLabel) })}</p>` +
          `<ul style="padding-left:20px">${listed.map((name) => `<li>${escapeHtml(name)}</li>`).join('')}${more > 0 ? `<li>${htmlText(texts, 'listMore', { count: more })}</li>` : ''}</ul>`
        : `<p style="margin-top:0">${htmlText(texts, 'download.what', { who: escapeHtml(someone), file: strong(input.file), link: strong(input.shareLabel) })}</p>`,
      `<table style="border-collapse:collapse">${row('download.when', when)}${row('download.device', device)}${row('download.client', input.client)}</table>`,
      `<p><a href="${escapeHtml(input.manageLink)}">${htmlText(texts, 'download.accessLogLink')}</a></p>`,
      `<p style="font-size:13px;color:#4b5563">${escapeHtml(later)}</p>`,
    ].join('\n'),
    locale,
  );
  return { subject, html, text };
}

/**
 * Every email ShareLink sends, in one place. Each template returns a subject, an HTML part
 * and a plain-text part. Every value a person typed (aliases, messages, addresses, file
 * names, user agents) goes through `html` in the HTML part, so nothing they write becomes
 * markup; the text part is plain text and needs no escaping.
 */
import { describeUserAgent } from '../user-agent.js';

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

// Made on first use: building it loads ICU data (about 30 ms), a cost every function that bundles this module would pay at import.
let dateFormat: Intl.DateTimeFormat | undefined;

/** "8 March 2026 at 12:00 UTC": emails are read in any time zone, so the zone is spelled out. */
export function formatInstant(iso: string): string {
  dateFormat ??= new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return `${dateFormat.format(new Date(iso))} UTC`;
}

/** "Firefox 128 on Windows" for a browser's User-Agent; the raw text, cut short, otherwise. */
export function describeDevice(userAgent: string): string {
  return describeUserAgent(userAgent, { separator: ' on ', maxLength: 60, unknown: 'an unknown device' });
}

/** The shared frame of every HTML part: inline styles only, as mail clients strip the rest. */
export function layout(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    body,
    '<p style="margin-top:24px;font-size:12px;color:#6b7280">Sent by ShareLink.</p>',
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
}

/** The email each partner gets when a link is shared with them. */
export function partnerEmail(full: PartnerEmailInput): RenderedEmail {
  const input = { ...full, itemNames: full.itemNames.map((name) => shortName(name)) };
  const count = input.itemNames.length;
  const what = count === 1 ? `"${input.itemNames[0]}"` : `${count} items`;
  const subject = subjectLine(`${input.ownerName} shared ${what} with you`);
  const listed = input.itemNames.slice(0, MAX_LISTED_ITEMS);
  const more = count - listed.length;
  const expiry = [
    ...(input.verified ? ['Only you can open it with this address: the page sends a 6-digit code to it.'] : []),
    input.expiresAt ? `The link expires on ${formatInstant(input.expiresAt)}.` : 'The link never expires.',
  ].join(' ');
  const passwordLine =
    input.password !== undefined
      ? `Password: ${input.password}`
      : input.requiresPassword
        ? `The link is protected by a password; ${input.ownerName} will give it to you separately.`
        : undefined;

  const text = [
    `${input.ownerName} shared ${count === 1 ? 'a file' : `${count} items`} with you on ShareLink.`,
    ...(input.message ? ['', `Message from ${input.ownerName}:`, input.message] : []),
    '',
    ...listed.map((name) => `- ${name}`),
    ...(more > 0 ? [`- and ${more} more`] : []),
    '',
    `Open: ${input.link}`,
    ...(passwordLine ? [passwordLine] : []),
    expiry,
    '',
    'Sent by ShareLink.',
  ].join('\n');

  const owner = escapeHtml(input.ownerName);
  const link = escapeHtml(input.link);
  const html = layout(
    subject,
    [
      `<p style="margin-top:0"><strong>${owner}</strong> shared ${count === 1 ? 'a file' : `${count} items`} with you.</p>`,
      input.message
        ? `<blockquote style="margin:16px 0;padding:8px 16px;border-left:4px solid #d0d7de;color:#374151">${paragraphs(input.message)}</blockquote>`
        : '',
      `<ul style="padding-left:20px">${listed.map((name) => `<li>${escapeHtml(name)}</li>`).join('')}${more > 0 ? `<li>and ${more} more</li>` : ''}</ul>`,
      `<p><a href="${link}" style="display:inline-block;background:#0969da;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">Open the shared files</a></p>`,
      `<p style="font-size:13px;color:#4b5563">Or copy this link: <a href="${link}">${link}</a></p>`,
      input.password !== undefined
        ? `<p>Password: <code style="font-size:16px;background:#f3f4f6;padding:2px 6px;border-radius:4px">${escapeHtml(input.password)}</code></p>`
        : passwordLine
          ? `<p>${escapeHtml(passwordLine)}</p>`
          : '',
      `<p>${escapeHtml(expiry)}</p>`,
    ].join('\n'),
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
  const { zip } = input;
  const files = zip ? `${zip.fileCount} ${zip.fileCount === 1 ? 'file' : 'files'}` : '';
  const subject = subjectLine(zip ? `Downloaded as a zip: ${input.file} (${files})` : `Downloaded: ${input.file}`);
  const when = formatInstant(input.at);
  const device = describeDevice(input.userAgent);
  const listed = zip ? zip.names.slice(0, MAX_ALERT_NAMES) : [];
  const more = zip ? zip.names.length - listed.length : 0;
  const someone = input.email ?? 'Someone';
  const what = zip
    ? `${someone} downloaded ${files} as one zip from your link "${input.shareLabel}":`
    : `${someone} downloaded "${input.file}" from your link "${input.shareLabel}".`;
  const later = 'Further downloads by this recipient in the next 10 minutes are in the access log without another email.';
  const text = [
    what,
    ...(zip ? [...listed.map((name) => `- ${name}`), ...(more > 0 ? [`- and ${more} more`] : [])] : []),
    '',
    `When: ${when}`,
    `Device: ${device}`,
    `Client: ${input.client} (a keyed hash of the address; the same value means the same client)`,
    '',
    `Access log: ${input.manageLink}`,
    '',
    later,
    '',
    'Sent by ShareLink.',
  ].join('\n');
  const row = (label: string, value: string) =>
    `<tr><th style="text-align:left;padding:4px 12px 4px 0;color:#4b5563;font-weight:normal">${label}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`;
  const html = layout(
    subject,
    [
      zip
        ? `<p style="margin-top:0">${escapeHtml(someone)} downloaded <strong>${escapeHtml(files)}</strong> as one zip from your link <strong>${escapeHtml(input.shareLabel)}</strong>:</p>` +
          `<ul style="padding-left:20px">${listed.map((name) => `<li>${escapeHtml(name)}</li>`).join('')}${more > 0 ? `<li>and ${more} more</li>` : ''}</ul>`
        : `<p style="margin-top:0">${escapeHtml(someone)} downloaded <strong>${escapeHtml(input.file)}</strong> from your link <strong>${escapeHtml(input.shareLabel)}</strong>.</p>`,
      `<table style="border-collapse:collapse">${row('When', when)}${row('Device', device)}${row('Client', input.client)}</table>`,
      `<p><a href="${escapeHtml(input.manageLink)}">Open the access log</a></p>`,
      `<p style="font-size:13px;color:#4b5563">${escapeHtml(later)}</p>`,
    ].join('\n'),
  );
  return { subject, html, text };
}

/**
 * The emails other functions queue in the outbox (`OUTBOX#` items; `contract/streams.ts`):
 * a sender-address code, and the owner's alert when a link locks after too many wrong
 * passwords. Both come from the service's own sender (`senders.ts`), never a user's.
 */
import { parseKey } from '../../contract/table.js';
import { open } from '../sealed.js';
import { serviceSender } from '../senders.js';
import { SENDER_CODE_PURPOSE, senderCodeContext } from '../settings/sender-verification.js';
import { LOCALES, type Locale } from '../locale.js';
import { escapeHtml, formatInstant, htmlText, layout, strong, subjectLine, type RenderedEmail } from './email-templates.js';
import { emailTexts } from './i18n/index.js';
import type { NotifyDeps, TableChange } from './notifications.js';
import { partnerJobFor, runPartnerJob, type PartnerJob } from './partner-emails.js';

export type OutboxJob =
  | { kind: 'link-locked'; outboxKey: string; link: { kind: 'share' | 'request'; id: string }; failures: number; lockedUntil: string }
  | { kind: 'sender-code'; userId: string; to: string; sealedCode: string; expiresAt: string; locale?: Locale }
  | PartnerJob;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const localeOf = (value: unknown): Locale | undefined => LOCALES.find((locale) => locale === value);

/** The job a new outbox item asks for, if it is one this function knows. */
export function outboxJobFor(change: TableChange): OutboxJob | undefined {
  if (change.eventName !== 'INSERT' || !change.newImage) return undefined;
  const key = parseKey(change.keys);
  if (key.kind !== 'outbox') return undefined;
  const item = change.newImage;
  if (item.kind === 'recipient-code' || item.kind === 'partner-invite') return partnerJobFor(item, key.sk);
  if (item.kind === 'link-locked') {
    const [shareId, requestId] = [text(item.shareId), text(item.requestId)];
    const link = shareId ? { kind: 'share' as const, id: shareId } : requestId ? { kind: 'request' as const, id: requestId } : undefined;
    const lockedUntil = text(item.lockedUntil);
    if (!link || !lockedUntil || Number.isNaN(Date.parse(lockedUntil))) return undefined;
    return { kind: 'link-locked', outboxKey: key.sk, link, failures: Number(item.failures) || 0, lockedUntil };
  }
  if (item.kind === 'sender-code') {
    const [userId, to, sealedCode, expiresAt] = [text(item.userId), text(item.to), text(item.sealedCode), text(item.expiresAt)];
    if (!userId || !to || !sealedCode || !expiresAt) return undefined;
    const locale = localeOf(item.locale);
    return { kind: 'sender-code', userId, to, sealedCode, expiresAt, ...(locale ? { locale } : {}) };
  }
  return undefined;
}

export function senderCodeEmail(input: { code: string; address: string; expiresAt: string; locale?: Locale | undefined }): RenderedEmail {
  const texts = emailTexts(input.locale);
  const subject = subjectLine(texts.text('code.subject', { code: input.code }));
  const until = formatInstant(input.expiresAt, texts.locale);
  const text = [
    texts.text('code.asked', { address: input.address }),
    '',
    texts.text('code.code', { code: input.code }),
    texts.text('code.once', { until }),
    '',
    texts.text('code.notYou'),
    '',
    texts.text('footer'),
  ].join('\n');
  const code = `<code style="font-size:20px;letter-spacing:2px;background:#f3f4f6;padding:2px 8px;border-radius:4px">${escapeHtml(input.code)}</code>`;
  const html = layout(
    subject,
    [
      `<p style="margin-top:0">${htmlText(texts, 'code.asked', { address: strong(input.address) })}</p>`,
      `<p>${htmlText(texts, 'code.code', { code })}</p>`,
      `<p>${htmlText(texts, 'code.once', { until: escapeHtml(until) })}</p>`,
      `<p style="font-size:13px;color:#4b5563">${htmlText(texts, 'code.notYou')}</p>`,
    ].join('\n'),
    texts.locale,
  );
  return { subject, html, text };
}

export function linkLockedEmail(input: {
  shareLabel: string;
  failures: number;
  lockedUntil: string;
  manageLink: string;
  locale?: Locale | undefined;
}): RenderedEmail {
  const texts = emailTexts(input.locale);
  const subject = subjectLine(texts.text('lock.subject', { label: input.shareLabel }));
  const until = formatInstant(input.lockedUntil, texts.locale);
  const text = [
    texts.text('lock.failures', { label: texts.text('quoted', { text: input.shareLabel }), count: input.failures }),
    texts.text('lock.until', { until }),
    '',
    texts.text('lock.advice'),
    texts.text('lock.manage', { link: input.manageLink }),
    '',
    texts.text('footer'),
  ].join('\n');
  const html = layout(
    subject,
    [
      `<p style="margin-top:0">${htmlText(texts, 'lock.failures', { label: strong(input.shareLabel), count: input.failures })}</p>`,
      `<p>${htmlText(texts, 'lock.until', { until: escapeHtml(until) })}</p>`,
      `<p>${htmlText(texts, 'lock.advice')}</p>`,
      `<p><a href="${escapeHtml(input.manageLink)}">${htmlText(texts, 'lock.manageLink')}</a></p>`,
    ].join('\n'),
    texts.locale,
  );
  return { subject, html, text };
}

async function fromAddress(deps: NotifyDeps): Promise<string | null> {
  return serviceSender(deps.identity, (await deps.shares.getTenantSettings()).adminNotificationSender);
}

async function sendSenderCode(deps: NotifyDeps, job: Extract<OutboxJob, { kind: 'sender-code' }>): Promise<void> {
  const from = await fromAddress(deps);
  if (!from) {
    deps.log.warn('Sender code not sent: this deployment sends no email', { kind: job.kind });
    return;
  }
  if (Date.parse(job.expiresAt) <= deps.now()) {
    deps.log.info('Sender code not sent: it expired before it could go out', { kind: job.kind });
    return;
  }
  const code = open(await deps.signingKey(), SENDER_CODE_PURPOSE, senderCodeContext(job.userId, job.to), job.sealedCode);
  if (code === undefined) {
    deps.log.error('A sender code does not open with the signing key', { kind: job.kind });
    return;
  }
  // A stream retry after the send may send the same code again: harmless, and it still works once.
  await deps.mailer.send({ from, to: job.to, ...senderCodeEmail({ code, address: job.to, expiresAt: job.expiresAt, locale: job.locale }) });
  deps.log.info('Sent a sender code', { kind: job.kind });
}

/** The locked link as its owner knows it: a share (its items) or a file request (its title). */
async function lockedLink(deps: NotifyDeps, link: { kind: 'share' | 'request'; id: string }) {
  const base = deps.baseUrl.replace(/\/+$/, '');
  if (link.kind === 'request') {
    const request = await deps.requests?.get(link.id);
    return (
      request && {
        ownerEmail: request.ownerEmail,
        locale: request.locale,
        label: emailTexts(request.locale).text('lock.requestLabel', { title: request.title }),
        manageLink: `${base}/#/requests/${encodeURIComponent(request.id)}`,
      }
    );
  }
  const share = await deps.shares.get(link.id);
  if (!share) return undefined;
  const [first, ...rest] = share.items.map((item) => (item.kind === 'folder' ? `${item.alias}/` : item.alias));
  return {
    ownerEmail: share.ownerEmail,
    locale: share.locale,
    label: rest.length ? emailTexts(share.locale).text('andMore', { first: first!, count: rest.length }) : (first ?? share.id),
    manageLink: `${base}/#/links/${encodeURIComponent(share.id)}`,
  };
}

async function sendLinkLocked(deps: NotifyDeps, job: Extract<OutboxJob, { kind: 'link-locked' }>): Promise<void> {
  const link = await lockedLink(deps, job.link);
  if (!link?.ownerEmail) {
    deps.log.warn('Lock alert not sent: no link or no verified owner address', { link: job.link });
    return;
  }
  // Shares and requests share one id space, so the sent marker lives in the link's partition either way.
  const sentKey = `lock#${job.outboxKey}`;
  if ((await deps.store.sentKeys(job.link.id, sentKey)).has(sentKey)) return;
  const from = await fromAddress(deps);
  if (!from) {
    deps.log.warn('Lock alert not sent: this deployment sends no email', { link: job.link });
    return;
  }
  const email = linkLockedEmail({
    shareLabel: link.label,
    failures: job.failures,
    lockedUntil: job.lockedUntil,
    manageLink: link.manageLink,
    locale: link.locale,
  });
  await deps.mailer.send({ from, to: link.ownerEmail, ...email });
  await deps.store.markSent(job.link.id, sentKey, Math.floor(deps.now() / 1000) + 3 * 24 * 3600);
  deps.log.info('Sent a lock alert', { link: job.link });
}

export function runOutboxJob(deps: NotifyDeps, job: OutboxJob): Promise<void> {
  if (job.kind === 'recipient-code' || job.kind === 'partner-invite') return runPartnerJob(deps, job);
  return job.kind === 'sender-code' ? sendSenderCode(deps, job) : sendLinkLocked(deps, job);
}

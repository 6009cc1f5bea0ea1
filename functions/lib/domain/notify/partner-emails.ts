/**
 * Verified recipients' emails, queued in the outbox by the recipient and links functions: a
 * partner's 6-digit access code, and an invitation (a partner added to a link, or sent again).
 */
import { open } from '../sealed.js';
import { currentSender, serviceSender } from '../senders.js';
import { shareUrl, statusOf } from '../share.js';
import { RECIPIENT_CODE_PURPOSE, recipientCodeContext } from '../recipient/codes.js';
import { activePartner, partnerKey } from '../recipient/partners.js';
import { escapeHtml, formatInstant, layout, partnerEmail, subjectLine, type RenderedEmail } from './email-templates.js';
import type { NotifyDeps } from './notifications.js';

export type PartnerJob =
  | { kind: 'recipient-code'; outboxKey: string; shareId: string; to: string; sealedCode: string; expiresAt: string }
  | { kind: 'partner-invite'; outboxKey: string; shareId: string; to: string };

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The job an outbox item (already known to be one) asks for, if it is a partner email. */
export function partnerJobFor(item: Record<string, unknown>, outboxKey: string): PartnerJob | undefined {
  const [shareId, to] = [text(item.shareId), text(item.to)];
  if (!shareId || !to) return undefined;
  if (item.kind === 'recipient-code') {
    const [sealedCode, expiresAt] = [text(item.sealedCode), text(item.expiresAt)];
    return sealedCode && expiresAt ? { kind: 'recipient-code', outboxKey, shareId, to, sealedCode, expiresAt } : undefined;
  }
  if (item.kind === 'partner-invite') return { kind: 'partner-invite', outboxKey, shareId, to };
  return undefined;
}

export function recipientCodeEmail(input: { code: string; ownerName: string; expiresAt: string }): RenderedEmail {
  const subject = subjectLine(`Your ShareLink code: ${input.code}`);
  const until = formatInstant(input.expiresAt);
  const body = `Your code to open the files ${input.ownerName} shared with you on ShareLink.`;
  const plain = [
    body,
    '',
    `Code: ${input.code}`,
    `It works once, until ${until}.`,
    '',
    'If you did not ask for it, ignore this email.',
    '',
    'Sent by ShareLink.',
  ];
  const html = layout(
    subject,
    [
      `<p style="margin-top:0">${escapeHtml(body)}</p>`,
      `<p>Code: <code style="font-size:20px;letter-spacing:2px;background:#f3f4f6;padding:2px 8px;border-radius:4px">${escapeHtml(input.code)}</code></p>`,
      `<p>It works once, until ${escapeHtml(until)}.</p>`,
      '<p style="font-size:13px;color:#4b5563">If you did not ask for it, ignore this email.</p>',
    ].join('\n'),
  );
  return { subject, html, text: plain.join('\n') };
}

/** The owner's own sender where they have one, else the service's (codes must go out either way). */
async function fromFor(deps: NotifyDeps, ownerId: string): Promise<string | null> {
  const own = (await currentSender(deps, ownerId)).sender;
  return own ?? serviceSender(deps.identity, (await deps.shares.getTenantSettings()).adminNotificationSender);
}

export async function runPartnerJob(deps: NotifyDeps, job: PartnerJob): Promise<void> {
  const share = await deps.shares.get(job.shareId);
  // A partner revoked or removed, or a link gone, since the item was queued: nothing goes out.
  if (!share || statusOf(share, deps.now()) !== 'active' || !activePartner(share.partners, partnerKey(job.to))) {
    deps.log.info('Partner email not sent: the link or the partner is gone', { kind: job.kind, shareId: job.shareId });
    return;
  }
  const sentKey = `${job.kind}#${job.outboxKey}`;
  if ((await deps.store.sentKeys(share.id, sentKey)).has(sentKey)) return;
  const from = await fromFor(deps, share.ownerId);
  if (!from) {
    deps.log.warn('Partner email not sent: this deployment sends no email', { kind: job.kind, shareId: share.id });
    return;
  }
  const ownerName = share.ownerName ?? share.ownerEmail;
  let email: RenderedEmail;
  if (job.kind === 'recipient-code') {
    if (Date.parse(job.expiresAt) <= deps.now()) {
      deps.log.info('Code not sent: it expired before it could go out', { shareId: share.id });
      return;
    }
    const code = open(await deps.signingKey(), RECIPIENT_CODE_PURPOSE, recipientCodeContext(share.id, job.to), job.sealedCode);
    if (code === undefined) {
      deps.log.error('A recipient code does not open with the signing key', { shareId: share.id });
      return;
    }
    email = recipientCodeEmail({ code, ownerName, expiresAt: job.expiresAt });
  } else {
    email = partnerEmail({
      ownerName,
      link: shareUrl(deps.baseUrl, share.id),
      itemNames: share.items.map((item) => (item.kind === 'folder' ? `${item.alias}/` : item.alias)),
      message: share.message,
      expiresAt: share.expiresAt,
      requiresPassword: share.passwordHash !== null,
      verified: share.verifyRecipients === true,
    });
  }
  await deps.mailer.send({ from, to: job.to, ...(share.ownerEmail ? { replyTo: share.ownerEmail } : {}), ...email });
  await deps.store.markSent(share.id, sentKey, Math.floor(deps.now() / 1000) + 3 * 24 * 3600);
  deps.log.info('Sent a partner email', { kind: job.kind, shareId: share.id });
}

/**
 * Email notifications: partner emails when a link is shared with
 * recipients, and download alerts to the owner. Handlers only write to the table; the
 * notify function reads the table stream and calls `processChanges`, so sending email
 * never blocks or loses a share. Plain TypeScript: the table, SES and the key come in
 * through the ports below.
 */
import { parseKey, visitKinds } from '../../contract/table.js';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { downloadAlertEmail, partnerEmail } from './email-templates.js';
import { emailTexts } from './i18n/index.js';
import { outboxJobFor, runOutboxJob, type OutboxJob } from './security-emails.js';
import type { Mailer, NotificationStore, NotifyLog, RequestRepository, SenderProofs, ShareRepository, SigningKeySource } from '../ports.js';
import { currentSender, emailEnabled, type SenderIdentity } from '../senders.js';
import { shareUrl, statusOf, type Share } from '../share.js';
import { sendUploadEmail, type UploadEmailJob } from './upload-emails.js';

/** Download alerts: at most one per link per recipient client in this many seconds. */
export const DOWNLOAD_ALERT_WINDOW_SECONDS = 10 * 60;
/**
 * How long a sealed password for partner emails is kept: longer than the stream keeps a
 * record (24 hours) plus the retries, so it is there for every delivery of its record.
 */
export const HELD_PASSWORD_SECONDS = 2 * 24 * 3600;
/** Sent markers only need to outlive every retry of their stream record (24 hours). */
export const SENT_MARKER_SECONDS = 3 * 24 * 3600;

// ---------------------------------------------------------------------------------------
// The password in partner emails: sealed with AES-256-GCM under a key derived from the
// signing key (HKDF), bound to its share id, never stored in plain text.

const SEAL_INFO = 'sharelink/partner-email-password/v1';
const SEAL_VERSION = 'v1';

export function sealingKey(signingKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', signingKey, Buffer.from('sharelink'), SEAL_INFO, 32));
}

export function sealPassword(key: Buffer, shareId: string, password: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The share id as associated data: a sealed password copied to another share does not open.
  cipher.setAAD(Buffer.from(shareId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv, sealed, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** The password, or undefined if the value was not sealed for this share with this key. */
export function openPassword(key: Buffer, shareId: string, sealed: string): string | undefined {
  const [version, iv, data, tag, extra] = sealed.split('.');
  if (version !== SEAL_VERSION || !iv || data === undefined || !tag || extra !== undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(shareId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** What createShare needs to put the password into partner emails. */
export interface PartnerPasswordHold {
  hold(shareId: string, password: string, passwordVersion: number, nowMs: number): Promise<void>;
}

export function partnerPasswordHold(store: NotificationStore, signingKey: SigningKeySource): PartnerPasswordHold {
  return {
    async hold(shareId, password, passwordVersion, nowMs) {
      const sealed = sealPassword(sealingKey(await signingKey()), shareId, password);
      await store.holdPassword(shareId, { sealed, passwordVersion }, Math.floor(nowMs / 1000) + HELD_PASSWORD_SECONDS);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Which table changes mean an email.

/** A table stream record, unmarshalled: what changed and the item after the change. */
export interface TableChange {
  /** 'INSERT', 'MODIFY' or 'REMOVE', or whatever DynamoDB adds later (TTL deletions arrive as other names locally). */
  eventName: string;
  keys: { pk?: unknown; sk?: unknown };
  newImage?: Record<string, unknown>;
}

export interface DownloadRecord {
  at: string;
  file: string;
  client: string;
  userAgent: string;
  /** A zip (transfer): how many files, and the names selected (folders end in `/`). */
  fileCount?: number;
  names?: string[];
  /** The verified partner who downloaded. */
  email?: string;
}

export type NotificationJob =
  | { kind: 'partners'; shareId: string }
  | { kind: 'download'; shareId: string; eventKey: string; event: DownloadRecord }
  | UploadEmailJob
  | OutboxJob;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The email job a change asks for, if any: a new share with recipients, or a new `download`
 * access event. Everything else (the notify function's own records included) is ignored.
 */
export function jobFor(change: TableChange): NotificationJob | undefined {
  const key = parseKey(change.keys);
  if (key.kind === 'outbox') return outboxJobFor(change);
  // A file-request visit that went idle: its uploader's files may be emailed (upload-emails.ts).
  if (change.eventName === 'MODIFY' && key.kind === 'visit' && change.newImage?.kind === visitKinds.idle) {
    return { kind: 'uploads', requestId: key.requestId, visitId: key.visitId };
  }
  if (change.eventName !== 'INSERT' || !change.newImage) return undefined;
  const item = change.newImage;
  if (key.kind === 'share') {
    return Array.isArray(item.recipients) && item.recipients.length > 0 ? { kind: 'partners', shareId: key.shareId } : undefined;
  }
  if (key.kind === 'event' && item.kind === 'download') {
    const at = text(item.at);
    const file = text(item.file);
    if (!at || Number.isNaN(Date.parse(at)) || file === undefined) return undefined;
    const fileCount = typeof item.fileCount === 'number' ? item.fileCount : undefined;
    const names = Array.isArray(item.names) ? item.names.filter((name): name is string => typeof name === 'string') : undefined;
    return {
      kind: 'download',
      shareId: key.shareId,
      eventKey: key.sk,
      event: {
        at,
        file,
        client: text(item.client) ?? '',
        userAgent: text(item.userAgent) ?? '',
        ...(fileCount === undefined ? {} : { fileCount }),
        ...(names === undefined ? {} : { names }),
        ...(typeof item.email === 'string' ? { email: item.email } : {}),
      },
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Sending.

export interface NotifyDeps {
  shares: ShareRepository;
  /** File requests, for the upload emails. */
  requests?: RequestRepository;
  /** Waits before an upload email (tests pass one that does not). */
  pause?: (ms: number) => Promise<void>;
  store: NotificationStore;
  /** The owners' proved sender addresses: an unproved one is never used. */
  proofs: SenderProofs;
  /** Which addresses email may come from (`off`: none is sent). */
  identity: SenderIdentity;
  mailer: Mailer;
  signingKey: SigningKeySource;
  /** Where links point (PUBLIC_BASE_URL). */
  baseUrl: string;
  now: () => number;
  log: NotifyLog;
}

/** A notification that cannot be sent now; the record is retried, then dead-lettered. */
export class NotificationFailure extends Error {
  override readonly name = 'NotificationFailure';
}

/**
 * The sender at send time: the administrator's system sender, else the owner's own once proved,
 * either only within the deployment's SES identity (`senders.ts`).
 */
export async function senderFor(deps: Pick<NotifyDeps, 'shares' | 'proofs' | 'identity'>, ownerId: string): Promise<string | null> {
  return (await currentSender(deps, ownerId)).sender;
}

const epochOf = (ms: number) => Math.floor(ms / 1000);
const partnerKey = (recipient: string) => `partner#${recipient}`;
const shortHash = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

function itemNames(share: Share): string[] {
  return share.items.map((item) => (item.kind === 'folder' ? `${item.alias}/` : item.alias));
}

function shareLabel(share: Share): string {
  const [first, ...rest] = itemNames(share);
  return rest.length ? emailTexts(share.locale).text('andMore', { first: first!, count: rest.length }) : (first ?? share.id);
}

/** The password for the partner emails, if the owner asked for it and it is still current. */
async function partnerPassword(deps: NotifyDeps, share: Share): Promise<string | undefined> {
  if (!share.includePasswordInEmail || share.passwordHash === null) return undefined;
  const held = await deps.store.heldPassword(share.id, epochOf(deps.now()));
  if (!held) {
    deps.log.warn('The password for partner emails is no longer held; sending without it', { shareId: share.id });
    return undefined;
  }
  // The owner regenerated the password before the emails went out: the held one is wrong now.
  if (held.passwordVersion !== share.passwordVersion) return undefined;
  const password = openPassword(sealingKey(await deps.signingKey()), share.id, held.sealed);
  if (password === undefined)
    deps.log.error('The held password for partner emails does not open with the signing key', { shareId: share.id });
  return password;
}

async function sendPartnerEmails(deps: NotifyDeps, shareId: string): Promise<void> {
  const share = await deps.shares.get(shareId);
  const status = share && statusOf(share, deps.now());
  if (!share || status !== 'active') {
    deps.log.info('No partner emails: the link is gone', { shareId, status: status ?? 'missing' });
    if (share) await deps.store.releasePassword(shareId);
    return;
  }
  const recipients = [...new Set(share.recipients.map((address) => address.toLowerCase()))];
  const sent = await deps.store.sentKeys(shareId, partnerKey(''));
  const pending = recipients.filter((recipient) => !sent.has(partnerKey(recipient)));
  if (pending.length) {
    if (!emailEnabled(deps.identity)) {
      deps.log.warn('No partner emails: this deployment sends no email', { shareId });
      await deps.store.releasePassword(shareId);
      return;
    }
    const from = await senderFor(deps, share.ownerId);
    if (!from) throw new NotificationFailure("No usable sender address (neither an administrator sender nor the owner's own, proved one).");
    const password = await partnerPassword(deps, share);
    const email = partnerEmail({
      ownerName: share.ownerName ?? share.ownerEmail,
      link: shareUrl(deps.baseUrl, share.id),
      itemNames: itemNames(share),
      message: share.message,
      expiresAt: share.expiresAt,
      requiresPassword: share.passwordHash !== null,
      verified: share.verifyRecipients === true,
      ...(password === undefined ? {} : { password }),
      locale: share.locale,
    });
    for (const to of pending) {
      await deps.mailer.send({ from, to, ...(share.ownerEmail ? { replyTo: share.ownerEmail } : {}), ...email });
      await deps.store.markSent(shareId, partnerKey(to), epochOf(deps.now()) + SENT_MARKER_SECONDS);
    }
    deps.log.info('Sent partner emails', { shareId, count: pending.length, withPassword: password !== undefined });
  }
  await deps.store.releasePassword(shareId);
}

async function sendDownloadAlert(deps: NotifyDeps, job: Extract<NotificationJob, { kind: 'download' }>): Promise<void> {
  const share = await deps.shares.get(job.shareId);
  if (!share?.notifyOnDownload || !share.ownerEmail) return;
  const key = `download#${job.eventKey}`;
  if ((await deps.store.sentKeys(share.id, key)).has(key)) return;
  const from = await senderFor(deps, share.ownerId);
  if (!from) {
    // Alerts were asked for without any sender: retrying cannot help, so say so and move on.
    deps.log.warn('Download alert skipped: no sender address is configured', { shareId: share.id });
    return;
  }
  const atEpoch = epochOf(Date.parse(job.event.at));
  // One window per recipient client: a zip, or a burst of single downloads, is one email.
  const claimed = await deps.store.claimAlertWindow(
    share.id,
    `download#client#${shortHash(job.event.client)}`,
    job.eventKey,
    atEpoch,
    DOWNLOAD_ALERT_WINDOW_SECONDS,
  );
  if (!claimed) {
    deps.log.info('Download alert held back: one was sent for this recipient within 10 minutes', { shareId: share.id });
    return;
  }
  const email = downloadAlertEmail({
    ...(job.event.fileCount === undefined ? {} : { zip: { fileCount: job.event.fileCount, names: job.event.names ?? [] } }),
    file: job.event.file,
    at: job.event.at,
    userAgent: job.event.userAgent,
    client: job.event.client,
    ...(job.event.email === undefined ? {} : { email: job.event.email }),
    manageLink: `${deps.baseUrl.replace(/\/+$/, '')}/#/links/${encodeURIComponent(share.id)}`,
    shareLabel: shareLabel(share),
    locale: share.locale,
  });
  await deps.mailer.send({ from, to: share.ownerEmail, ...email });
  await deps.store.markSent(share.id, key, epochOf(deps.now()) + SENT_MARKER_SECONDS);
  deps.log.info('Sent a download alert', { shareId: share.id });
}

export function runJob(deps: NotifyDeps, job: NotificationJob): Promise<void> {
  if (job.kind === 'partners') return sendPartnerEmails(deps, job.shareId);
  if (job.kind === 'download') return sendDownloadAlert(deps, job);
  if (job.kind === 'uploads') {
    if (!deps.requests) throw new Error('runJob needs deps.requests for upload emails');
    return sendUploadEmail({ ...deps, requests: deps.requests, senderFor: (ownerId) => senderFor(deps, ownerId) }, job);
  }
  return runOutboxJob(deps, job);
}

export interface StreamItem {
  /** The record's sequence number: Lambda's `itemIdentifier` for partial batch failures. */
  id: string;
  change: TableChange;
}

/**
 * Runs a batch in stream order and returns the ids to retry: none, or the first record that
 * failed and every record after it (nothing after a failure runs, so the retry keeps the
 * order and a download alert is never decided before the one before it). Every send is
 * idempotent, so a retried record sends only what did not go out yet.
 */
export async function processChanges(deps: NotifyDeps, items: StreamItem[]): Promise<string[]> {
  for (const [index, item] of items.entries()) {
    const job = jobFor(item.change);
    if (!job) continue;
    try {
      await runJob(deps, job);
    } catch (error) {
      const subject = 'requestId' in job ? { requestId: job.requestId } : 'shareId' in job ? { shareId: job.shareId } : {};
      deps.log.error('Notification failed; the record will be retried', { kind: job.kind, ...subject, recordId: item.id, error });
      return items.slice(index).map((rest) => rest.id);
    }
  }
  return [];
}

import { AppError } from '../errors.js';
import { partnersView, type Partner } from './recipient/partners.js';
import type { LinkRecord } from './link-record.js';

export type ItemKind = 'file' | 'folder';

export interface ShareItem {
  /** Owner-relative path; a folder ends with `/`. */
  path: string;
  /** Display and download name. Unique within the share. */
  alias: string;
  kind: ItemKind;
  /** Bytes, for files, as seen when the share was created. */
  size?: number;
}

export type StoredStatus = 'active' | 'cancelled';
export type ShareStatus = 'active' | 'expired' | 'cancelled';

export interface Share extends LinkRecord {
  items: ShareItem[];
  allowDownload: boolean;
  downloadCount: number;
  maxDownloads: number | null;
  deviceBinding: boolean;
  /** Hash of the device that unlocked a bound link first. */
  boundDevice: string | null;
  /**
   * Bumped when the owner revokes access without changing the password (resetting the device
   * binding): tokens carry the version they were issued under. Absent (0) on older links.
   */
  accessVersion?: number;
  recipients: string[];
  /** Only the listed partners may open the link, each with a code emailed to them. Absent (false) on older links. */
  verifyRecipients?: boolean;
  /** Each recipient's state, by `partnerKey(email)` (recipient/partners.ts). Absent on older links. */
  partners?: Record<string, Partner>;
  message: string | null;
  notifyOnDownload: boolean;
  includePasswordInEmail: boolean;
}

/** Expiry is decided here on every read, never by DynamoDB's TTL deletion. */
export function statusOf(share: Pick<Share, 'status' | 'expiresAt'>, nowMs: number): ShareStatus {
  if (share.status === 'cancelled') return 'cancelled';
  if (share.expiresAt !== null && Date.parse(share.expiresAt) <= nowMs) return 'expired';
  return 'active';
}

/** Throws the recipient-facing error if the share cannot be used now. */
export function assertOpen(share: Share | undefined, nowMs: number): Share {
  if (!share) throw new AppError('SHARE_NOT_FOUND', 'This link does not exist. Check that you copied all of it.');
  const status = statusOf(share, nowMs);
  if (status === 'cancelled') throw new AppError('SHARE_CANCELLED', 'This link was cancelled by its owner.');
  if (status === 'expired') throw new AppError('SHARE_EXPIRED', 'This link has expired.');
  return share;
}

export function shareUrl(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/s/${id}`;
}

/** The owner's view of a share, as every owner route returns it (docs/api.md, "Shapes"). */
export function ownerView(share: Share, baseUrl: string, nowMs: number) {
  return {
    id: share.id,
    url: shareUrl(baseUrl, share.id),
    items: share.items.map(({ path, alias, kind }) => ({ path, alias, kind })),
    status: statusOf(share, nowMs),
    createdAt: share.createdAt,
    expiresAt: share.expiresAt,
    cancelledAt: share.cancelledAt,
    allowDownload: share.allowDownload,
    requiresPassword: share.passwordHash !== null,
    deviceBinding: share.deviceBinding,
    deviceBound: share.boundDevice !== null,
    downloadCount: share.downloadCount,
    maxDownloads: share.maxDownloads,
    recipients: share.recipients,
    verifyRecipients: share.verifyRecipients === true,
    partners: partnersView(share.partners, share.recipients),
    message: share.message,
    notifyOnDownload: share.notifyOnDownload,
  };
}

export type OwnerShareView = ReturnType<typeof ownerView>;

/** What anyone holding the link may learn before unlocking it. */
export function publicView(share: Share) {
  return {
    id: share.id,
    // Links made before names were recorded show the address they were created with.
    ownerName: share.ownerName ?? share.ownerEmail,
    requiresPassword: share.passwordHash !== null,
    expiresAt: share.expiresAt,
    allowDownload: share.allowDownload,
    deviceBinding: share.deviceBinding,
    verifyRecipients: share.verifyRecipients === true,
    message: share.message,
  };
}

import type { TenantSettings } from './policy.js';
import type { Share, ShareStatus } from './share.js';

/** The small interfaces the domain needs; adapters in `../adapters/` implement them. */

export type ShareFilter = ShareStatus | 'all';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type AccessEventKind = 'unlock' | 'download' | 'preview' | `denied:${string}`;

export interface AccessEvent {
  kind: AccessEventKind;
  at: string;
  file?: string;
  client: string;
  userAgent: string;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface ShareRepository {
  /** Fails if the id exists (it never should: 128 random bits). */
  create(share: Share): Promise<void>;
  get(id: string): Promise<Share | undefined>;
  listByOwner(ownerId: string, filter: ShareFilter, cursor: string | undefined, limit: number, nowMs: number): Promise<Page<Share>>;
  /** Cancels if the share exists and belongs to the owner; false otherwise. Idempotent. */
  cancel(id: string, ownerId: string, nowIso: string): Promise<boolean>;
  /**
   * Reserves one password attempt for this client, atomically: at most `limit` in a
   * window of `windowSeconds`, however many requests race.
   */
  reserveAttempt(shareId: string, client: string, nowMs: number, limit: number, windowSeconds: number): Promise<AttemptVerdict>;
  /** Gives a reserved attempt back (the password was right). */
  refundAttempt(shareId: string, client: string): Promise<void>;
  /** Binds the share to a device if unbound; true if it is now bound to this device. */
  bindDevice(shareId: string, device: string): Promise<boolean>;
  /** Counts a download; false if the share's download limit is already reached. */
  countDownload(shareId: string): Promise<boolean>;
  addEvent(shareId: string, event: AccessEvent, expiresAt: string | null): Promise<void>;
  /** Newest first. */
  listEvents(shareId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>>;
  /**
   * Applies owner edits to an active share of this owner, atomically; undefined if it is not
   * theirs or not active. `bumpPasswordVersion` revokes every token issued before.
   */
  update(id: string, ownerId: string, changes: ShareChanges, bumpPasswordVersion: boolean): Promise<Share | undefined>;
  getTenantSettings(): Promise<TenantSettings>;
  putTenantSettings(settings: TenantSettings): Promise<void>;
  getUserSettings(userId: string): Promise<UserSettings>;
  putUserSettings(userId: string, settings: UserSettings): Promise<void>;
}

export interface UserSettings {
  notificationSender: string | null;
}

export type ShareChanges = Partial<Pick<Share, 'expiresAt' | 'allowDownload' | 'passwordHash' | 'maxDownloads' | 'boundDevice'>>;

export interface StoredFile {
  key: string;
  size: number;
  lastModified: string;
}

export interface FileStore {
  stat(key: string): Promise<StoredFile | undefined>;
  /** True if at least one object lives under the prefix. */
  hasAny(prefix: string): Promise<boolean>;
  /** One page of a folder: immediate sub-folders (full prefixes) and files. */
  list(prefix: string, cursor: string | undefined, limit: number): Promise<{ folders: string[]; files: StoredFile[]; nextCursor: string | null }>;
  presignUpload(key: string, size: number, contentType: string): Promise<{ url: string; headers: Record<string, string> }>;
  /** A short-lived GET of one object; `contentType` overrides the stored type (previews). */
  presignDownload(key: string, disposition: string, contentType?: string): Promise<{ url: string; expiresAt: string }>;
}

/** The HMAC key for access tokens and client hashes. */
export type SigningKeySource = () => Promise<Buffer>;

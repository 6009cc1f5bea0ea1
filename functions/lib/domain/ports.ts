import type { TenantSettings } from './settings/policy.js';
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
  /** A zip (transfer): how many files it holds... */
  fileCount?: number;
  /** ...its id... */
  transferId?: string;
  /** ...and the names of what was selected (files, and folders ending in `/`), for the owner's alert. */
  names?: string[];
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

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/**
 * The files bucket. Keys arrive validated and under the right owner's prefix; the store
 * only speaks S3 (listing, presigning, multipart, deleting).
 */
export interface FileStore {
  stat(key: string): Promise<StoredFile | undefined>;
  /** True if at least one object lives under the prefix. */
  hasAny(prefix: string): Promise<boolean>;
  /** One page of a folder: immediate sub-folders (full prefixes) and files. */
  list(
    prefix: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<{ folders: string[]; files: StoredFile[]; nextCursor: string | null }>;
  /** One page of every object under the prefix, at any depth (no delimiter), with sizes: zip transfers. */
  listTree(prefix: string, cursor: string | undefined, limit: number): Promise<{ files: StoredFile[]; nextCursor: string | null }>;
  /** One page of every key under the prefix, at any depth (no delimiter), for recursive deletes. */
  listKeys(prefix: string, cursor: string | undefined, limit: number): Promise<{ keys: string[]; nextCursor: string | null }>;
  /** Deletes up to 1,000 keys in one request; a key that does not exist counts as deleted. */
  deleteKeys(keys: string[]): Promise<void>;
  /** Writes the zero-byte `name/` object that keeps an empty folder visible. */
  putFolderMarker(key: string): Promise<void>;
  presignUpload(key: string, size: number, contentType: string): Promise<{ url: string; headers: Record<string, string> }>;
  /** Starts a multipart upload and returns S3's upload id. */
  startMultipartUpload(key: string, contentType: string): Promise<string>;
  /** A presigned UploadPart that only accepts exactly `size` bytes. */
  presignUploadPart(key: string, uploadId: string, partNumber: number, size: number): Promise<string>;
  /** 'missing' when S3 knows no such upload for this key (completed, aborted, expired or another key's). */
  completeMultipartUpload(key: string, uploadId: string, parts: CompletedPart[]): Promise<'completed' | 'missing'>;
  /** Best effort: the bucket's lifecycle rule removes what is left after a day anyway. */
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
  /** A short-lived GET of one object; `contentType` overrides the stored type (previews). */
  presignDownload(key: string, disposition: string, contentType?: string): Promise<{ url: string; expiresAt: string }>;
}

// Recipients' zip downloads (transfers) and previews (secure view).

/** One thing a transfer covers: a shared item, or a file or folder inside a shared folder. */
export interface TransferSelection {
  /** Index of the share item. */
  index: number;
  /** Path below a shared folder ('' for the item itself). */
  below: string;
  kind: 'file' | 'folder';
  /** Where it goes in the zip: a file's path, or a folder's prefix ('' = the zip's root). */
  base: string;
  /** A file's size when known without asking S3. */
  size?: number;
}

/** A recipient's zip download: counted once, usable by the device that made it for an hour. */
export interface Transfer {
  shareId: string;
  id: string;
  /** Hash of the device id the access token carries. */
  device: string;
  selections: TransferSelection[];
  fileCount: number;
  totalBytes: number;
  createdAt: string;
  expiresAt: string;
}

export interface TransferStore {
  /**
   * Counts one download of the share and stores the transfer, in one transaction: false (and
   * nothing written) when the share's download limit is already reached.
   */
  createCounted(transfer: Transfer): Promise<boolean>;
  get(shareId: string, transferId: string): Promise<Transfer | undefined>;
}

/** Rendered previews under `previews/` of the files bucket. */
export interface PreviewCache {
  /** The stored render's page count, or undefined when there is no such render. */
  find(key: string): Promise<{ pageCount: number } | undefined>;
  presign(key: string, disposition: string, contentType: string): Promise<{ url: string; expiresAt: string }>;
}

/** What the renderer function is asked to do: read `sourceKey`, render, store at `targetKey`. */
export interface RenderJob {
  sourceKey: string;
  targetKey: string;
  /** The name the recipient sees (its extension is what the file claims to be). */
  name: string;
  page: number;
  maxSide: number;
  watermark: string[];
}

export type RenderRefusal = 'PREVIEW_UNAVAILABLE' | 'PREVIEW_FAILED' | 'PREVIEW_PAGE_OUT_OF_RANGE' | 'FILE_NOT_FOUND';

export type RenderOutcome =
  { ok: true; pageCount: number } | { ok: false; code: RenderRefusal; reason: string; message: string; pageCount?: number };

/** The preview renderer function, as the recipient function reaches it (Lambda Invoke). */
export interface Renderer {
  render(job: RenderJob): Promise<RenderOutcome>;
}

/** The renderer function's side of the files bucket: originals in, renders out. */
export interface RenderStore {
  /** The object's bytes, 'missing', or 'too-large' (known from its length before reading it). */
  read(key: string, maxBytes: number): Promise<{ bytes: Uint8Array; contentType?: string } | 'missing' | 'too-large'>;
  write(key: string, bytes: Uint8Array, contentType: string, pageCount: number): Promise<void>;
}

/** The HMAC key for access tokens and client hashes. */
export type SigningKeySource = () => Promise<Buffer>;

// Email: the mailer, the notify function's records, its log.

export interface OutgoingEmail {
  from: string;
  to: string;
  /** Partner emails: replies go to the owner, whatever the sender address. */
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

/** A link's password, encrypted for the notify function, and the password version it belongs to. */
export interface HeldPassword {
  sealed: string;
  passwordVersion: number;
}

/** The notify function's records in the table, next to the share they belong to. */
export interface NotificationStore {
  /** Keeps a sealed password until `expiresAtEpoch` (DynamoDB TTL tidies; reads check it too). */
  holdPassword(shareId: string, held: HeldPassword, expiresAtEpoch: number): Promise<void>;
  /** The held password, unless it is missing or past its expiry. */
  heldPassword(shareId: string, nowEpoch: number): Promise<HeldPassword | undefined>;
  releasePassword(shareId: string): Promise<void>;
  /** Keys of the emails of this share already sent, among those starting with `keyPrefix`. */
  sentKeys(shareId: string, keyPrefix: string): Promise<Set<string>>;
  markSent(shareId: string, key: string, expiresAtEpoch: number): Promise<void>;
  /**
   * Claims the alert window of `subject` from `atEpoch` for `windowSeconds`, atomically:
   * true if no window was open at `atEpoch`, or if `claimant` already holds it (a retry).
   */
  claimAlertWindow(shareId: string, subject: string, claimant: string, atEpoch: number, windowSeconds: number): Promise<boolean>;
}

/** Structured log lines (Powertools' logger when deployed): share ids and counts, never passwords or recipient lists. */
export interface NotifyLog {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

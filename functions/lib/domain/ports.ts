import type { FileRequest, RequestChanges, RequestUpload, RequestVisit, SettleDeltas, UploadState } from './requests/request.js';
import type { Locale } from './locale.js';
import type { TenantSettings } from './settings/policy.js';
import type { Partner } from './recipient/partners.js';
import type { Share, ShareStatus } from './share.js';

/** The small interfaces the domain needs; adapters in `../adapters/` implement them. */

export type ShareFilter = ShareStatus | 'all';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type AccessEventKind = 'unlock' | 'download' | 'preview' | 'upload' | `denied:${string}`;

export interface AccessEvent {
  kind: AccessEventKind;
  at: string;
  file?: string;
  /** Bytes of an uploaded file (file requests' `upload` events). */
  size?: number;
  /** The name a file request's uploader gave. */
  uploader?: string;
  client: string;
  userAgent: string;
  /** A zip (transfer): how many files it holds... */
  fileCount?: number;
  /** ...its id... */
  transferId?: string;
  /** ...and the names of what was selected (files, and folders ending in `/`), for the owner's alert. */
  names?: string[];
  /** The verified partner who did it (links with `verifyRecipients`). */
  email?: string;
}

export interface ShareRepository {
  /** Fails if the id exists (it never should: 128 random bits). */
  create(share: Share): Promise<void>;
  get(id: string): Promise<Share | undefined>;
  listByOwner(ownerId: string, filter: ShareFilter, cursor: string | undefined, limit: number, nowMs: number): Promise<Page<Share>>;
  /** Cancels if the share exists and belongs to the owner; false otherwise. Idempotent. */
  cancel(id: string, ownerId: string, nowIso: string): Promise<boolean>;
  /** Binds the share to a device if unbound; true if it is now bound to this device. */
  bindDevice(shareId: string, device: string): Promise<boolean>;
  /** Counts a download; false if the share's download limit is already reached. */
  countDownload(shareId: string): Promise<boolean>;
  addEvent(shareId: string, event: AccessEvent, expiresAt: string | null): Promise<void>;
  /** Newest first. */
  listEvents(shareId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>>;
  /**
   * Applies owner edits to an active share of this owner, atomically; undefined if it is not
   * theirs or not active. `bumpPasswordVersion` revokes every token issued before; so does
   * `revokeAccess` (it bumps the link's access version, which every token carries).
   */
  update(
    id: string,
    ownerId: string,
    changes: ShareChanges,
    bumpPasswordVersion: boolean,
    revokeAccess?: boolean,
  ): Promise<Share | undefined>;
  /** Binds one partner's device if they have none yet; true if it is now bound to this device. */
  bindPartnerDevice(shareId: string, partner: string, device: string): Promise<boolean>;
  /** Records when a partner first opened or downloaded (only the first time counts). */
  notePartner(shareId: string, partner: string, field: 'openedAt' | 'downloadedAt', at: string): Promise<void>;
  /**
   * Applies the owner's partner edits and the new recipient list to an active share of this
   * owner, atomically (`init` first gives an older link its partner entries); undefined if it is
   * not theirs, not active, or a partner to revoke or reset is no longer listed.
   */
  editPartners(
    id: string,
    ownerId: string,
    edits: PartnerEdit[],
    recipients: string[],
    init?: Record<string, Partner>,
  ): Promise<Share | undefined>;
  getTenantSettings(): Promise<TenantSettings>;
  putTenantSettings(settings: TenantSettings): Promise<void>;
  getUserSettings(userId: string): Promise<UserSettings>;
  putUserSettings(userId: string, settings: UserSettings): Promise<void>;
}

/**
 * File requests, their visits (one per unlock) and uploads, in the one table. Quotas and names
 * are decided by conditional writes here: `reserveUpload` and `settleUpload` are atomic
 * (transactions), `claimName` a conditional write on the S3 key's lock item.
 */
export interface RequestRepository {
  create(request: FileRequest): Promise<void>;
  get(id: string): Promise<FileRequest | undefined>;
  listByOwner(ownerId: string, filter: ShareFilter, cursor: string | undefined, limit: number, nowMs: number): Promise<Page<FileRequest>>;
  /** Cancels if the request exists and belongs to the owner; false otherwise. Idempotent. */
  cancel(id: string, ownerId: string, nowIso: string): Promise<boolean>;
  /** Applies owner edits to an active request of this owner; undefined if it is not theirs or not active. */
  update(id: string, ownerId: string, changes: RequestChanges): Promise<FileRequest | undefined>;
  addEvent(requestId: string, event: AccessEvent, expiresAt: string | null): Promise<void>;
  /** Newest first. */
  listEvents(requestId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>>;
  /** `requestExpiresAt` dates the visit's TTL (housekeeping only). */
  createVisit(visit: RequestVisit, requestExpiresAt: string | null): Promise<void>;
  getVisit(requestId: string, visitId: string): Promise<RequestVisit | undefined>;
  /** Visits, oldest first, and every upload (any state) of a request, up to `limit` of each. */
  listVisits(requestId: string, limit: number): Promise<RequestVisit[]>;
  listUploads(requestId: string, visitId: string | undefined, limit: number): Promise<RequestUpload[]>;
  /**
   * Atomically: one file and `upload.size` bytes more on the request's counters, only while
   * it is active, unexpired (`nowIso`) and within `maxFiles` / `maxBytes`; the upload, pending;
   * its visit one pending upload more. False (nothing written) when a condition failed.
   */
  reserveUpload(upload: RequestUpload, request: Pick<FileRequest, 'maxBytes' | 'expiresAt'>, nowIso: string): Promise<boolean>;
  /** Records where an upload goes once its name is decided. */
  setUploadTarget(upload: RequestUpload): Promise<void>;
  getUpload(requestId: string, visitId: string, uploadId: string): Promise<RequestUpload | undefined>;
  /**
   * Atomically moves an upload from state `from` to `to` and applies the counter changes to the
   * request and its visit (and writes `event`, if given); false if the upload was not in `from`.
   */
  settleUpload(upload: RequestUpload, from: UploadState, to: UploadState, deltas: SettleDeltas, event?: AccessEvent): Promise<boolean>;
  /** Pending uploads whose deadline passed before `nowIso`, at most `limit`. */
  listStaleUploads(requestId: string, nowIso: string, limit: number): Promise<RequestUpload[]>;
  /** Marks the visit idle (the notify function's cue) if nothing is pending and something arrived. */
  markVisitIdle(requestId: string, visitId: string, nowIso: string): Promise<boolean>;
  /** Records that the visit's email listed `files` files. */
  markVisitEmailed(requestId: string, visitId: string, files: number): Promise<void>;
  /**
   * Locks an S3 key for one upload until `untilEpoch`: true unless another upload holds the
   * lock (unreleased and unexpired at `nowEpoch`).
   */
  claimName(objectKey: string, uploadId: string, untilEpoch: number, nowEpoch: number): Promise<boolean>;
  /** Lets the name go (the upload settled); only the holder's release counts. */
  releaseName(objectKey: string, uploadId: string): Promise<void>;
}

/** One change to a link's partners (`partners.<key>` of the share item). */
export type PartnerEdit =
  /** A new entry (replacing a revoked one). */
  | { op: 'add'; key: string; partner: Partner }
  | { op: 'remove'; key: string }
  /** Revoked: no codes, and every token of theirs stops working (version bumped). */
  | { op: 'revoke'; key: string; at: string }
  /** Their device binding cleared and their tokens revoked (version bumped). */
  | { op: 'resetDevice'; key: string };

/** A verified partner's pending code: its HMAC and when it stops working (epoch seconds). */
export interface PendingCode {
  codeHash: string;
  expiresAt: number;
}

/** Partners' access codes, one pending code per partner of a link (a new one replaces it). */
export interface RecipientCodes {
  put(shareId: string, partner: string, pending: PendingCode): Promise<void>;
  get(shareId: string, partner: string): Promise<PendingCode | undefined>;
  /** Uses the code up if it is still the pending one and unexpired at `nowEpoch`: true for exactly one caller. */
  consume(shareId: string, partner: string, codeHash: string, nowEpoch: number): Promise<boolean>;
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

// Throttles, quotas, sender proofs and the outbox: small items next to what they protect
// (`contract/table.ts`), each changed only by conditional writes (adapters/security-store.ts).

/** Where a counter lives in the table (`keys.*` of `contract/table.ts`). */
export interface CounterKey {
  pk: string;
  sk: string;
}

export type Reservation =
  /** A slot of the window that opened at `windowStart` (epoch seconds) is held for this attempt. */
  | { status: 'reserved'; windowStart: number }
  /** Every free slot is held by an attempt still being checked; one that proves right gives its slot back. */
  | { status: 'busy' }
  /** The window's failures reached the limit: nothing more until it ends. */
  | { status: 'exhausted'; retryAfterSeconds: number };

/**
 * Fixed-window attempt counters. A counter holds `attempts` (failures plus attempts still being
 * checked) and `failures`; a slot is reserved only while `attempts` is under the limit, so
 * however many requests race, at most `limit` are checked at once, and at most `limit` fail.
 */
export interface AttemptCounters {
  reserve(counter: CounterKey, nowMs: number, limit: number, windowSeconds: number): Promise<Reservation>;
  /** The attempt was right (or never checked): its slot is free again. */
  release(counter: CounterKey, windowStart: number): Promise<void>;
  /** The attempt was wrong: it keeps its slot and counts as a failure. Returns the window's failures (0 if the window is over). */
  fail(counter: CounterKey, windowStart: number): Promise<number>;
  /** Adds `amount` to a quota if it stays within `limit`; false (and nothing added) otherwise. */
  take(counter: CounterKey, amount: number, limit: number, expiresAtEpoch: number): Promise<boolean>;
}

/** Emails other functions ask the notify function to send (it reads them from the table stream). */
export type OutboxMessage =
  | { kind: 'link-locked'; shareId: string; failures: number; lockedUntil: string }
  | { kind: 'link-locked'; requestId: string; failures: number; lockedUntil: string }
  | { kind: 'sender-code'; userId: string; to: string; sealedCode: string; expiresAt: string; locale?: Locale }
  /** A verified partner's access code (sealed for the notify function). */
  | { kind: 'recipient-code'; shareId: string; to: string; sealedCode: string; expiresAt: string }
  /** A partner added to a link, or an invitation sent again. */
  | { kind: 'partner-invite'; shareId: string; to: string };

export interface Outbox {
  /** Queues one email; false if this key was queued already (each key is sent at most once). */
  queue(key: CounterKey, message: OutboxMessage, expiresAtEpoch: number): Promise<boolean>;
}

/** A sender address a user is proving (a pending code) or has proved. */
export interface SenderProof {
  address: string;
  /** HMAC of the pending code, or null when none is pending. */
  codeHash: string | null;
  /** Epoch seconds the pending code stops working. */
  codeExpiresAt: number | null;
  /** When the address was proved, and how; null while it is not. */
  provenAt: string | null;
  provenBy: 'sign-in' | 'code' | null;
}

export interface SenderProofs {
  get(userId: string, address: string): Promise<SenderProof | undefined>;
  /** Stores a new pending code (replacing an earlier one); a proof already made stays. */
  putCode(userId: string, address: string, codeHash: string, expiresAtEpoch: number): Promise<void>;
  /**
   * Records the proof. With `codeHash`, only while that code is still the pending one (it is
   * then used up); false if it is not.
   */
  prove(userId: string, address: string, by: 'sign-in' | 'code', nowIso: string, codeHash?: string): Promise<boolean>;
}

import { validationFailed } from '../../functions/lib/errors.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../../functions/lib/domain/settings/policy.js';
import type { Partner } from '../../functions/lib/domain/recipient/partners.js';
import type {
  PartnerEdit,
  AccessEvent,
  AttemptCounters,
  CounterKey,
  FileStore,
  Outbox,
  OutboxMessage,
  Reservation,
  SenderProof,
  SenderProofs,
  Page,
  ShareChanges,
  ShareFilter,
  ShareRepository,
  CompletedPart,
  StoredFile,
  UserSettings,
} from '../../functions/lib/domain/ports.js';
import { statusOf, type Share } from '../../functions/lib/domain/share.js';

/**
 * In-memory implementations of the domain's ports, with the same observable rules as
 * the DynamoDB and S3 adapters (conditional writes, attempt windows, delimiter
 * listings), so domain tests run without mocks. Each method body runs without an
 * `await` in the middle, which makes it atomic the way a conditional write is.
 */

const copy = <T>(value: T): T => structuredClone(value);

export interface RecordedEvent {
  shareId: string;
  event: AccessEvent;
  expiresAt: string | null;
}

export class MemoryShareRepository implements ShareRepository {
  readonly shares = new Map<string, Share>();
  readonly events: RecordedEvent[] = [];
  readonly userSettings = new Map<string, UserSettings>();
  tenant: TenantSettings = { ...DEFAULT_TENANT_SETTINGS };

  /** Test helper: stores a share as-is (bypassing `create`'s uniqueness check). */
  put(share: Share): Share {
    this.shares.set(share.id, copy(share));
    return share;
  }

  /** Test helper: the kinds of access events recorded for one share, oldest first. */
  eventKinds(shareId: string): string[] {
    return this.events.filter((e) => e.shareId === shareId).map((e) => e.event.kind);
  }

  async create(share: Share): Promise<void> {
    if (this.shares.has(share.id)) throw new Error(`ConditionalCheckFailed: share ${share.id} exists`);
    this.shares.set(share.id, copy(share));
  }

  async get(id: string): Promise<Share | undefined> {
    const share = this.shares.get(id);
    return share ? copy(share) : undefined;
  }

  async listByOwner(ownerId: string, filter: ShareFilter, cursor: string | undefined, limit: number, nowMs: number): Promise<Page<Share>> {
    const sortKey = (share: Share) => `${share.createdAt}#${share.id}`;
    let after: string | undefined;
    if (cursor !== undefined) {
      try {
        const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { owner?: unknown; after?: unknown };
        if (decoded.owner === ownerId && typeof decoded.after === 'string') after = decoded.after;
      } catch {
        // handled below
      }
      if (after === undefined) throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
    }
    const newestFirst = [...this.shares.values()]
      .filter((share) => share.ownerId === ownerId)
      .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1))
      .filter((share) => after === undefined || sortKey(share) < after)
      .filter((share) => filter === 'all' || statusOf(share, nowMs) === filter);
    const items = newestFirst.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      newestFirst.length > limit && last
        ? Buffer.from(JSON.stringify({ owner: ownerId, after: sortKey(last) })).toString('base64url')
        : null;
    return { items: items.map(copy), nextCursor };
  }

  async cancel(id: string, ownerId: string, nowIso: string): Promise<boolean> {
    const share = this.shares.get(id);
    if (!share || share.ownerId !== ownerId) return false;
    share.status = 'cancelled';
    share.cancelledAt ??= nowIso;
    return true;
  }

  async bindDevice(shareId: string, device: string): Promise<boolean> {
    const share = this.shares.get(shareId);
    if (!share || (share.boundDevice !== null && share.boundDevice !== device)) return false;
    share.boundDevice = device;
    return true;
  }

  async countDownload(shareId: string): Promise<boolean> {
    const share = this.shares.get(shareId);
    if (!share || (share.maxDownloads !== null && share.downloadCount >= share.maxDownloads)) return false;
    share.downloadCount += 1;
    return true;
  }

  async addEvent(shareId: string, event: AccessEvent, expiresAt: string | null): Promise<void> {
    this.events.push({ shareId, event: copy(event), expiresAt });
  }

  async listEvents(shareId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>> {
    const newestFirst = this.events
      .filter((e) => e.shareId === shareId)
      .map((e) => e.event)
      .reverse()
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    let offset = 0;
    if (cursor !== undefined) {
      const [forShare, at] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
      offset = Number(at);
      if (forShare !== shareId || !Number.isInteger(offset) || offset < 0)
        throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
    }
    const items = newestFirst.slice(offset, offset + limit).map(copy);
    const next = offset + items.length;
    return { items, nextCursor: next < newestFirst.length ? Buffer.from(`${shareId}|${next}`).toString('base64url') : null };
  }

  async update(id: string, ownerId: string, changes: ShareChanges, bumpPasswordVersion: boolean, revokeAccess = false) {
    const share = this.shares.get(id);
    if (!share || share.ownerId !== ownerId || share.status !== 'active') return undefined;
    for (const [field, value] of Object.entries(changes)) {
      if (value !== undefined) Object.assign(share, { [field]: value });
    }
    if (bumpPasswordVersion) share.passwordVersion += 1;
    if (revokeAccess) share.accessVersion = (share.accessVersion ?? 0) + 1;
    return copy(share);
  }

  async bindPartnerDevice(shareId: string, partner: string, device: string): Promise<boolean> {
    const entry = this.shares.get(shareId)?.partners?.[partner];
    if (!entry || (entry.boundDevice !== null && entry.boundDevice !== device)) return false;
    entry.boundDevice = device;
    return true;
  }

  async notePartner(shareId: string, partner: string, field: 'openedAt' | 'downloadedAt', at: string): Promise<void> {
    const entry = this.shares.get(shareId)?.partners?.[partner];
    if (entry && entry[field] === null) entry[field] = at;
  }

  async editPartners(id: string, ownerId: string, edits: PartnerEdit[], recipients: string[], init?: Record<string, Partner>) {
    const share = this.shares.get(id);
    if (share && init && !share.partners) share.partners = copy(init);
    if (!share || share.ownerId !== ownerId || share.status !== 'active') return undefined;
    const partners = share.partners ?? {};
    if (edits.some((edit) => (edit.op === 'revoke' || edit.op === 'resetDevice') && !partners[edit.key])) return undefined;
    for (const edit of edits) {
      const entry = partners[edit.key];
      if (edit.op === 'add') partners[edit.key] = copy(edit.partner);
      else if (edit.op === 'remove') delete partners[edit.key];
      else if (entry) {
        entry.version += 1;
        if (edit.op === 'revoke') entry.revokedAt = edit.at;
        else entry.boundDevice = null;
      }
    }
    share.partners = partners;
    share.recipients = [...recipients];
    return copy(share);
  }

  async getTenantSettings(): Promise<TenantSettings> {
    return { ...this.tenant };
  }

  async putTenantSettings(settings: TenantSettings): Promise<void> {
    this.tenant = { ...settings };
  }

  async getUserSettings(userId: string): Promise<UserSettings> {
    return { notificationSender: this.userSettings.get(userId)?.notificationSender ?? null };
  }

  async putUserSettings(userId: string, settings: UserSettings): Promise<void> {
    this.userSettings.set(userId, { ...settings });
  }
}

export interface MemoryCounter {
  attempts: number;
  failures: number;
  /** epoch seconds */
  windowStart: number;
}

/**
 * Attempt counters, quotas, the outbox and sender proofs with the rules of
 * DynamoSecurityStore: a slot only while `attempts` is under the limit, a new window only
 * once the old one ended, an outbox key written once, a code consumed only while pending.
 */
export class MemorySecurityStore implements AttemptCounters, Outbox, SenderProofs {
  readonly counters = new Map<string, MemoryCounter>();
  readonly quotas = new Map<string, number>();
  readonly outbox: { key: CounterKey; message: OutboxMessage; expiresAtEpoch: number }[] = [];
  readonly proofs = new Map<string, SenderProof>();

  private static id(key: CounterKey): string {
    return `${key.pk}|${key.sk}`;
  }

  /** Test helper: the counter at this key, if any. */
  counter(key: CounterKey): MemoryCounter | undefined {
    return this.counters.get(MemorySecurityStore.id(key));
  }

  /** Test helper: sets a counter as it would be after `failures` wrong attempts from `windowStart`. */
  setFailures(key: CounterKey, failures: number, windowStart: number): void {
    this.counters.set(MemorySecurityStore.id(key), { attempts: failures, failures, windowStart });
  }

  async reserve(key: CounterKey, nowMs: number, limit: number, windowSeconds: number): Promise<Reservation> {
    const now = Math.floor(nowMs / 1000);
    const counter = this.counters.get(MemorySecurityStore.id(key));
    if (!counter || counter.windowStart <= now - windowSeconds) {
      this.counters.set(MemorySecurityStore.id(key), { attempts: 1, failures: 0, windowStart: now });
      return { status: 'reserved', windowStart: now };
    }
    if (counter.attempts < limit) {
      counter.attempts += 1;
      return { status: 'reserved', windowStart: counter.windowStart };
    }
    if (counter.failures < limit) return { status: 'busy' };
    return { status: 'exhausted', retryAfterSeconds: Math.max(1, counter.windowStart + windowSeconds - now) };
  }

  async release(key: CounterKey, windowStart: number): Promise<void> {
    const counter = this.counters.get(MemorySecurityStore.id(key));
    if (counter && counter.windowStart === windowStart && counter.attempts > 0) counter.attempts -= 1;
  }

  async fail(key: CounterKey, windowStart: number): Promise<number> {
    const counter = this.counters.get(MemorySecurityStore.id(key));
    if (!counter || counter.windowStart !== windowStart) return 0;
    counter.failures += 1;
    return counter.failures;
  }

  async take(key: CounterKey, amount: number, limit: number): Promise<boolean> {
    const used = this.quotas.get(MemorySecurityStore.id(key)) ?? 0;
    if (amount > limit || used > limit - amount) return false;
    this.quotas.set(MemorySecurityStore.id(key), used + amount);
    return true;
  }

  async queue(key: CounterKey, message: OutboxMessage, expiresAtEpoch: number): Promise<boolean> {
    if (this.outbox.some((queued) => queued.key.pk === key.pk && queued.key.sk === key.sk)) return false;
    this.outbox.push({ key: copy(key), message: copy(message), expiresAtEpoch });
    return true;
  }

  private static proofId(userId: string, address: string): string {
    return `${userId}|${address.toLowerCase()}`;
  }

  async get(userId: string, address: string): Promise<SenderProof | undefined> {
    const proof = this.proofs.get(MemorySecurityStore.proofId(userId, address));
    return proof ? copy(proof) : undefined;
  }

  async putCode(userId: string, address: string, codeHash: string, expiresAtEpoch: number): Promise<void> {
    const id = MemorySecurityStore.proofId(userId, address);
    const earlier = this.proofs.get(id);
    this.proofs.set(id, {
      address: address.toLowerCase(),
      codeHash,
      codeExpiresAt: expiresAtEpoch,
      provenAt: earlier?.provenAt ?? null,
      provenBy: earlier?.provenBy ?? null,
    });
  }

  async prove(userId: string, address: string, by: 'sign-in' | 'code', nowIso: string, codeHash?: string): Promise<boolean> {
    const id = MemorySecurityStore.proofId(userId, address);
    const earlier = this.proofs.get(id);
    if (codeHash !== undefined && earlier?.codeHash !== codeHash) return false;
    this.proofs.set(id, { address: address.toLowerCase(), codeHash: null, codeExpiresAt: null, provenAt: nowIso, provenBy: by });
    return true;
  }

  /** Test helper: records a proof directly. */
  proven(userId: string, address: string, by: 'sign-in' | 'code' = 'code'): this {
    this.proofs.set(MemorySecurityStore.proofId(userId, address), {
      address: address.toLowerCase(),
      codeHash: null,
      codeExpiresAt: null,
      provenAt: '2026-01-01T00:00:00.000Z',
      provenBy: by,
    });
    return this;
  }
}

export interface PresignedUpload {
  key: string;
  size: number;
  contentType: string;
}

export interface PresignedDownload {
  key: string;
  disposition: string;
}

export interface PresignedPart {
  key: string;
  uploadId: string;
  partNumber: number;
  size: number;
}

/** A multipart upload as S3 keeps it: bound to one key, parts by number with their ETags. */
export interface MemoryMultipartUpload {
  key: string;
  contentType: string;
  parts: Map<number, { size: number; etag: string }>;
  state: 'open' | 'completed' | 'aborted';
}

/**
 * A bucket as a sorted key space. `list` answers like ListObjectsV2 with `Delimiter: '/'`
 * as S3FileStore maps it: immediate sub-folders, files, the prefix's own marker skipped.
 */
export class MemoryFileStore implements FileStore {
  readonly objects = new Map<string, { size: number; lastModified: string }>();
  readonly uploads: PresignedUpload[] = [];
  readonly downloads: PresignedDownload[] = [];
  readonly presignedParts: PresignedPart[] = [];
  readonly multipart = new Map<string, MemoryMultipartUpload>();
  /** Sizes of the DeleteObjects batches, in order. */
  readonly deleteBatches: number[] = [];
  listKeysCalls = 0;
  listTreeCalls = 0;
  private multipartCounter = 0;

  constructor(private readonly clock: () => number = () => Date.now()) {}

  /** Test helper: stores an object (a key ending in `/` is an empty-folder marker). */
  putObject(key: string, size = 1, lastModified = '2026-01-01T00:00:00.000Z'): this {
    this.objects.set(key, { size, lastModified });
    return this;
  }

  deleteObject(key: string): void {
    this.objects.delete(key);
  }

  async stat(key: string): Promise<StoredFile | undefined> {
    const object = this.objects.get(key);
    return object ? { key, ...object } : undefined;
  }

  async hasAny(prefix: string): Promise<boolean> {
    return [...this.objects.keys()].some((key) => key.startsWith(prefix));
  }

  async list(prefix: string, cursor: string | undefined, limit: number) {
    const entries = new Map<string, { folder: string } | { file: StoredFile }>();
    for (const [key, object] of this.objects) {
      if (!key.startsWith(prefix) || key === prefix) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash === -1) entries.set(key, { file: { key, ...object } });
      else entries.set(prefix + rest.slice(0, slash + 1), { folder: prefix + rest.slice(0, slash + 1) });
    }
    let after = '';
    if (cursor !== undefined) {
      after = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!after.startsWith(prefix)) throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
    }
    const sorted = [...entries.keys()].sort().filter((name) => name > after);
    const page = sorted.slice(0, limit);
    const folders: string[] = [];
    const files: StoredFile[] = [];
    for (const name of page) {
      const entry = entries.get(name)!;
      if ('folder' in entry) folders.push(entry.folder);
      else files.push(entry.file);
    }
    const last = page.at(-1);
    return { folders, files, nextCursor: sorted.length > limit && last ? Buffer.from(last).toString('base64url') : null };
  }

  async listTree(prefix: string, cursor: string | undefined, limit: number) {
    this.listTreeCalls += 1;
    const after = cursor === undefined ? '' : Buffer.from(cursor, 'base64url').toString('utf8');
    if (cursor !== undefined && !after.startsWith(prefix))
      throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix) && key > after).sort();
    const page = keys.slice(0, limit);
    const last = page.at(-1);
    return {
      files: page.map((key) => ({ key, ...this.objects.get(key)! })),
      nextCursor: keys.length > limit && last ? Buffer.from(last).toString('base64url') : null,
    };
  }

  async listKeys(prefix: string, cursor: string | undefined, limit: number) {
    this.listKeysCalls += 1;
    const after = cursor === undefined ? '' : Buffer.from(cursor, 'base64url').toString('utf8');
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix) && key > after).sort();
    const page = keys.slice(0, limit);
    const last = page.at(-1);
    return { keys: page, nextCursor: keys.length > limit && last ? Buffer.from(last).toString('base64url') : null };
  }

  async deleteKeys(keys: string[]) {
    if (keys.length > 1000) throw new Error('MalformedXML: DeleteObjects takes at most 1000 keys');
    this.deleteBatches.push(keys.length);
    for (const key of keys) this.objects.delete(key);
  }

  async putFolderMarker(key: string) {
    this.objects.set(key, { size: 0, lastModified: new Date(this.clock()).toISOString() });
  }

  async presignUpload(key: string, size: number, contentType: string) {
    this.uploads.push({ key, size, contentType });
    return { url: `https://files.invalid/${encodeURI(key)}?upload`, headers: { 'content-type': contentType } };
  }

  async startMultipartUpload(key: string, contentType: string) {
    const uploadId = `mpu-${++this.multipartCounter}`;
    this.multipart.set(uploadId, { key, contentType, parts: new Map(), state: 'open' });
    return uploadId;
  }

  async presignUploadPart(key: string, uploadId: string, partNumber: number, size: number) {
    this.presignedParts.push({ key, uploadId, partNumber, size });
    return `https://files.invalid/${encodeURI(key)}?uploadId=${uploadId}&partNumber=${partNumber}`;
  }

  /** Test helper: the browser PUTs a part to its URL; returns the ETag S3 would answer with. */
  receivePart(uploadId: string, partNumber: number, size: number): string {
    const upload = this.multipart.get(uploadId);
    if (!upload || upload.state !== 'open') throw new Error(`NoSuchUpload ${uploadId}`);
    const etag = `"etag-${uploadId}-${partNumber}-${size}"`;
    upload.parts.set(partNumber, { size, etag });
    return etag;
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: CompletedPart[]) {
    const upload = this.multipart.get(uploadId);
    // S3 binds an upload id to its key: another key's id is "no such upload".
    if (!upload || upload.key !== key || upload.state !== 'open') return 'missing' as const;
    let size = 0;
    for (const part of parts) {
      const stored = upload.parts.get(part.partNumber);
      if (!stored || stored.etag !== part.etag)
        throw validationFailed('Invalid request body: parts: a part was not uploaded, or its ETag does not match');
      size += stored.size;
    }
    upload.state = 'completed';
    this.objects.set(key, { size, lastModified: new Date(this.clock()).toISOString() });
    return 'completed' as const;
  }

  async abortMultipartUpload(key: string, uploadId: string) {
    const upload = this.multipart.get(uploadId);
    if (upload && upload.key === key && upload.state === 'open') upload.state = 'aborted';
  }

  async presignDownload(key: string, disposition: string) {
    this.downloads.push({ key, disposition });
    return {
      url: `https://files.invalid/${encodeURI(key)}?response-content-disposition=${encodeURIComponent(disposition)}`,
      expiresAt: new Date(this.clock() + 300_000).toISOString(),
    };
  }
}

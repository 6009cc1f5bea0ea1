import { validationFailed } from '../../functions/lib/errors.js';
import type { AccessEvent, Page, RequestRepository, ShareFilter } from '../../functions/lib/domain/ports.js';
import {
  requestStatusOf,
  type FileRequest,
  type RequestChanges,
  type RequestUpload,
  type RequestVisit,
  type SettleDeltas,
  type UploadState,
} from '../../functions/lib/domain/requests/request.js';

/**
 * File requests in memory, with the same observable rules as DynamoRequestRepository: each
 * method body runs without an `await` in the middle, so it is atomic the way a conditional
 * write or a transaction is, and the conditions are the adapter's, written out in code.
 */

const copy = <T>(value: T): T => structuredClone(value);

export interface RecordedRequestEvent {
  requestId: string;
  event: AccessEvent;
}

interface NameClaim {
  uploadId: string;
  until: number;
  released: boolean;
}

export class MemoryRequestRepository implements RequestRepository {
  readonly requests = new Map<string, FileRequest>();
  readonly visits = new Map<string, RequestVisit & { idle: boolean }>();
  readonly uploads = new Map<string, RequestUpload>();
  readonly events: RecordedRequestEvent[] = [];
  readonly claims = new Map<string, NameClaim>();
  /** Every visit that went idle, in order: what the table stream would carry to the notify function. */
  readonly idleMarks: { requestId: string; visitId: string }[] = [];

  /** Test helper: stores a request as-is. */
  put(request: FileRequest): FileRequest {
    this.requests.set(request.id, copy(request));
    return request;
  }

  eventKinds(requestId: string): string[] {
    return this.events.filter((e) => e.requestId === requestId).map((e) => e.event.kind);
  }

  private visitKey = (requestId: string, visitId: string) => `${requestId}|${visitId}`;
  private uploadKey = (upload: Pick<RequestUpload, 'requestId' | 'visitId' | 'uploadId'>) =>
    `${upload.requestId}|${upload.visitId}|${upload.uploadId}`;

  async create(request: FileRequest): Promise<void> {
    if (this.requests.has(request.id)) throw new Error(`ConditionalCheckFailed: request ${request.id} exists`);
    this.requests.set(request.id, copy(request));
  }

  async get(id: string): Promise<FileRequest | undefined> {
    const request = this.requests.get(id);
    return request ? copy(request) : undefined;
  }

  async listByOwner(ownerId: string, filter: ShareFilter, cursor: string | undefined, limit: number, nowMs: number) {
    const sortKey = (request: FileRequest) => `${request.createdAt}#${request.id}`;
    let after: string | undefined;
    if (cursor !== undefined) {
      const [owner, key] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
      if (owner !== ownerId || !key) throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
      after = key;
    }
    const newestFirst = [...this.requests.values()]
      .filter((request) => request.ownerId === ownerId)
      .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1))
      .filter((request) => after === undefined || sortKey(request) < after)
      .filter((request) => filter === 'all' || requestStatusOf(request, nowMs) === filter);
    const items = newestFirst.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = newestFirst.length > limit && last ? Buffer.from(`${ownerId}|${sortKey(last)}`).toString('base64url') : null;
    return { items: items.map(copy), nextCursor } satisfies Page<FileRequest>;
  }

  async cancel(id: string, ownerId: string, nowIso: string): Promise<boolean> {
    const request = this.requests.get(id);
    if (!request || request.ownerId !== ownerId) return false;
    if (request.status === 'active') Object.assign(request, { status: 'cancelled', cancelledAt: nowIso });
    return true;
  }

  async update(id: string, ownerId: string, changes: RequestChanges): Promise<FileRequest | undefined> {
    const request = this.requests.get(id);
    if (!request || request.ownerId !== ownerId || request.status !== 'active') return undefined;
    for (const [field, value] of Object.entries(changes)) if (value !== undefined) Object.assign(request, { [field]: value });
    return copy(request);
  }

  async addEvent(requestId: string, event: AccessEvent): Promise<void> {
    this.events.push({ requestId, event: copy(event) });
  }

  async listEvents(requestId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>> {
    const newestFirst = this.events
      .filter((e) => e.requestId === requestId)
      .map((e) => e.event)
      .reverse();
    const offset = cursor === undefined ? 0 : Number(cursor);
    const items = newestFirst.slice(offset, offset + limit).map(copy);
    return { items, nextCursor: offset + items.length < newestFirst.length ? String(offset + items.length) : null };
  }

  async createVisit(visit: RequestVisit): Promise<void> {
    this.visits.set(this.visitKey(visit.requestId, visit.visitId), { ...copy(visit), idle: false });
  }

  async getVisit(requestId: string, visitId: string): Promise<RequestVisit | undefined> {
    const visit = this.visits.get(this.visitKey(requestId, visitId));
    if (!visit) return undefined;
    const { idle: _idle, ...rest } = copy(visit);
    return rest;
  }

  async listVisits(requestId: string, limit: number): Promise<RequestVisit[]> {
    return [...this.visits.values()]
      .filter((visit) => visit.requestId === requestId)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
      .slice(0, limit)
      .map(({ idle: _idle, ...visit }) => copy(visit));
  }

  async listUploads(requestId: string, visitId: string | undefined, limit: number): Promise<RequestUpload[]> {
    return [...this.uploads.values()]
      .filter((upload) => upload.requestId === requestId && (visitId === undefined || upload.visitId === visitId))
      .slice(0, limit)
      .map(copy);
  }

  async reserveUpload(upload: RequestUpload, limits: Pick<FileRequest, 'maxBytes' | 'expiresAt'>, nowIso: string): Promise<boolean> {
    const request = this.requests.get(upload.requestId);
    const visit = this.visits.get(this.visitKey(upload.requestId, upload.visitId));
    const room = limits.maxBytes - upload.size;
    // The adapter's condition, clause by clause.
    const allowed =
      request !== undefined &&
      visit !== undefined &&
      room >= 0 &&
      request.status === 'active' &&
      (request.expiresAt === null || request.expiresAt > nowIso) &&
      (request.maxFiles === null || request.filesUsed < request.maxFiles) &&
      request.maxBytes === limits.maxBytes &&
      request.bytesUsed <= room &&
      !this.uploads.has(this.uploadKey(upload));
    if (!allowed) return false;
    request.filesUsed += 1;
    request.bytesUsed += upload.size;
    this.uploads.set(this.uploadKey(upload), copy(upload));
    visit.pending += 1;
    visit.idle = false;
    return true;
  }

  async setUploadTarget(upload: RequestUpload): Promise<void> {
    const stored = this.uploads.get(this.uploadKey(upload));
    if (!stored) throw new Error('ConditionalCheckFailed: no such upload');
    Object.assign(
      stored,
      copy({ path: upload.path, storedName: upload.storedName, ticket: upload.ticket, urlExpiresAt: upload.urlExpiresAt }),
    );
    for (const field of ['ticket', 'urlExpiresAt'] as const) if (stored[field] === undefined) delete stored[field];
  }

  async getUpload(requestId: string, visitId: string, uploadId: string): Promise<RequestUpload | undefined> {
    const upload = this.uploads.get(this.uploadKey({ requestId, visitId, uploadId }));
    return upload ? copy(upload) : undefined;
  }

  async settleUpload(upload: RequestUpload, from: UploadState, to: UploadState, deltas: SettleDeltas, event?: AccessEvent) {
    const stored = this.uploads.get(this.uploadKey(upload));
    if (!stored || stored.state !== from) return false;
    stored.state = to;
    stored.settledAt = upload.settledAt ?? new Date().toISOString();
    const request = this.requests.get(upload.requestId);
    if (request) {
      request.filesUsed += deltas.filesUsed;
      request.bytesUsed += deltas.bytesUsed;
      request.filesReceived += deltas.filesReceived;
      request.bytesReceived += deltas.bytesReceived;
    }
    const visit = this.visits.get(this.visitKey(upload.requestId, upload.visitId));
    if (visit && (deltas.pending || deltas.visitFiles || deltas.visitBytes)) {
      visit.pending += deltas.pending;
      visit.files += deltas.visitFiles;
      visit.bytes += deltas.visitBytes;
      visit.idle = false;
    }
    if (event) this.events.push({ requestId: upload.requestId, event: copy(event) });
    return true;
  }

  async listStaleUploads(requestId: string, nowIso: string, limit: number): Promise<RequestUpload[]> {
    return [...this.uploads.values()]
      .filter(
        (upload) =>
          upload.requestId === requestId &&
          ((upload.state === 'pending' && upload.deadline < nowIso) ||
            (upload.state === 'withdrawn' && upload.urlExpiresAt !== undefined && upload.urlExpiresAt < nowIso)),
      )
      .slice(0, limit)
      .map(copy);
  }

  async markVisitIdle(requestId: string, visitId: string): Promise<boolean> {
    const visit = this.visits.get(this.visitKey(requestId, visitId));
    if (!visit || visit.pending !== 0 || visit.files <= visit.emailedFiles || visit.idle) return false;
    visit.idle = true;
    this.idleMarks.push({ requestId, visitId });
    return true;
  }

  async markVisitEmailed(requestId: string, visitId: string, files: number): Promise<void> {
    const visit = this.visits.get(this.visitKey(requestId, visitId));
    if (visit && visit.emailedFiles < files) visit.emailedFiles = files;
  }

  async claimName(objectKey: string, uploadId: string, untilEpoch: number, nowEpoch: number): Promise<boolean> {
    const claim = this.claims.get(objectKey);
    if (claim && !claim.released && claim.until >= nowEpoch && claim.uploadId !== uploadId) return false;
    this.claims.set(objectKey, { uploadId, until: untilEpoch, released: false });
    return true;
  }

  async releaseName(objectKey: string, uploadId: string): Promise<void> {
    const claim = this.claims.get(objectKey);
    if (claim?.uploadId === uploadId) claim.released = true;
  }
}

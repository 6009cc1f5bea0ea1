import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { keys, visitKinds, type TableKey } from '../contract/table.js';
import type { AccessEvent, Page, RequestRepository, ShareFilter } from '../domain/ports.js';
import type { FileRequest, RequestChanges, RequestUpload, RequestVisit, SettleDeltas, UploadState } from '../domain/requests/request.js';
import {
  epoch,
  eventItem,
  isConditionFailure,
  ownerEdit,
  queryEvents,
  queryOwnerItems,
  queryPrefix,
  RETAIN_AFTER_EXPIRY_S,
  updateIfAllowed,
  ttlAfter,
  withoutKeys,
} from './dynamo-items.js';

/**
 * File requests in the one table (contract/table.ts): the request (`REQUEST#<id>` / `META`,
 * with its quota counters), its visits (`VISIT#<visitId>`), uploads (`UPLOAD#<visitId>#<uploadId>`)
 * and access events (`EVENT#…`) in its partition, and name locks (`NAME#<S3 key>` / `CLAIM`).
 * Every quota and name decision is a conditional write; reserving and settling an upload are
 * transactions, so the counters and the upload's state never disagree.
 */

const VISIT_IDLE = visitKinds.idle;
const VISIT_BUSY = visitKinds.busy;

/** A transaction refused because one of its conditions failed (nothing was written). */
const isCancelled = (error: unknown) => (error as Error)?.name === 'TransactionCanceledException';

const strip = <T>(item: Record<string, unknown>) => withoutKeys<T>(item, ['kind', 'idleAt']);

export class DynamoRequestRepository implements RequestRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Sends a conditional write: true if it applied, false if its condition failed. */
  private async conditional(command: UpdateCommand): Promise<boolean> {
    try {
      await this.db.send(command);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async transaction(command: TransactWriteCommand): Promise<boolean> {
    try {
      await this.db.send(command);
      return true;
    } catch (error) {
      if (isCancelled(error)) return false;
      throw error;
    }
  }

  private async item<T>(key: TableKey): Promise<T | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item ? strip<T>(Item) : undefined;
  }

  /** Every item of the request's partition whose sort key starts with `prefix`, up to `limit`. */
  private async queryPartition<T>(requestId: string, prefix: string, limit: number, extra?: Partial<QueryCommandInput>): Promise<T[]> {
    const items = await queryPrefix(this.db, this.tableName, keys.requestPartition(requestId), prefix, {
      limit,
      ...(extra ? { extra } : {}),
    });
    return items.map((item) => strip<T>(item));
  }

  async create(request: FileRequest): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.request(request.id),
          ...keys.requestOwnerIndex(request.ownerId, request.createdAt, request.id),
          ...(request.expiresAt ? { ttl: epoch(request.expiresAt) + RETAIN_AFTER_EXPIRY_S } : {}),
          ...request,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  get(id: string): Promise<FileRequest | undefined> {
    return this.item<FileRequest>(keys.request(id));
  }

  async listByOwner(ownerId: string, filter: ShareFilter, cursor: string | undefined, limit: number, nowMs: number) {
    const page = await queryOwnerItems(this.db, this.tableName, keys.requestOwnerPartition(ownerId), { filter, cursor, limit, nowMs });
    return { items: page.items.map((item) => strip<FileRequest>(item)), nextCursor: page.nextCursor } satisfies Page<FileRequest>;
  }

  async cancel(id: string, ownerId: string, nowIso: string): Promise<boolean> {
    const applied = await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.request(id),
        UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND ownerId = :owner AND #status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':active': 'active', ':now': nowIso, ':owner': ownerId },
      }),
    );
    if (applied) return true;
    // Cancelling twice is fine: the owner's already-cancelled request counts as cancelled.
    const request = await this.get(id);
    return request?.ownerId === ownerId && request.status === 'cancelled';
  }

  async update(id: string, ownerId: string, changes: RequestChanges): Promise<FileRequest | undefined> {
    const { names, values, sets } = ownerEdit(ownerId, changes);
    if (sets.length === 0) {
      const request = await this.get(id);
      return request && request.ownerId === ownerId && request.status === 'active' ? request : undefined;
    }
    const item = await updateIfAllowed(this.db, {
      TableName: this.tableName,
      Key: keys.request(id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk) AND ownerId = :owner AND #status = :active',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
    return item ? strip<FileRequest>(item) : undefined;
  }

  private eventItem(requestId: string, event: AccessEvent, expiresAt: string | null) {
    return eventItem((suffix) => keys.requestEvent(requestId, event.at, suffix), event, expiresAt);
  }

  async addEvent(requestId: string, event: AccessEvent, expiresAt: string | null): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: this.eventItem(requestId, event, expiresAt) }));
  }

  listEvents(requestId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>> {
    return queryEvents(this.db, this.tableName, keys.requestPartition(requestId), keys.eventPrefix, cursor, limit);
  }

  async createVisit(visit: RequestVisit, requestExpiresAt: string | null): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.visit(visit.requestId, visit.visitId),
          ...visit,
          kind: VISIT_BUSY,
          ttl: ttlAfter(requestExpiresAt, visit.createdAt),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  getVisit(requestId: string, visitId: string): Promise<RequestVisit | undefined> {
    return this.item<RequestVisit>(keys.visit(requestId, visitId));
  }

  async listVisits(requestId: string, limit: number): Promise<RequestVisit[]> {
    const visits = await this.queryPartition<RequestVisit>(requestId, keys.visitPrefix, limit);
    return visits.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  }

  listUploads(requestId: string, visitId: string | undefined, limit: number): Promise<RequestUpload[]> {
    return this.queryPartition<RequestUpload>(
      requestId,
      visitId === undefined ? keys.uploadPrefix : `${keys.uploadPrefix}${visitId}#`,
      limit,
    );
  }

  async reserveUpload(upload: RequestUpload, request: Pick<FileRequest, 'maxBytes' | 'expiresAt'>, nowIso: string): Promise<boolean> {
    // Conditions cannot add, so "bytesUsed + size <= maxBytes" is "bytesUsed <= maxBytes - size" for this (fixed) maxBytes.
    const room = request.maxBytes - upload.size;
    if (room < 0) return false;
    return this.transaction(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.request(upload.requestId),
              UpdateExpression: 'ADD filesUsed :one, bytesUsed :size',
              ConditionExpression:
                'attribute_exists(pk) AND #status = :active AND (expiresAt = :null OR expiresAt > :now) AND ' +
                '(maxFiles = :null OR filesUsed < maxFiles) AND maxBytes = :maxBytes AND bytesUsed <= :room',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':size': upload.size,
                ':active': 'active',
                ':null': null,
                ':now': nowIso,
                ':maxBytes': request.maxBytes,
                ':room': room,
              },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.upload(upload.requestId, upload.visitId, upload.uploadId),
                ...upload,
                ttl: ttlAfter(request.expiresAt, nowIso),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: keys.visit(upload.requestId, upload.visitId),
              UpdateExpression: 'ADD #pending :one SET #kind = :busy',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#pending': 'pending', '#kind': 'kind' },
              ExpressionAttributeValues: { ':one': 1, ':busy': VISIT_BUSY },
            },
          },
        ],
      }),
    );
  }

  async setUploadTarget(upload: RequestUpload): Promise<void> {
    const fields = { path: upload.path, storedName: upload.storedName, ticket: upload.ticket, urlExpiresAt: upload.urlExpiresAt };
    const present = Object.entries(fields).filter(([, value]) => value !== undefined);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.upload(upload.requestId, upload.visitId, upload.uploadId),
        UpdateExpression: `SET ${present.map(([field]) => `#${field} = :${field}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(present.map(([field]) => [`#${field}`, field])),
        ExpressionAttributeValues: Object.fromEntries(present.map(([field, value]) => [`:${field}`, value])),
      }),
    );
  }

  getUpload(requestId: string, visitId: string, uploadId: string): Promise<RequestUpload | undefined> {
    return this.item<RequestUpload>(keys.upload(requestId, visitId, uploadId));
  }

  settleUpload(upload: RequestUpload, from: UploadState, to: UploadState, deltas: SettleDeltas, event?: AccessEvent): Promise<boolean> {
    const settledAt = upload.settledAt ?? new Date().toISOString();
    const requestChanged = deltas.filesUsed || deltas.bytesUsed || deltas.filesReceived || deltas.bytesReceived;
    const visitChanged = deltas.pending || deltas.visitFiles || deltas.visitBytes;
    return this.transaction(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.upload(upload.requestId, upload.visitId, upload.uploadId),
              UpdateExpression: 'SET #state = :to, settledAt = :at',
              ConditionExpression: '#state = :from',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':to': to, ':from': from, ':at': settledAt },
            },
          },
          ...(requestChanged
            ? [
                {
                  Update: {
                    TableName: this.tableName,
                    Key: keys.request(upload.requestId),
                    UpdateExpression: 'ADD filesUsed :fu, bytesUsed :bu, filesReceived :fr, bytesReceived :br',
                    ExpressionAttributeValues: {
                      ':fu': deltas.filesUsed,
                      ':bu': deltas.bytesUsed,
                      ':fr': deltas.filesReceived,
                      ':br': deltas.bytesReceived,
                    },
                  },
                },
              ]
            : []),
          ...(visitChanged
            ? [
                {
                  Update: {
                    TableName: this.tableName,
                    Key: keys.visit(upload.requestId, upload.visitId),
                    UpdateExpression: 'ADD #pending :p, #files :f, #bytes :b SET #kind = :busy',
                    ExpressionAttributeNames: { '#pending': 'pending', '#files': 'files', '#bytes': 'bytes', '#kind': 'kind' },
                    ExpressionAttributeValues: {
                      ':p': deltas.pending,
                      ':f': deltas.visitFiles,
                      ':b': deltas.visitBytes,
                      ':busy': VISIT_BUSY,
                    },
                  },
                },
              ]
            : []),
          ...(event ? [{ Put: { TableName: this.tableName, Item: this.eventItem(upload.requestId, event, null) } }] : []),
        ],
      }),
    );
  }

  listStaleUploads(requestId: string, nowIso: string, limit: number): Promise<RequestUpload[]> {
    return this.queryPartition<RequestUpload>(requestId, keys.uploadPrefix, limit, {
      FilterExpression: '(#state = :pending AND deadline < :now) OR (#state = :withdrawn AND urlExpiresAt < :now)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pending': 'pending', ':withdrawn': 'withdrawn', ':now': nowIso },
    });
  }

  markVisitIdle(requestId: string, visitId: string, nowIso: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.visit(requestId, visitId),
        UpdateExpression: 'SET #kind = :idle, idleAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND #pending = :zero AND #files > emailedFiles AND #kind <> :idle',
        ExpressionAttributeNames: { '#pending': 'pending', '#files': 'files', '#kind': 'kind' },
        ExpressionAttributeValues: { ':idle': VISIT_IDLE, ':now': nowIso, ':zero': 0 },
      }),
    );
  }

  async markVisitEmailed(requestId: string, visitId: string, files: number): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.visit(requestId, visitId),
        UpdateExpression: 'SET emailedFiles = :files',
        ConditionExpression: 'attribute_exists(pk) AND emailedFiles < :files',
        ExpressionAttributeValues: { ':files': files },
      }),
    );
  }

  claimName(objectKey: string, uploadId: string, untilEpoch: number, nowEpoch: number): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.nameClaim(objectKey),
        UpdateExpression: 'SET uploadId = :upload, #until = :until, released = :false, #ttl = :ttl',
        // Free: never claimed, let go, or held by an upload that can no longer reach it.
        ConditionExpression: 'attribute_not_exists(pk) OR released = :true OR #until < :now OR uploadId = :upload',
        ExpressionAttributeNames: { '#until': 'until', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':upload': uploadId,
          ':until': untilEpoch,
          ':now': nowEpoch,
          ':true': true,
          ':false': false,
          ':ttl': untilEpoch + 24 * 3600,
        },
      }),
    );
  }

  async releaseName(objectKey: string, uploadId: string): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.nameClaim(objectKey),
        UpdateExpression: 'SET released = :true',
        ConditionExpression: 'uploadId = :upload',
        ExpressionAttributeValues: { ':true': true, ':upload': uploadId },
      }),
    );
  }
}

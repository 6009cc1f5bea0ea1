import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { validationFailed } from '../errors.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../domain/settings/policy.js';
import type { AccessEvent, Page, PartnerEdit, ShareChanges, ShareFilter, ShareRepository, UserSettings } from '../domain/ports.js';
import type { Partner } from '../domain/recipient/partners.js';
import type { Share } from '../domain/share.js';
import { keys, tableSchema } from '../contract/table.js';

const { ownerIndex } = tableSchema;
const DAY_S = 24 * 3600;
/** Old items stay 30 days past expiry; TTL only tidies, it never enforces. */
const RETAIN_AFTER_EXPIRY_S = 30 * DAY_S;
const NEVER_EXPIRING_EVENT_TTL_S = 365 * DAY_S;

const shareKey = keys.share;
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const cursorSchema = z.strictObject({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });
const eventCursorSchema = z.strictObject({ pk: z.string(), sk: z.string() });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

function decodeCursor(cursor: string | undefined, ownerId: string): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (key.gsi1pk === keys.ownerPartition(ownerId)) return key;
  } catch {
    // fall through
  }
  throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
}

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as Error)?.name === 'ConditionalCheckFailedException';

function toShare(item: Record<string, unknown>): Share {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ttl: _ttl, ...share } = item;
  return share as unknown as Share;
}

/**
 * One download counted against the share's limit: a single download and a zip transfer
 * (adapters/transfer-store.ts, in a transaction) use the same update and condition.
 */
export const countOneDownload = {
  UpdateExpression: 'ADD downloadCount :one',
  ConditionExpression:
    'attribute_exists(pk) AND (attribute_not_exists(maxDownloads) OR maxDownloads = :null OR downloadCount < maxDownloads)',
  ExpressionAttributeValues: { ':one': 1, ':null': null },
};

/** Shares, access events, attempt counters and settings in the one table (contract/table.ts). */
export class DynamoShareRepository implements ShareRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(share: Share): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...shareKey(share.id),
          ...keys.ownerIndex(share.ownerId, share.createdAt, share.id),
          ...(share.expiresAt ? { ttl: epoch(share.expiresAt) + RETAIN_AFTER_EXPIRY_S } : {}),
          ...share,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<Share | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: shareKey(id), ConsistentRead: true }));
    return Item ? toShare(Item) : undefined;
  }

  async listByOwner(ownerId: string, filter: ShareFilter, cursor: string | undefined, limit: number, nowMs: number): Promise<Page<Share>> {
    const now = new Date(nowMs).toISOString();
    const filters: Record<ShareFilter, Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeValues'> | undefined> = {
      all: undefined,
      cancelled: { FilterExpression: '#status = :cancelled', ExpressionAttributeValues: { ':cancelled': 'cancelled' } },
      active: {
        FilterExpression: '#status = :active AND (attribute_not_exists(expiresAt) OR expiresAt = :null OR expiresAt > :now)',
        ExpressionAttributeValues: { ':active': 'active', ':null': null, ':now': now },
      },
      expired: {
        FilterExpression: '#status = :active AND expiresAt <= :now',
        ExpressionAttributeValues: { ':active': 'active', ':now': now },
      },
    };
    const filterPart = filters[filter];
    const items: Share[] = [];
    let startKey = decodeCursor(cursor, ownerId);
    // A filter can make pages sparse; keep reading (each read asks only for what is missing, so
    // the cursor stays exact) but bound the work per request.
    for (let reads = 0; reads < 10 && items.length < limit; reads++) {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: ownerIndex.name,
          KeyConditionExpression: 'gsi1pk = :owner',
          ExpressionAttributeValues: { ':owner': keys.ownerPartition(ownerId), ...filterPart?.ExpressionAttributeValues },
          ...(filterPart ? { FilterExpression: filterPart.FilterExpression, ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ScanIndexForward: false,
          Limit: limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []).map(toShare));
      startKey = page.LastEvaluatedKey as Record<string, string> | undefined;
      if (!startKey) break;
    }
    return { items, nextCursor: encodeCursor(startKey) };
  }

  async cancel(id: string, ownerId: string, nowIso: string): Promise<boolean> {
    const applied = await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: shareKey(id),
        UpdateExpression: 'SET #status = :cancelled, cancelledAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND ownerId = :owner AND #status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':cancelled': 'cancelled', ':active': 'active', ':now': nowIso, ':owner': ownerId },
      }),
    );
    if (applied) return true;
    // Cancelling twice is fine: the owner's already-cancelled link counts as cancelled.
    const share = await this.get(id);
    return share?.ownerId === ownerId && share.status === 'cancelled';
  }

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

  bindDevice(shareId: string, device: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: shareKey(shareId),
        UpdateExpression: 'SET boundDevice = :device',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(boundDevice) OR boundDevice = :null OR boundDevice = :device)',
        ExpressionAttributeValues: { ':device': device, ':null': null },
      }),
    );
  }

  countDownload(shareId: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: shareKey(shareId),
        ...countOneDownload,
      }),
    );
  }

  async addEvent(shareId: string, event: AccessEvent, expiresAt: string | null): Promise<void> {
    const now = epoch(event.at);
    const ttl = expiresAt ? Math.max(epoch(expiresAt), now) + RETAIN_AFTER_EXPIRY_S : now + NEVER_EXPIRING_EVENT_TTL_S;
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.event(shareId, event.at, randomBytes(4).toString('hex')), ...event, ttl },
      }),
    );
  }

  async listEvents(shareId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>> {
    let startKey: Record<string, string> | undefined;
    if (cursor !== undefined) {
      const parsed = eventCursorSchema.safeParse(safeJson(Buffer.from(cursor, 'base64url').toString('utf8')));
      if (!parsed.success || parsed.data.pk !== keys.sharePartition(shareId))
        throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
      startKey = parsed.data;
    }
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
        ExpressionAttributeValues: { ':pk': keys.sharePartition(shareId), ':events': keys.eventPrefix },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    // Only the event's own fields, not its keys or TTL; the items were written by addEvent.
    const items = (page.Items ?? []).map((item) => {
      const { kind, at, file, client, userAgent, fileCount, email } = item as AccessEvent;
      return {
        kind,
        at,
        file,
        client,
        userAgent,
        ...(typeof fileCount === 'number' ? { fileCount } : {}),
        ...(typeof email === 'string' ? { email } : {}),
      };
    });
    return { items, nextCursor: encodeCursor(page.LastEvaluatedKey) };
  }

  async update(
    id: string,
    ownerId: string,
    changes: ShareChanges,
    bumpPasswordVersion: boolean,
    revokeAccess = false,
  ): Promise<Share | undefined> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':owner': ownerId, ':active': 'active' };
    const sets: string[] = [];
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    if (changes.expiresAt !== undefined) {
      // A link that never expires keeps no TTL (a null one is ignored by DynamoDB).
      names['#ttl'] = 'ttl';
      values[':ttl'] = changes.expiresAt === null ? null : epoch(changes.expiresAt) + RETAIN_AFTER_EXPIRY_S;
      sets.push('#ttl = :ttl');
    }
    if (bumpPasswordVersion) {
      sets.push('passwordVersion = passwordVersion + :one');
      values[':one'] = 1;
    }
    if (revokeAccess) {
      // Links made before access versions have none: they start from 0, as their tokens do.
      sets.push('accessVersion = if_not_exists(accessVersion, :zero) + :one');
      values[':one'] = 1;
      values[':zero'] = 0;
    }
    if (sets.length === 0) {
      const share = await this.get(id);
      return share && share.ownerId === ownerId && share.status === 'active' ? share : undefined;
    }
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: shareKey(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk) AND ownerId = :owner AND #status = :active',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toShare(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  bindPartnerDevice(shareId: string, partner: string, device: string): Promise<boolean> {
    // Checked and set in one write on the partner's own path: of racing devices one wins, and
    // other partners' bindings are untouched.
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: shareKey(shareId),
        UpdateExpression: 'SET partners.#p.boundDevice = :device',
        ConditionExpression: 'attribute_exists(partners.#p) AND (partners.#p.boundDevice = :null OR partners.#p.boundDevice = :device)',
        ExpressionAttributeNames: { '#p': partner },
        ExpressionAttributeValues: { ':device': device, ':null': null },
      }),
    );
  }

  async notePartner(shareId: string, partner: string, field: 'openedAt' | 'downloadedAt', at: string): Promise<void> {
    // Only while unset: the first time is what the owner sees.
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: shareKey(shareId),
        UpdateExpression: 'SET partners.#p.#f = :at',
        ConditionExpression: 'attribute_exists(partners.#p) AND partners.#p.#f = :null',
        ExpressionAttributeNames: { '#p': partner, '#f': field },
        ExpressionAttributeValues: { ':at': at, ':null': null },
      }),
    );
  }

  async editPartners(
    id: string,
    ownerId: string,
    edits: PartnerEdit[],
    recipients: string[],
    init?: Record<string, Partner>,
  ): Promise<Share | undefined> {
    if (init) {
      // An older link without partner entries gets them first, once (a racing edit may have done it).
      await this.conditional(
        new UpdateCommand({
          TableName: this.tableName,
          Key: shareKey(id),
          UpdateExpression: 'SET partners = :init',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(partners)',
          ExpressionAttributeValues: { ':init': init },
        }),
      );
    }
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':owner': ownerId, ':active': 'active', ':recipients': recipients };
    const sets = ['recipients = :recipients'];
    const removes: string[] = [];
    const conditions = ['attribute_exists(pk)', 'ownerId = :owner', '#status = :active'];
    edits.forEach((edit, index) => {
      const name = `#p${index}`;
      names[name] = edit.key;
      if (edit.op === 'add') {
        values[`:p${index}`] = edit.partner;
        sets.push(`partners.${name} = :p${index}`);
      } else if (edit.op === 'remove') {
        removes.push(`partners.${name}`);
      } else {
        // Revoking or resetting someone no longer listed must not recreate them.
        conditions.push(`attribute_exists(partners.${name})`);
        values[':one'] = 1;
        sets.push(`partners.${name}.version = partners.${name}.version + :one`);
        if (edit.op === 'revoke') {
          values[`:at${index}`] = edit.at;
          sets.push(`partners.${name}.revokedAt = :at${index}`);
        } else {
          values[':null'] = null;
          sets.push(`partners.${name}.boundDevice = :null`);
        }
      }
    });
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: shareKey(id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toShare(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async putTenantSettings(settings: TenantSettings): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.tenantSettings(), ...settings } }));
  }

  async putUserSettings(userId: string, settings: UserSettings): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.userSettings(userId), ...settings } }));
  }

  async getTenantSettings(): Promise<TenantSettings> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.tenantSettings() }));
    if (!Item) return DEFAULT_TENANT_SETTINGS;
    const { pk: _pk, sk: _sk, ...settings } = Item;
    return { ...DEFAULT_TENANT_SETTINGS, ...(settings as Partial<TenantSettings>) };
  }

  async getUserSettings(userId: string): Promise<UserSettings> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.userSettings(userId) }));
    return { notificationSender: typeof Item?.notificationSender === 'string' ? Item.notificationSender : null };
  }
}

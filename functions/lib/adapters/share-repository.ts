import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../domain/settings/policy.js';
import type { AccessEvent, Page, PartnerEdit, ShareChanges, ShareFilter, ShareRepository, UserSettings } from '../domain/ports.js';
import type { Partner } from '../domain/recipient/partners.js';
import type { Share } from '../domain/share.js';
import { keys } from '../contract/table.js';
import {
  epoch,
  isConditionFailure,
  ownerEdit,
  putEvent,
  queryEvents,
  queryOwnerItems,
  RETAIN_AFTER_EXPIRY_S,
  updateIfAllowed,
  withoutKeys,
} from './dynamo-items.js';

const shareKey = keys.share;

const toShare = (item: Record<string, unknown>) => withoutKeys<Share>(item);

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
    const page = await queryOwnerItems(this.db, this.tableName, keys.ownerPartition(ownerId), { filter, cursor, limit, nowMs });
    return { items: page.items.map(toShare), nextCursor: page.nextCursor };
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

  addEvent(shareId: string, event: AccessEvent, expiresAt: string | null): Promise<void> {
    return putEvent(this.db, this.tableName, (suffix) => keys.event(shareId, event.at, suffix), event, expiresAt);
  }

  listEvents(shareId: string, cursor: string | undefined, limit: number): Promise<Page<AccessEvent>> {
    return queryEvents(this.db, this.tableName, keys.sharePartition(shareId), keys.eventPrefix, cursor, limit);
  }

  async update(
    id: string,
    ownerId: string,
    changes: ShareChanges,
    bumpPasswordVersion: boolean,
    revokeAccess = false,
  ): Promise<Share | undefined> {
    const { names, values, sets } = ownerEdit(ownerId, changes);
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
    const item = await updateIfAllowed(this.db, {
      TableName: this.tableName,
      Key: shareKey(id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(pk) AND ownerId = :owner AND #status = :active',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
    return item ? toShare(item) : undefined;
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
    const item = await updateIfAllowed(this.db, {
      TableName: this.tableName,
      Key: shareKey(id),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
    return item ? toShare(item) : undefined;
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

import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../contract/table.js';
import type { HeldPassword, NotificationStore } from '../domain/ports.js';
import { isConditionFailure, queryPrefix } from './dynamo-items.js';

/**
 * The notify function's records, in the share's partition next to its META and events:
 * `NOTIFY#password` (the sealed password for partner emails), `NOTIFY#sent#<key>` (one per
 * email sent) and `NOTIFY#window#<subject>` (the open download-alert window of a file).
 * Every one carries a `ttl`; none is read by the API.
 */

export class DynamoNotificationStore implements NotificationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async holdPassword(shareId: string, held: HeldPassword, expiresAtEpoch: number): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.heldPassword(shareId), sealed: held.sealed, passwordVersion: held.passwordVersion, ttl: expiresAtEpoch },
      }),
    );
  }

  async heldPassword(shareId: string, nowEpoch: number): Promise<HeldPassword | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.heldPassword(shareId), ConsistentRead: true }),
    );
    // TTL deletion can lag by days: expiry is checked here.
    if (!Item || typeof Item.sealed !== 'string' || typeof Item.ttl !== 'number' || Item.ttl <= nowEpoch) return undefined;
    return { sealed: Item.sealed, passwordVersion: Number(Item.passwordVersion) };
  }

  async releasePassword(shareId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.heldPassword(shareId) }));
  }

  async sentKeys(shareId: string, keyPrefix: string): Promise<Set<string>> {
    const items = await queryPrefix(this.db, this.tableName, keys.sharePartition(shareId), `${keys.sentPrefix}${keyPrefix}`, {
      extra: { ProjectionExpression: 'sk' },
    });
    return new Set(items.map((item) => String(item.sk).slice(keys.sentPrefix.length)));
  }

  async markSent(shareId: string, key: string, expiresAtEpoch: number): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.sent(shareId, key), ttl: expiresAtEpoch } }));
  }

  async claimAlertWindow(shareId: string, subject: string, claimant: string, atEpoch: number, windowSeconds: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.alertWindow(shareId, subject),
          UpdateExpression: 'SET windowEnds = :ends, claimant = :claimant, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(pk) OR windowEnds <= :at OR claimant = :claimant',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':ends': atEpoch + windowSeconds,
            ':claimant': claimant,
            ':at': atEpoch,
            ':ttl': atEpoch + windowSeconds + 24 * 3600,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

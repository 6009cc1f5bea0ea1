import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../contract/table.js';
import type { HeldPassword, NotificationStore } from '../domain/ports.js';

/**
 * The notify function's records, in the share's partition next to its META and events:
 * `NOTIFY#password` (the sealed password for partner emails), `NOTIFY#sent#<key>` (one per
 * email sent) and `NOTIFY#window#<subject>` (the open download-alert window of a file).
 * Every one carries a `ttl`; none is read by the API.
 */

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as Error)?.name === 'ConditionalCheckFailedException';

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
    const sent = new Set<string>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.sharePartition(shareId), ':prefix': `${keys.sentPrefix}${keyPrefix}` },
          ProjectionExpression: 'sk',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) sent.add(String(item.sk).slice(keys.sentPrefix.length));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return sent;
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

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../contract/table.js';
import type { PendingCode, RecipientCodes } from '../domain/ports.js';

/** Kept a day past expiry (TTL only tidies: reads check `expiresAt`). */
const RETENTION_S = 24 * 3600;

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || (error as Error)?.name === 'ConditionalCheckFailedException';

/** Verified partners' pending codes, next to their share (`contract/table.ts`): only HMACs are stored. */
export class DynamoRecipientCodes implements RecipientCodes {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(shareId: string, partner: string, pending: PendingCode): Promise<void> {
    // A new code replaces the pending one: only the latest email's code works.
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.recipientCode(shareId, partner),
          codeHash: pending.codeHash,
          expiresAt: pending.expiresAt,
          ttl: pending.expiresAt + RETENTION_S,
        },
      }),
    );
  }

  async get(shareId: string, partner: string): Promise<PendingCode | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.recipientCode(shareId, partner), ConsistentRead: true }),
    );
    if (typeof Item?.codeHash !== 'string' || typeof Item.expiresAt !== 'number') return undefined;
    return { codeHash: Item.codeHash, expiresAt: Item.expiresAt };
  }

  async consume(shareId: string, partner: string, codeHash: string, nowEpoch: number): Promise<boolean> {
    try {
      // Only while this code is the pending one and unexpired; removing it in the same write makes
      // it single-use however many requests race with it.
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.recipientCode(shareId, partner),
          UpdateExpression: 'REMOVE codeHash',
          ConditionExpression: 'codeHash = :hash AND expiresAt > :now',
          ExpressionAttributeValues: { ':hash': codeHash, ':now': nowEpoch },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

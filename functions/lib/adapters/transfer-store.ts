import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../contract/table.js';
import type { Transfer, TransferStore } from '../domain/ports.js';
import { countOneDownload } from './share-repository.js';

/** Transfers live a day past their hour of use; TTL only tidies (reads check `expiresAt`). */
const TIDY_AFTER_SECONDS = 24 * 3600;

const isCancelled = (error: unknown) =>
  error instanceof TransactionCanceledException || (error as Error | undefined)?.name === 'TransactionCanceledException';

/**
 * Zip transfers (`TRANSFER#<id>` in the share's partition). A transfer is written in the same
 * transaction that counts its download, so a transfer exists exactly when it was counted.
 */
export class DynamoTransferStore implements TransferStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createCounted(transfer: Transfer): Promise<boolean> {
    const ttl = Math.floor(Date.parse(transfer.expiresAt) / 1000) + TIDY_AFTER_SECONDS;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: this.tableName, Key: keys.share(transfer.shareId), ...countOneDownload } },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.transfer(transfer.shareId, transfer.id), ...transfer, ttl },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // The share's condition (the limit) failed: nothing was written. Anything else is a real error.
      const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
      if (isCancelled(error) && reasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }

  async get(shareId: string, transferId: string): Promise<Transfer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.transfer(shareId, transferId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, ...transfer } = Item;
    return transfer as Transfer;
  }
}

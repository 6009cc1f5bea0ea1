import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoNotificationStore } from '../../../functions/lib/adapters/notification-store.js';
import { DynamoShareRepository, countOneDownload } from '../../../functions/lib/adapters/share-repository.js';
import { DynamoTransferStore } from '../../../functions/lib/adapters/transfer-store.js';
import { keys } from '../../../functions/lib/contract/table.js';
import type { Transfer } from '../../../functions/lib/domain/ports.js';
import { ExpressionTable, applyUpdate, evaluateCondition } from '../../support/dynamo-expressions.js';
import { NOW, aShare } from '../fixtures.js';

/**
 * The adapters' real condition expressions, run by an evaluator over a table in memory behind
 * the mocked client. Every write yields to the event loop first, so parallel calls interleave
 * and only the conditions decide who wins.
 */
const TABLE = 'sharelink-test-table';
const ddb = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
);
const transfers = new DynamoTransferStore(client, TABLE);
const shares = new DynamoShareRepository(client, TABLE);
const notifications = new DynamoNotificationStore(client, TABLE);
let table: ExpressionTable;

const tick = () => new Promise((resolve) => setImmediate(resolve));
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

beforeEach(() => {
  ddb.reset();
  table = new ExpressionTable();
  ddb.on(GetCommand).callsFake((input: { Key: { pk: unknown; sk: unknown } }) => ({ Item: table.get(input.Key) }));
  ddb.on(UpdateCommand).callsFake(async (input) => {
    await tick();
    const current = table.get(input.Key);
    const context = { names: input.ExpressionAttributeNames, values: input.ExpressionAttributeValues };
    if (input.ConditionExpression && !evaluateCondition(input.ConditionExpression, current, context)) throw conditionFailed();
    table.put(applyUpdate(input.UpdateExpression, current, input.Key, context));
    return {};
  });
  ddb.on(TransactWriteCommand).callsFake(async (input: { TransactItems: Record<string, any>[] }) => {
    await tick();
    // All or nothing: every condition is checked before anything is written.
    const reasons = input.TransactItems.map((entry) => {
      const write = entry.Update ?? entry.Put;
      const key = entry.Update ? write.Key : { pk: write.Item.pk, sk: write.Item.sk };
      const context = { names: write.ExpressionAttributeNames, values: write.ExpressionAttributeValues };
      const ok = !write.ConditionExpression || evaluateCondition(write.ConditionExpression, table.get(key), context);
      return { Code: ok ? 'None' : 'ConditionalCheckFailed' };
    });
    if (reasons.some((reason) => reason.Code !== 'None')) {
      throw new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: reasons });
    }
    for (const entry of input.TransactItems) {
      if (entry.Put) table.put(entry.Put.Item);
      else {
        const write = entry.Update;
        const context = { names: write.ExpressionAttributeNames, values: write.ExpressionAttributeValues };
        table.put(applyUpdate(write.UpdateExpression, table.get(write.Key), write.Key, context));
      }
    }
    return {};
  });
});

const aTransfer = (shareId: string, n: number): Transfer => ({
  shareId,
  id: `transfer-${String(n).padStart(13, '0')}`,
  device: 'device-hash',
  selections: [{ index: 0, below: '', kind: 'file', base: 'report.pdf', size: 1234 }],
  fileCount: 1,
  totalBytes: 1234,
  createdAt: new Date(NOW).toISOString(),
  expiresAt: new Date(NOW + 3600_000).toISOString(),
});

describe('DynamoTransferStore.createCounted', () => {
  it('lets exactly 3 of 20 parallel transfers through on a limit of 3, storing exactly those', async () => {
    const share = aShare({ maxDownloads: 3 });
    table.put({ ...keys.share(share.id), ...share });
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => transfers.createCounted(aTransfer(share.id, n))));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(table.get(keys.share(share.id))!.downloadCount).toBe(3);
    const stored = [...table.items.values()].filter((item) => String(item.sk).startsWith('TRANSFER#'));
    expect(stored).toHaveLength(3);
    for (const [n, ok] of results.entries())
      expect(await transfers.get(share.id, aTransfer(share.id, n).id), String(n)).toEqual(ok ? aTransfer(share.id, n) : undefined);
  });

  it('counts without a limit, and single downloads share the same condition (one limit for both)', async () => {
    const unlimited = aShare({ maxDownloads: null });
    table.put({ ...keys.share(unlimited.id), ...unlimited });
    expect(await Promise.all(Array.from({ length: 5 }, (_, n) => transfers.createCounted(aTransfer(unlimited.id, n))))).toEqual(
      Array(5).fill(true),
    );
    const share = aShare({ maxDownloads: 2 });
    table.put({ ...keys.share(share.id), ...share });
    expect(await shares.countDownload(share.id)).toBe(true);
    expect(await transfers.createCounted(aTransfer(share.id, 1))).toBe(true);
    expect(await transfers.createCounted(aTransfer(share.id, 2))).toBe(false);
    expect(await shares.countDownload(share.id)).toBe(false);
    const [transaction] = ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input);
    expect(transaction!.TransactItems![0]!.Update).toMatchObject({ Key: keys.share(unlimited.id), ...countOneDownload });
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject(countOneDownload);
  });

  it('rethrows a cancelled transaction that is not the limit', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'x',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
      }),
    );
    await expect(transfers.createCounted(aTransfer('s', 1))).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});

describe('download alert windows (DynamoNotificationStore.claimAlertWindow)', () => {
  it('gives one of 10 parallel claims the window, lets its claimant retry, and opens again when it ends', async () => {
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, n) => notifications.claimAlertWindow('s1', 'download#client#abc', `EVENT#${n}`, 1_000 + n, 600)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = `EVENT#${claims.indexOf(true)}`;
    expect(await notifications.claimAlertWindow('s1', 'download#client#abc', winner, 1_100, 600)).toBe(true);
    expect(await notifications.claimAlertWindow('s1', 'download#client#abc', 'EVENT#late', 1_599, 600)).toBe(false);
    expect(await notifications.claimAlertWindow('s1', 'download#client#other', 'EVENT#other', 1_050, 600)).toBe(true);
    // The window the retry claimed runs to 1_100 + 600.
    expect(await notifications.claimAlertWindow('s1', 'download#client#abc', 'EVENT#next', 1_699, 600)).toBe(false);
    expect(await notifications.claimAlertWindow('s1', 'download#client#abc', 'EVENT#next', 1_700, 600)).toBe(true);
  });
});

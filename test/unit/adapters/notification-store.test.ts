import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoNotificationStore } from '../../../functions/lib/adapters/notification-store.js';
import { failureOf } from '../fixtures.js';

const TABLE = 'sharelink-test-table';
const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoNotificationStore(
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  ),
  TABLE,
);

beforeEach(() => ddb.reset());

describe('DynamoNotificationStore', () => {
  it('keeps the sealed password next to the share with its TTL, and treats an expired one as gone', async () => {
    ddb.on(PutCommand).resolves({});
    await store.holdPassword('s1', { sealed: 'v1.a.b.c', passwordVersion: 1 }, 2_000);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: TABLE,
      Item: { pk: 'SHARE#s1', sk: 'NOTIFY#password', sealed: 'v1.a.b.c', passwordVersion: 1, ttl: 2_000 },
    });
    ddb.on(GetCommand).resolves({ Item: { sealed: 'v1.a.b.c', passwordVersion: 1, ttl: 2_000 } });
    await expect(store.heldPassword('s1', 1_999)).resolves.toEqual({ sealed: 'v1.a.b.c', passwordVersion: 1 });
    // DynamoDB may keep an expired item for days: the read decides.
    await expect(store.heldPassword('s1', 2_000)).resolves.toBeUndefined();
    ddb.on(DeleteCommand).resolves({});
    await store.releasePassword('s1');
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({ pk: 'SHARE#s1', sk: 'NOTIFY#password' });
  });

  it('lists sent keys by prefix with consistent reads, across pages', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({
        Items: [{ sk: 'NOTIFY#sent#partner#a@x.example' }],
        LastEvaluatedKey: { pk: 'SHARE#s1', sk: 'NOTIFY#sent#partner#a@x.example' },
      })
      .resolvesOnce({ Items: [{ sk: 'NOTIFY#sent#partner#b@x.example' }] });
    await expect(store.sentKeys('s1', 'partner#')).resolves.toEqual(new Set(['partner#a@x.example', 'partner#b@x.example']));
    const [first, second] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'SHARE#s1', ':prefix': 'NOTIFY#sent#partner#' },
      ConsistentRead: true,
    });
    expect(second!.ExclusiveStartKey).toEqual({ pk: 'SHARE#s1', sk: 'NOTIFY#sent#partner#a@x.example' });
  });

  it('claims an alert window with one conditional write: false when another claimant holds it, other errors thrown', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({})
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'failed', $metadata: {} }))
      .rejectsOnce(new Error('network'));
    await expect(store.claimAlertWindow('s1', 'download#f', 'EVENT#1', 1_000, 600)).resolves.toBe(true);
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: { pk: 'SHARE#s1', sk: 'NOTIFY#window#download#f' },
      ConditionExpression: 'attribute_not_exists(pk) OR windowEnds <= :at OR claimant = :claimant',
      ExpressionAttributeValues: { ':ends': 1_600, ':claimant': 'EVENT#1', ':at': 1_000 },
    });
    await expect(store.claimAlertWindow('s1', 'download#f', 'EVENT#2', 1_005, 600)).resolves.toBe(false);
    expect((await failureOf(store.claimAlertWindow('s1', 'download#f', 'EVENT#3', 1_010, 600))).message).toBe('network');
  });
});

import { ConditionalCheckFailedException, DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoSecurityStore } from '../../../functions/lib/adapters/security-store.js';
import { keys } from '../../../functions/lib/contract/table.js';
import { NOW } from '../fixtures.js';

/**
 * The writes behind throttles, quotas, sender proofs and the outbox. That the conditions hold
 * under real races is shown against DynamoDB Local (test/integration/hardening.test.ts); here,
 * that each write carries its condition and each answer is read right.
 */
const TABLE = 'sharelink-test-table';
const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoSecurityStore(
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  ),
  TABLE,
);
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
const updates = () => ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);
const nowS = Math.floor(NOW / 1000);
const COUNTER = keys.attempts('share-1', 'client-hash');

beforeEach(() => {
  ddb.reset();
});

describe('DynamoSecurityStore.reserve', () => {
  const reserve = () => store.reserve(COUNTER, NOW, 5, 900);

  it('takes one more slot in the open window, only while attempts are under the limit', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { attempts: 2, windowStart: nowS - 60 } });
    expect(await reserve()).toEqual({ status: 'reserved', windowStart: nowS - 60 });
    expect(updates()).toEqual([
      expect.objectContaining({
        TableName: TABLE,
        Key: { pk: 'SHARE#share-1', sk: 'ATTEMPTS#client-hash' },
        UpdateExpression: 'ADD attempts :one',
        ConditionExpression: 'attempts < :limit AND windowStart > :cutoff',
        ExpressionAttributeValues: { ':one': 1, ':limit': 5, ':cutoff': nowS - 900 },
      }),
    ]);
  });

  it('opens a new window (no failures yet) only when there is none or the old one is over', async () => {
    ddb.on(UpdateCommand).rejectsOnce(conditionFailed()).resolves({});
    expect(await reserve()).toEqual({ status: 'reserved', windowStart: nowS });
    const [, open] = updates();
    expect(open).toMatchObject({
      ConditionExpression: 'attribute_not_exists(windowStart) OR windowStart <= :cutoff',
      ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': nowS, ':cutoff': nowS - 900 },
    });
    expect(open!.UpdateExpression).toMatch(/attempts = :one, failures = :zero, windowStart = :now/);
  });

  it('says busy while the held slots are attempts still being checked (failures under the limit)', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { attempts: 5, failures: 2, windowStart: nowS - 300 } });
    expect(await reserve()).toEqual({ status: 'busy' });
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({ Key: COUNTER, ConsistentRead: true });
  });

  it('says exhausted once the failures reach the limit, with Retry-After from the stored window start', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { attempts: 5, failures: 5, windowStart: nowS - 300 } });
    expect(await reserve()).toEqual({ status: 'exhausted', retryAfterSeconds: 600 });
  });

  it('reads a counter written before failures were counted apart as all failures', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { attempts: 5, windowStart: nowS - 60 } });
    expect(await reserve()).toEqual({ status: 'exhausted', retryAfterSeconds: 840 });
  });

  it('takes a slot in a window a parallel request opened between its two writes', async () => {
    ddb
      .on(UpdateCommand)
      .rejectsOnce(conditionFailed())
      .rejectsOnce(conditionFailed())
      .resolves({ Attributes: { windowStart: nowS } });
    expect(await reserve()).toEqual({ status: 'reserved', windowStart: nowS });
  });

  it('rethrows errors other than a failed condition', async () => {
    ddb.on(UpdateCommand).rejects(throttled());
    await expect(reserve()).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });
});

describe('DynamoSecurityStore.release and fail', () => {
  it('gives a slot back only in the window it was taken in, never below zero', async () => {
    ddb.on(UpdateCommand).resolves({});
    await store.release(COUNTER, nowS - 10);
    expect(updates()[0]).toMatchObject({
      Key: COUNTER,
      UpdateExpression: 'ADD attempts :minusOne',
      ConditionExpression: 'windowStart = :windowStart AND attempts > :zero',
      ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0, ':windowStart': nowS - 10 },
    });
    ddb.on(UpdateCommand).rejects(conditionFailed());
    await expect(store.release(COUNTER, nowS - 10)).resolves.toBeUndefined();
  });

  it('counts a failure in its own window and returns the window total; 0 once that window is over', async () => {
    ddb
      .on(UpdateCommand)
      .resolvesOnce({ Attributes: { failures: 20 } })
      .rejects(conditionFailed());
    expect(await store.fail(COUNTER, nowS - 10)).toBe(20);
    expect(updates()[0]).toMatchObject({
      UpdateExpression: 'ADD failures :one',
      ConditionExpression: 'windowStart = :windowStart',
      ReturnValues: 'UPDATED_NEW',
    });
    expect(await store.fail(COUNTER, nowS - 10)).toBe(0);
  });
});

describe('DynamoSecurityStore.take', () => {
  const quota = keys.partnerEmails('user-1', '2026-03-01');

  it('adds to the quota only while the sum stays within the limit', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await store.take(quota, 3, 200, nowS + 86400)).toBe(true);
    expect(updates()[0]).toMatchObject({
      Key: { pk: 'USER#user-1', sk: 'EMAILS#2026-03-01' },
      UpdateExpression: 'SET #ttl = :ttl ADD used :amount',
      ConditionExpression: 'attribute_not_exists(used) OR used <= :room',
      ExpressionAttributeValues: { ':amount': 3, ':room': 197, ':ttl': nowS + 86400 },
    });
    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect(await store.take(quota, 3, 200, nowS + 86400)).toBe(false);
  });

  it('never asks for more than the whole limit at once', async () => {
    expect(await store.take(quota, 201, 200, nowS)).toBe(false);
    expect(updates()).toHaveLength(0);
  });
});

describe('DynamoSecurityStore.queue', () => {
  it('writes an outbox item once per key', async () => {
    ddb.on(PutCommand).resolvesOnce({}).rejects(conditionFailed());
    const key = keys.shareOutbox('share-1', 'locked#100');
    const message = { kind: 'link-locked' as const, shareId: 'share-1', failures: 20, lockedUntil: '2026-03-01T13:00:00.000Z' };
    expect(await store.queue(key, message, nowS + 100)).toBe(true);
    expect(await store.queue(key, message, nowS + 100)).toBe(false);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: TABLE,
      Item: { pk: 'SHARE#share-1', sk: 'OUTBOX#locked#100', ...message, ttl: nowS + 100 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });
});

describe('DynamoSecurityStore sender proofs', () => {
  it('keeps a proof already made when a new code is stored (an update, not a put)', async () => {
    ddb.on(UpdateCommand).resolves({});
    await store.putCode('user-1', 'Files@Example.com', 'hash-1', nowS + 600);
    expect(updates()[0]).toMatchObject({
      Key: { pk: 'USER#user-1', sk: 'SENDER#files@example.com' },
      UpdateExpression: 'SET address = :address, codeHash = :hash, codeExpiresAt = :expires, #ttl = :ttl',
    });
    expect(updates()[0]!.UpdateExpression).not.toMatch(/provenAt/);
  });

  it('proves with a code only while that code is the pending one, and uses it up', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejects(conditionFailed());
    expect(await store.prove('user-1', 'files@example.com', 'code', '2026-03-01T12:00:00.000Z', 'hash-1')).toBe(true);
    expect(updates()[0]).toMatchObject({
      ConditionExpression: 'codeHash = :hash',
      ExpressionAttributeValues: expect.objectContaining({ ':hash': 'hash-1', ':by': 'code' }),
    });
    expect(updates()[0]!.UpdateExpression).toMatch(/REMOVE codeHash, codeExpiresAt$/);
    expect(await store.prove('user-1', 'files@example.com', 'code', '2026-03-01T12:00:00.000Z', 'hash-1')).toBe(false);
  });

  it('reads a proof back, and nothing for an address never seen', async () => {
    ddb.on(GetCommand).resolvesOnce({ Item: { address: 'files@example.com', provenAt: '2026-03-01T12:00:00.000Z', provenBy: 'sign-in' } });
    expect(await store.get('user-1', 'files@example.com')).toEqual({
      address: 'files@example.com',
      codeHash: null,
      codeExpiresAt: null,
      provenAt: '2026-03-01T12:00:00.000Z',
      provenBy: 'sign-in',
    });
    ddb.on(GetCommand).resolves({});
    expect(await store.get('user-1', 'other@example.com')).toBeUndefined();
  });
});

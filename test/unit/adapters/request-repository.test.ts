import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRequestRepository } from '../../../functions/lib/adapters/request-repository.js';
import { visitKinds } from '../../../functions/lib/contract/table.js';
import type { RequestUpload } from '../../../functions/lib/domain/requests/request.js';
import { OTHER_OWNER, OWNER, failureOf } from '../fixtures.js';

/**
 * The conditions the quota, name and settle decisions rest on, as the adapter sends them.
 * DynamoDB Local evaluates the same writes under load in test/integration/requests-race.test.ts.
 */

const TABLE = 'sharelink-test-table';
const ddb = mockClient(DynamoDBDocumentClient);
const repository = new DynamoRequestRepository(
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  ),
  TABLE,
);

const cancelled = () =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
  });
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const upload: RequestUpload = {
  requestId: 'req-1',
  visitId: 'visit-1',
  uploadId: 'up-1',
  state: 'pending',
  name: 'a.pdf',
  size: 300,
  contentType: 'application/pdf',
  createdAt: '2026-03-01T12:00:00.000Z',
  deadline: '2026-03-01T13:15:00.000Z',
};

beforeEach(() => ddb.reset());

describe('DynamoRequestRepository.reserveUpload', () => {
  it('reserves in one transaction: the quota only while open and within both limits, the upload once, the visit busy', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect(await repository.reserveUpload(upload, { maxBytes: 1000, expiresAt: null }, '2026-03-01T12:00:00.000Z')).toBe(true);
    const [quota, put, visit] = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(quota!.Update).toMatchObject({
      Key: { pk: 'REQUEST#req-1', sk: 'META' },
      UpdateExpression: 'ADD filesUsed :one, bytesUsed :size',
    });
    const condition = quota!.Update!.ConditionExpression!;
    for (const clause of [
      '#status = :active',
      '(expiresAt = :null OR expiresAt > :now)',
      '(maxFiles = :null OR filesUsed < maxFiles)',
      'maxBytes = :maxBytes',
      'bytesUsed <= :room',
    ]) {
      expect(condition).toContain(clause);
    }
    // Conditions cannot add: the room left for this file is computed from the fixed maximum.
    expect(quota!.Update!.ExpressionAttributeValues).toMatchObject({ ':room': 700, ':size': 300, ':maxBytes': 1000 });
    expect(put!.Put).toMatchObject({
      Item: { pk: 'REQUEST#req-1', sk: 'UPLOAD#visit-1#up-1', state: 'pending' },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(visit!.Update).toMatchObject({
      Key: { pk: 'REQUEST#req-1', sk: 'VISIT#visit-1' },
      ExpressionAttributeValues: { ':busy': visitKinds.busy },
    });
  });

  it('says false when a condition fails, and never asks for a file larger than the whole request', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled());
    expect(await repository.reserveUpload(upload, { maxBytes: 1000, expiresAt: null }, '2026-03-01T12:00:00.000Z')).toBe(false);
    ddb.reset();
    expect(await repository.reserveUpload(upload, { maxBytes: 299, expiresAt: null }, '2026-03-01T12:00:00.000Z')).toBe(false);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('rethrows anything but a refused transaction', async () => {
    ddb.on(TransactWriteCommand).rejects(new Error('throttled'));
    expect(await failureOf(repository.reserveUpload(upload, { maxBytes: 1000, expiresAt: null }, 'now'))).toMatchObject({
      message: 'throttled',
    });
  });
});

describe('DynamoRequestRepository.settleUpload', () => {
  it('moves the upload from its state with the counters and the event, atomically', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    const deltas = { filesUsed: 0, bytesUsed: 0, filesReceived: 1, bytesReceived: 300, pending: -1, visitFiles: 1, visitBytes: 300 };
    const event = {
      kind: 'upload' as const,
      at: '2026-03-01T12:01:00.000Z',
      file: 'Ana/a.pdf',
      size: 300,
      uploader: 'Ana',
      client: 'c',
      userAgent: 'u',
    };
    expect(await repository.settleUpload({ ...upload, settledAt: event.at }, 'pending', 'stored', deltas, event)).toBe(true);
    const items = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items[0]!.Update).toMatchObject({
      ConditionExpression: '#state = :from',
      ExpressionAttributeValues: { ':from': 'pending', ':to': 'stored' },
    });
    expect(items[1]!.Update!.ExpressionAttributeValues).toMatchObject({ ':fr': 1, ':br': 300, ':fu': 0 });
    expect(items[2]!.Update!.ExpressionAttributeValues).toMatchObject({ ':p': -1, ':f': 1 });
    expect(items[3]!.Put!.Item).toMatchObject({ pk: 'REQUEST#req-1', kind: 'upload', file: 'Ana/a.pdf', size: 300 });
  });

  it('touches only the upload when nothing is counted, and says false when another settle came first', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled());
    const none = { filesUsed: 0, bytesUsed: 0, filesReceived: 0, bytesReceived: 0, pending: 0, visitFiles: 0, visitBytes: 0 };
    expect(await repository.settleUpload(upload, 'withdrawn', 'withdrawn', none)).toBe(false);
    expect(ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems).toHaveLength(1);
  });
});

describe('DynamoRequestRepository name locks and visits', () => {
  it('claims a name unless another upload holds it unreleased and unexpired', async () => {
    ddb.on(UpdateCommand).resolvesOnce({}).rejectsOnce(conditionFailed());
    expect(await repository.claimName('users/o/in/Ana/a.pdf', 'up-1', 2000, 1000)).toBe(true);
    expect(await repository.claimName('users/o/in/Ana/a.pdf', 'up-2', 2000, 1000)).toBe(false);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'NAME#users/o/in/Ana/a.pdf', sk: 'CLAIM' });
    expect(input.ConditionExpression).toBe('attribute_not_exists(pk) OR released = :true OR #until < :now OR uploadId = :upload');
    expect(input.ExpressionAttributeValues).toMatchObject({ ':now': 1000, ':until': 2000, ':upload': 'up-1' });
  });

  it('marks a visit idle only with nothing pending and files not yet emailed', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect(await repository.markVisitIdle('req-1', 'visit-1', 'now')).toBe(false);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toContain('#pending = :zero AND #files > emailedFiles');
    expect(input.ExpressionAttributeValues).toMatchObject({ ':idle': visitKinds.idle });
  });
});

describe('DynamoRequestRepository.listByOwner', () => {
  it("reads the owner index's own partition for requests, apart from the owner's shares", async () => {
    ddb
      .on(QueryCommand)
      .resolves({ Items: [], LastEvaluatedKey: { pk: 'p', sk: 's', gsi1pk: `OWNER#${OWNER.userId}#REQUESTS`, gsi1sk: 'x' } });
    const page = await repository.listByOwner(OWNER.userId, 'all', undefined, 1, 0);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      IndexName: 'GSI1',
      ExpressionAttributeValues: { ':owner': `OWNER#${OWNER.userId}#REQUESTS` },
      ScanIndexForward: false,
    });
    expect(await failureOf(repository.listByOwner(OTHER_OWNER.userId, 'all', page.nextCursor!, 1, 0))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

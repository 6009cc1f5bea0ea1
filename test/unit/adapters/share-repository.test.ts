import { ConditionalCheckFailedException, DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoShareRepository } from '../../../functions/lib/adapters/share-repository.js';
import { DEFAULT_TENANT_SETTINGS } from '../../../functions/lib/domain/settings/policy.js';
import { tableSchema } from '../../../functions/lib/contract/table.js';
import { DAY, NOW, OTHER_OWNER, OWNER, aShare, failureOf } from '../fixtures.js';

const TABLE = 'sharelink-test-table';
const ddb = mockClient(DynamoDBDocumentClient);
const repository = new DynamoShareRepository(
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  ),
  TABLE,
);

const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: { httpStatusCode: 400 } });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const updates = () => ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);

beforeEach(() => {
  ddb.reset();
});

describe('DynamoShareRepository.create', () => {
  it('writes the share once, under its key and the owner index, with a TTL 30 days after expiry', async () => {
    ddb.on(PutCommand).resolves({});
    const share = aShare();
    await repository.create(share);
    const [call] = ddb.commandCalls(PutCommand);
    expect(call!.args[0].input).toEqual({
      TableName: TABLE,
      Item: {
        pk: `SHARE#${share.id}`,
        sk: 'META',
        gsi1pk: `OWNER#${OWNER.userId}`,
        gsi1sk: `${share.createdAt}#${share.id}`,
        ttl: epoch(share.expiresAt!) + 30 * 24 * 3600,
        ...share,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('gives a never-expiring share no TTL', async () => {
    ddb.on(PutCommand).resolves({});
    await repository.create(aShare({ expiresAt: null }));
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).not.toHaveProperty('ttl');
  });

  it('lets a collision fail rather than overwrite', async () => {
    ddb.on(PutCommand).rejects(conditionFailed());
    await expect(repository.create(aShare())).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });
});

describe('DynamoShareRepository.get', () => {
  it('reads consistently and returns the share without table keys', async () => {
    const share = aShare();
    ddb.on(GetCommand).resolves({ Item: { pk: `SHARE#${share.id}`, sk: 'META', gsi1pk: 'OWNER#x', gsi1sk: 'y', ttl: 1, ...share } });
    expect(await repository.get(share.id)).toEqual(share);
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input).toEqual({
      TableName: TABLE,
      Key: { pk: `SHARE#${share.id}`, sk: 'META' },
      ConsistentRead: true,
    });
  });

  it('returns undefined for an unknown id', async () => {
    ddb.on(GetCommand).resolves({});
    expect(await repository.get('unknown')).toBeUndefined();
  });
});

describe('DynamoShareRepository.cancel', () => {
  it("is conditioned on the share existing and being the caller's", async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await repository.cancel('share-1', OWNER.userId, '2026-03-01T12:00:00.000Z')).toBe(true);
    const [input] = updates();
    expect(input!.Key).toEqual({ pk: 'SHARE#share-1', sk: 'META' });
    expect(input!.ConditionExpression).toMatch(/attribute_exists\(pk\)/);
    expect(input!.ConditionExpression).toMatch(/ownerId = :owner/);
    expect(input!.ExpressionAttributeValues![':owner']).toBe(OWNER.userId);
    expect(input!.UpdateExpression).toMatch(/#status = :cancelled/);
    expect(input!.ExpressionAttributeValues![':cancelled']).toBe('cancelled');
  });

  it("reports another owner's or a missing share as not cancelled", async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { pk: 'SHARE#share-1', sk: 'META', ...aShare({ status: 'cancelled' }) } });
    expect(await repository.cancel('share-1', OTHER_OWNER.userId, '2026-03-01T12:00:00.000Z')).toBe(false);
    ddb.on(GetCommand).resolves({});
    expect(await repository.cancel('share-1', OWNER.userId, '2026-03-01T12:00:00.000Z')).toBe(false);
  });

  it("treats cancelling the owner's already-cancelled link again as done", async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb.on(GetCommand).resolves({ Item: { pk: 'SHARE#share-1', sk: 'META', ...aShare({ status: 'cancelled' }) } });
    expect(await repository.cancel('share-1', OWNER.userId, '2026-03-01T12:00:00.000Z')).toBe(true);
  });

  it('rethrows other errors', async () => {
    ddb.on(UpdateCommand).rejects(throttled());
    await expect(repository.cancel('share-1', OWNER.userId, '2026-03-01T12:00:00.000Z')).rejects.toBeInstanceOf(
      ProvisionedThroughputExceededException,
    );
  });

  it('records when a link was cancelled, although a new share stores cancelledAt as null', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(UpdateCommand).resolves({});
    await repository.create(aShare());
    await repository.cancel('share-1', OWNER.userId, '2026-03-01T12:00:00.000Z');
    const created = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    const update = updates()[0]!.UpdateExpression!;
    // In DynamoDB an attribute holding NULL exists, so if_not_exists(cancelledAt, :now) keeps the NULL
    // (checked against DynamoDB Local): the cancellation time would never be recorded.
    const keepsStoredNull = created.cancelledAt === null && /cancelledAt\s*=\s*if_not_exists\(\s*cancelledAt\s*,/.test(update);
    expect(keepsStoredNull, `create writes cancelledAt: null and cancel sets "${update}"`).toBe(false);
  });
});

describe('DynamoShareRepository.bindDevice', () => {
  it('binds only an unbound share, or confirms the same device', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await repository.bindDevice('share-1', 'device-hash')).toBe(true);
    const [input] = updates();
    expect(input).toMatchObject({ Key: { pk: 'SHARE#share-1', sk: 'META' }, UpdateExpression: 'SET boundDevice = :device' });
    expect(input!.ConditionExpression).toMatch(/attribute_not_exists\(boundDevice\) OR boundDevice = :null OR boundDevice = :device/);
    expect(input!.ConditionExpression).toMatch(/attribute_exists\(pk\)/);
    expect(input!.ExpressionAttributeValues).toEqual({ ':device': 'device-hash', ':null': null });
  });

  it('says false when another device won', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect(await repository.bindDevice('share-1', 'device-hash')).toBe(false);
  });

  it('rethrows other errors', async () => {
    ddb.on(UpdateCommand).rejects(throttled());
    await expect(repository.bindDevice('share-1', 'device-hash')).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });
});

describe('DynamoShareRepository.countDownload', () => {
  it('counts a download only while under the limit', async () => {
    ddb.on(UpdateCommand).resolves({});
    expect(await repository.countDownload('share-1')).toBe(true);
    const [input] = updates();
    expect(input).toMatchObject({ Key: { pk: 'SHARE#share-1', sk: 'META' }, UpdateExpression: 'ADD downloadCount :one' });
    expect(input!.ConditionExpression).toMatch(/downloadCount < maxDownloads/);
    expect(input!.ConditionExpression).toMatch(/maxDownloads = :null/);
  });

  it('says false at the limit and rethrows other errors', async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect(await repository.countDownload('share-1')).toBe(false);
    ddb.on(UpdateCommand).rejects(throttled());
    await expect(repository.countDownload('share-1')).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it('recognises a condition failure by name too (errors crossing SDK copies)', async () => {
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' }));
    expect(await repository.countDownload('share-1')).toBe(false);
  });
});

describe('DynamoShareRepository.listByOwner', () => {
  const row = (id: string, createdAt: string) => {
    const share = aShare({ id, createdAt });
    return { pk: `SHARE#${id}`, sk: 'META', gsi1pk: `OWNER#${OWNER.userId}`, gsi1sk: `${createdAt}#${id}`, ...share };
  };
  const lastKey = { pk: 'SHARE#b', sk: 'META', gsi1pk: `OWNER#${OWNER.userId}`, gsi1sk: '2026-02-01T00:00:00.000Z#b' };

  it('queries the owner index newest first', async () => {
    ddb.on(QueryCommand).resolves({ Items: [row('b', '2026-02-02T00:00:00.000Z'), row('a', '2026-02-01T00:00:00.000Z')] });
    const page = await repository.listByOwner(OWNER.userId, 'all', undefined, 25, NOW);
    expect(page.items.map((s) => s.id)).toEqual(['b', 'a']);
    expect(page.items[0]).not.toHaveProperty('pk');
    expect(page.items[0]).not.toHaveProperty('gsi1pk');
    expect(page.nextCursor).toBeNull();
    const [call] = ddb.commandCalls(QueryCommand);
    expect(call!.args[0].input).toMatchObject({
      TableName: TABLE,
      IndexName: tableSchema.ownerIndex.name,
      KeyConditionExpression: 'gsi1pk = :owner',
      ExpressionAttributeValues: { ':owner': `OWNER#${OWNER.userId}` },
      ScanIndexForward: false,
      Limit: 25,
    });
    expect(call!.args[0].input.ExclusiveStartKey).toBeUndefined();
  });

  it('hands out a cursor that continues exactly where the page ended', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [row('b', '2026-02-01T00:00:00.000Z')], LastEvaluatedKey: lastKey })
      .resolves({ Items: [] });
    const page = await repository.listByOwner(OWNER.userId, 'all', undefined, 1, NOW);
    expect(page.nextCursor).toEqual(expect.any(String));
    await repository.listByOwner(OWNER.userId, 'all', page.nextCursor!, 1, NOW);
    expect(ddb.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual(lastKey);
  });

  it("refuses another owner's cursor (400 VALIDATION_FAILED) without querying", async () => {
    ddb.on(QueryCommand).resolvesOnce({ Items: [row('b', '2026-02-01T00:00:00.000Z')], LastEvaluatedKey: lastKey });
    const { nextCursor } = await repository.listByOwner(OWNER.userId, 'all', undefined, 1, NOW);
    ddb.resetHistory();
    const error = await failureOf(repository.listByOwner(OTHER_OWNER.userId, 'all', nextCursor!, 1, NOW));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it.each(['garbage', '', Buffer.from('{"pk":"x"}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'refuses a made-up cursor (%j)',
    async (cursor) => {
      await expect(repository.listByOwner(OWNER.userId, 'all', cursor, 1, NOW)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    },
  );

  it('filters by status as of now, reading on while filtered pages come back short', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [row('c', '2026-02-03T00:00:00.000Z')], LastEvaluatedKey: lastKey })
      .resolvesOnce({ Items: [row('b', '2026-02-02T00:00:00.000Z'), row('a', '2026-02-01T00:00:00.000Z')] });
    const page = await repository.listByOwner(OWNER.userId, 'active', undefined, 3, NOW);
    expect(page.items.map((s) => s.id)).toEqual(['c', 'b', 'a']);
    const [first, second] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first!.FilterExpression).toMatch(/#status = :active/);
    expect(first!.FilterExpression).toMatch(/expiresAt > :now/);
    expect(first!.ExpressionAttributeNames).toEqual({ '#status': 'status' });
    expect(first!.ExpressionAttributeValues).toMatchObject({
      ':owner': `OWNER#${OWNER.userId}`,
      ':active': 'active',
      ':now': new Date(NOW).toISOString(),
    });
    expect(second).toMatchObject({ Limit: 2, ExclusiveStartKey: lastKey });
  });

  it('asks for expired and cancelled links with their own filters', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    await repository.listByOwner(OWNER.userId, 'expired', undefined, 10, NOW);
    await repository.listByOwner(OWNER.userId, 'cancelled', undefined, 10, NOW);
    const [expired, cancelled] = ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(expired!.FilterExpression).toMatch(/expiresAt <= :now/);
    expect(cancelled!.FilterExpression).toBe('#status = :cancelled');
    expect(cancelled!.ExpressionAttributeValues).toMatchObject({ ':cancelled': 'cancelled' });
  });
});

describe('DynamoShareRepository access events and settings', () => {
  it('stores each access event under the share with a TTL 30 days after the share expires', async () => {
    ddb.on(PutCommand).resolves({});
    const expiresAt = new Date(NOW + 7 * DAY).toISOString();
    const event = { kind: 'download' as const, at: new Date(NOW).toISOString(), file: 'a.pdf', client: 'c', userAgent: 'ua' };
    await repository.addEvent('share-1', event, expiresAt);
    const item = ddb.commandCalls(PutCommand)[0]!.args[0].input.Item!;
    expect(item).toMatchObject({ pk: 'SHARE#share-1', ...event, ttl: epoch(expiresAt) + 30 * 24 * 3600 });
    expect(item.sk).toMatch(new RegExp(`^EVENT#${event.at.replace(/\./g, '\\.')}#[0-9a-f]{8}$`));
  });

  it('falls back to the default tenant policy and merges what an administrator stored', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({})
      .resolvesOnce({ Item: { pk: 'TENANT', sk: 'SETTINGS', maxExpiryDays: 30, requirePassword: true } });
    expect(await repository.getTenantSettings()).toEqual(DEFAULT_TENANT_SETTINGS);
    expect(await repository.getTenantSettings()).toEqual({ ...DEFAULT_TENANT_SETTINGS, maxExpiryDays: 30, requirePassword: true });
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ pk: 'TENANT', sk: 'SETTINGS' });
  });

  it("reads a user's own sender", async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: { notificationSender: 'me@example.com' } })
      .resolvesOnce({});
    expect(await repository.getUserSettings('sub-1')).toEqual({ notificationSender: 'me@example.com' });
    expect(await repository.getUserSettings('sub-1')).toEqual({ notificationSender: null });
    expect(ddb.commandCalls(GetCommand)[0]!.args[0].input.Key).toEqual({ pk: 'USER#sub-1', sk: 'SETTINGS' });
  });
});

describe('DynamoShareRepository.update', () => {
  it('changes only an active share of this owner, in one conditional write, returning the new share', async () => {
    const share = aShare({ allowDownload: false });
    ddb.on(UpdateCommand).resolves({ Attributes: { pk: `SHARE#${share.id}`, sk: 'META', gsi1pk: 'g', gsi1sk: 'h', ttl: 1, ...share } });
    expect(await repository.update(share.id, OWNER.userId, { allowDownload: false, maxDownloads: 3 }, false)).toEqual(share);
    const [input] = updates();
    expect(input).toMatchObject({
      Key: { pk: `SHARE#${share.id}`, sk: 'META' },
      ConditionExpression: 'attribute_exists(pk) AND ownerId = :owner AND #status = :active',
      ReturnValues: 'ALL_NEW',
    });
    expect(input!.ExpressionAttributeValues).toMatchObject({
      ':owner': OWNER.userId,
      ':active': 'active',
      ':allowDownload': false,
      ':maxDownloads': 3,
    });
    expect(input!.UpdateExpression).toBe('SET #allowDownload = :allowDownload, #maxDownloads = :maxDownloads');
    expect(input!.UpdateExpression).not.toMatch(/passwordVersion/);
  });

  it('moves the TTL with the expiry and bumps the password version with a new password', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { ...aShare() } });
    const expiresAt = new Date(NOW + 10 * DAY).toISOString();
    await repository.update('share-1', OWNER.userId, { expiresAt, passwordHash: 'scrypt$new' }, true);
    const [input] = updates();
    expect(input!.UpdateExpression).toMatch(/#expiresAt = :expiresAt/);
    expect(input!.UpdateExpression).toMatch(/#ttl = :ttl/);
    expect(input!.UpdateExpression).toMatch(/passwordVersion = passwordVersion \+ :one/);
    expect(input!.ExpressionAttributeValues).toMatchObject({
      ':expiresAt': expiresAt,
      ':ttl': epoch(expiresAt) + 30 * 24 * 3600,
      ':passwordHash': 'scrypt$new',
      ':one': 1,
    });
  });

  it('bumps the access version when access is revoked (a reset binding), starting links without one from 0', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { ...aShare() } });
    await repository.update('share-1', OWNER.userId, { boundDevice: null }, false, true);
    const [input] = updates();
    expect(input!.UpdateExpression).toBe('SET #boundDevice = :boundDevice, accessVersion = if_not_exists(accessVersion, :zero) + :one');
    expect(input!.ExpressionAttributeValues).toMatchObject({ ':boundDevice': null, ':zero': 0, ':one': 1 });
    expect(input!.UpdateExpression).not.toMatch(/passwordVersion/);
  });

  it("says undefined when the share is not this owner's or no longer active, and rethrows other errors", async () => {
    ddb.on(UpdateCommand).rejects(conditionFailed());
    expect(await repository.update('share-1', OTHER_OWNER.userId, { allowDownload: true }, false)).toBeUndefined();
    ddb.on(UpdateCommand).rejects(throttled());
    await expect(repository.update('share-1', OWNER.userId, { allowDownload: true }, false)).rejects.toBeInstanceOf(
      ProvisionedThroughputExceededException,
    );
  });

  it('only reads when there is nothing to change', async () => {
    const share = aShare();
    ddb.on(GetCommand).resolves({ Item: { pk: `SHARE#${share.id}`, sk: 'META', ...share } });
    expect(await repository.update(share.id, OWNER.userId, {}, false)).toEqual(share);
    expect(await repository.update(share.id, OTHER_OWNER.userId, {}, false)).toBeUndefined();
    expect(updates()).toHaveLength(0);
  });
});

describe('DynamoShareRepository.listEvents', () => {
  it("queries the share's events newest first, with a cursor bound to that share", async () => {
    const lastKey = { pk: 'SHARE#share-1', sk: 'EVENT#2026-03-01T12:00:00.000Z#abcd1234' };
    ddb.on(QueryCommand).resolvesOnce({
      Items: [
        { pk: 'SHARE#share-1', sk: lastKey.sk, kind: 'unlock', at: '2026-03-01T12:00:00.000Z', client: 'c', userAgent: 'ua', ttl: 1 },
      ],
      LastEvaluatedKey: lastKey,
    });
    const page = await repository.listEvents('share-1', undefined, 1);
    expect(page.items).toEqual([{ kind: 'unlock', at: '2026-03-01T12:00:00.000Z', client: 'c', userAgent: 'ua', file: undefined }]);
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': 'SHARE#share-1', ':events': 'EVENT#' },
      ScanIndexForward: false,
      Limit: 1,
    });
    ddb.on(QueryCommand).resolves({ Items: [] });
    await repository.listEvents('share-1', page.nextCursor!, 1);
    expect(ddb.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual(lastKey);
    await expect(repository.listEvents('share-2', page.nextCursor!, 1)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(repository.listEvents('share-1', 'garbage', 1)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('DynamoShareRepository settings writes', () => {
  it('store tenant and user settings under their fixed keys', async () => {
    ddb.on(PutCommand).resolves({});
    await repository.putTenantSettings({ ...DEFAULT_TENANT_SETTINGS, requirePassword: true });
    await repository.putUserSettings('sub-1', { notificationSender: 'me@example.com' });
    const [tenant, user] = ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item);
    expect(tenant).toEqual({ pk: 'TENANT', sk: 'SETTINGS', ...DEFAULT_TENANT_SETTINGS, requirePassword: true });
    expect(user).toEqual({ pk: 'USER#sub-1', sk: 'SETTINGS', notificationSender: 'me@example.com' });
  });
});

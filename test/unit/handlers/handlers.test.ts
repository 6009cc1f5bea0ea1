import { SIGNING_KEY, TEST_ENV } from '../env.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { CreateMultipartUploadCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as adminSettingsPut } from '../../../functions/settings/admin-settings-put.js';
import { handler as filesList } from '../../../functions/files/files-list.js';
import { handler as me } from '../../../functions/settings/me.js';
import { handler as meSettingsPut } from '../../../functions/settings/me-settings-put.js';
import { handler as publicShareAccess } from '../../../functions/recipient/public-share-access.js';
import { handler as publicShareDownload } from '../../../functions/recipient/public-share-download.js';
import { handler as publicShareFiles } from '../../../functions/recipient/public-share-files.js';
import { handler as publicShareGet } from '../../../functions/recipient/public-share-get.js';
import { handler as sharesCancel } from '../../../functions/links/shares-cancel.js';
import { handler as sharesCreate } from '../../../functions/links/shares-create.js';
import { handler as sharesDelete } from '../../../functions/links/shares-delete.js';
import { handler as sharesGet } from '../../../functions/links/shares-get.js';
import { handler as sharesEvents } from '../../../functions/links/shares-events.js';
import { handler as sharesList } from '../../../functions/links/shares-list.js';
import { handler as sharesUpdate } from '../../../functions/links/shares-update.js';
import { handler as uploadsCreate } from '../../../functions/files/uploads-create.js';
import { hashPassword, verifyPassword } from '../../../functions/lib/domain/passwords.js';
import { encodeFileId } from '../../../functions/lib/domain/recipient/files.js';
import type { Share } from '../../../functions/lib/domain/share.js';
import { deviceHash, readToken } from '../../../functions/lib/domain/tokens.js';
import { adminClaims, httpEvent, invoke, ownerClaims } from '../../support/events.js';
import { verifyPresignedUrl } from '../adapters/sigv4.js';
import { DAY, aShare } from '../fixtures.js';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

const OWNER_SUB = 'owner-1';
const STRANGER_SUB = 'owner-2';
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

const activeShare = (overrides: Partial<Share> = {}) =>
  aShare({ createdAt: new Date(Date.now() - DAY).toISOString(), expiresAt: new Date(Date.now() + 7 * DAY).toISOString(), ...overrides });
const stored = (share: Share) => ({
  pk: `SHARE#${share.id}`,
  sk: 'META',
  gsi1pk: `OWNER#${share.ownerId}`,
  gsi1sk: `${share.createdAt}#${share.id}`,
  ...share,
});
const givenShare = (share: Share) => ddb.on(GetCommand, { Key: { pk: `SHARE#${share.id}`, sk: 'META' } }).resolves({ Item: stored(share) });

const publicEvent = (
  method: 'GET' | 'POST',
  share: { id: string },
  suffix: string,
  options: { body?: unknown; token?: string; query?: Record<string, string> } = {},
) =>
  httpEvent({
    method,
    path: `/api/public/shares/${share.id}${suffix}`,
    route: `/api/public/shares/{id}${suffix}`,
    pathParameters: { id: share.id },
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.query ? { query: options.query } : {}),
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });

beforeEach(() => {
  ddb.reset();
  s3.reset();
  ddb.on(PutCommand).resolves({});
  ddb.on(GetCommand).resolves({});
});

describe('POST /api/shares', () => {
  const create = (body: unknown, claims = ownerClaims(OWNER_SUB)) =>
    invoke(sharesCreate, httpEvent({ method: 'POST', path: '/api/shares', body, claims }));

  it('refuses 1,001 items (400) without touching the table or the bucket', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ path: `docs/file-${i}.txt` }));
    const result = await create({ items });
    expect(result.status).toBe(400);
    expect(result.body.error).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringContaining('at most 1000 items') });
    expect(ddb.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });

  it('refuses an anonymous caller (401)', async () => {
    const result = await invoke(sharesCreate, httpEvent({ method: 'POST', path: '/api/shares', body: { items: [{ path: 'a.txt' }] } }));
    expect(result.status).toBe(401);
  });

  it("creates a link to the caller's own file and shows the generated password once", async () => {
    s3.on(HeadObjectCommand).resolves({ ContentLength: 10, LastModified: new Date() });
    const result = await create({ items: [{ path: 'docs/a.pdf', alias: 'Quartal.pdf' }], expiry: { days: 7 } });
    expect(result.status).toBe(201);
    expect(result.body.url).toBe(`${TEST_ENV.PUBLIC_BASE_URL}/s/${result.body.id}`);
    expect(result.body.password).toMatch(/^[A-Za-z2-9]{8}$/);
    expect(s3.commandCalls(HeadObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: TEST_ENV.FILES_BUCKET,
      Key: `users/${OWNER_SUB}/docs/a.pdf`,
    });
    const put = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.TableName).toBe(TEST_ENV.TABLE_NAME);
    const item = put.Item!;
    expect(item).toMatchObject({ ownerId: OWNER_SUB, items: [{ path: 'docs/a.pdf', alias: 'Quartal.pdf', kind: 'file', size: 10 }] });
    expect(JSON.stringify(item)).not.toContain(result.body.password);
    expect(await verifyPassword(result.body.password, item.passwordHash)).toBe(true);
  });

  it('answers 404 for a file the caller does not have', async () => {
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    const result = await create({ items: [{ path: 'docs/missing.pdf' }] });
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('NOT_FOUND');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});

describe('the recipient routes', () => {
  let protectedHash: string;
  beforeAll(async () => {
    protectedHash = await hashPassword('Recipient-pw-1');
  });

  it('answer a malformed link id with 404 SHARE_NOT_FOUND before reading anything', async () => {
    for (const id of ['abc', 'not-a-share-id!', '..%2F..%2Fetc']) {
      const result = await invoke(publicShareAccess, publicEvent('POST', { id }, '/access', { body: { deviceId: 'device-12345678' } }));
      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe('SHARE_NOT_FOUND');
    }
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answer an over-long link id (a URL with text pasted after it) with 404 SHARE_NOT_FOUND too', async () => {
    const id = `${'A'.repeat(22)}%20Please%20find%20the%20Q3%20numbers%20attached%20thanks`;
    const result = await invoke(publicShareAccess, publicEvent('POST', { id }, '/access', { body: { deviceId: 'device-12345678' } }));
    expect(result.body.error.code).toBe('SHARE_NOT_FOUND');
    expect(result.status).toBe(404);
  });

  it('answer an unknown link with 404 SHARE_NOT_FOUND', async () => {
    const result = await invoke(publicShareGet, publicEvent('GET', { id: 'A'.repeat(22) }, ''));
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('SHARE_NOT_FOUND');
  });

  it('describe an open link, and say a cancelled one was cancelled (410)', async () => {
    const open = activeShare({ message: 'Hello' });
    const cancelled = activeShare({ status: 'cancelled' });
    givenShare(open);
    givenShare(cancelled);
    const described = await invoke(publicShareGet, publicEvent('GET', open, ''));
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ id: open.id, message: 'Hello', requiresPassword: false });
    const gone = await invoke(publicShareGet, publicEvent('GET', cancelled, ''));
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('SHARE_CANCELLED');
  });

  it('say a link is bound to another device before any password, when the browser sends its device id', async () => {
    const bound = activeShare({ deviceBinding: true, boundDevice: deviceHash('device-of-the-first-one') });
    givenShare(bound);
    const other = await invoke(publicShareGet, publicEvent('GET', bound, '', { query: { deviceId: 'another-device-id' } }));
    expect([other.status, other.body.error?.code]).toEqual([403, 'DEVICE_BOUND']);
    // The owner's access log has the refusal, as it would have for an unlock.
    expect(ddb.commandCalls(PutCommand).map((call) => call.args[0].input.Item?.kind)).toEqual(['denied:DEVICE_BOUND']);
    const same = await invoke(publicShareGet, publicEvent('GET', bound, '', { query: { deviceId: 'device-of-the-first-one' } }));
    expect(same.status).toBe(200);
    expect((await invoke(publicShareGet, publicEvent('GET', bound, ''))).status).toBe(200);
    const malformed = await invoke(publicShareGet, publicEvent('GET', bound, '', { query: { deviceId: 'x' } }));
    expect(malformed.status).toBe(400);
  });

  it('unlock, list and download with a token signed by the key from SIGNING_KEY_FILE', async () => {
    const share = activeShare({ items: [{ path: 'docs/report.pdf', alias: 'Bericht ü.pdf', kind: 'file', size: 5 }] });
    givenShare(share);
    ddb.on(UpdateCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({ ContentLength: 5, LastModified: new Date() });

    const unlocked = await invoke(publicShareAccess, publicEvent('POST', share, '/access', { body: { deviceId: 'device-12345678' } }));
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.expiresIn).toBeLessThanOrEqual(3600);
    expect(readToken(Buffer.from(SIGNING_KEY), unlocked.body.token, Date.now())?.sid).toBe(share.id);

    const listed = await invoke(publicShareFiles, publicEvent('GET', share, '/files', { token: unlocked.body.token }));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      entries: [{ fileId: encodeFileId(0), name: 'Bericht ü.pdf', size: 5, kind: 'file', path: 'Bericht ü.pdf' }],
      nextCursor: null,
      summary: { fileCount: 1, totalBytes: 5, complete: true },
    });

    const download = await invoke(
      publicShareDownload,
      publicEvent('POST', share, '/downloads', { token: unlocked.body.token, body: { fileId: encodeFileId(0) } }),
    );
    expect(download.status).toBe(200);
    const url = new URL(download.body.url);
    expect(url.hostname).toBe(`${TEST_ENV.FILES_BUCKET}.s3.${TEST_ENV.AWS_REGION}.amazonaws.com`);
    expect(decodeURIComponent(url.pathname)).toBe(`/users/${share.ownerId}/docs/report.pdf`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="Bericht u.pdf"; filename*=UTF-8''Bericht%20%C3%BC.pdf`,
    );
    expect(verifyPresignedUrl(download.body.url, { secretAccessKey: TEST_ENV.AWS_SECRET_ACCESS_KEY, method: 'GET' })).toEqual({
      valid: true,
    });
    expect(ddb.commandCalls(UpdateCommand).some((call) => call.args[0].input.UpdateExpression === 'ADD downloadCount :one')).toBe(true);
  });

  it('refuse the file list without a token (401 INVALID_TOKEN)', async () => {
    const share = activeShare();
    givenShare(share);
    const result = await invoke(publicShareFiles, publicEvent('GET', share, '/files'));
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe('INVALID_TOKEN');
  });

  it('refuse a wrong password with 401 and, once the counter is full, 429 with Retry-After', async () => {
    const share = activeShare({ passwordHash: protectedHash });
    givenShare(share);
    ddb.on(UpdateCommand).resolves({});
    const wrong = await invoke(
      publicShareAccess,
      publicEvent('POST', share, '/access', { body: { password: 'nope-nope', deviceId: 'device-12345678' } }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');

    ddb.on(UpdateCommand).rejects(conditionFailed());
    ddb
      .on(GetCommand)
      .callsFake((input: { Key: { sk: string } }) =>
        input.Key.sk === 'META' ? { Item: stored(share) } : { Item: { attempts: 5, windowStart: Math.floor(Date.now() / 1000) - 60 } },
      );
    const blocked = await invoke(
      publicShareAccess,
      publicEvent('POST', share, '/access', { body: { password: 'Recipient-pw-1', deviceId: 'device-12345678' } }),
    );
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(840);
  });
});

describe('owner share routes', () => {
  const ownerEvent = (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { body?: unknown; id?: string; sub?: string; query?: Record<string, string> } = {},
  ) =>
    httpEvent({
      method,
      path,
      ...(options.id ? { route: path.replace(options.id, '{id}'), pathParameters: { id: options.id } } : {}),
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.query ? { query: options.query } : {}),
      claims: ownerClaims(options.sub ?? OWNER_SUB),
    });

  it("hide another owner's link behind 404 NOT_FOUND", async () => {
    const share = activeShare({ ownerId: OWNER_SUB });
    givenShare(share);
    const mine = await invoke(sharesGet, ownerEvent('GET', `/api/shares/${share.id}`, { id: share.id }));
    expect(mine.status).toBe(200);
    expect(mine.body).not.toHaveProperty('passwordHash');
    const theirs = await invoke(sharesGet, ownerEvent('GET', `/api/shares/${share.id}`, { id: share.id, sub: STRANGER_SUB }));
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('NOT_FOUND');
  });

  it("cancel one link with DELETE (204), or say 404 when it is not the caller's", async () => {
    const id = 'B'.repeat(22);
    ddb.on(UpdateCommand).resolvesOnce({}).rejects(conditionFailed());
    expect((await invoke(sharesDelete, ownerEvent('DELETE', `/api/shares/${id}`, { id }))).status).toBe(204);
    expect(ddb.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues![':owner']).toBe(OWNER_SUB);
    const again = await invoke(sharesDelete, ownerEvent('DELETE', `/api/shares/${id}`, { id, sub: STRANGER_SUB }));
    expect(again.status).toBe(404);
  });

  it('cancel several links and report the ones not found', async () => {
    const [a, b] = ['C'.repeat(22), 'D'.repeat(22)];
    ddb.on(UpdateCommand, { Key: { pk: `SHARE#${a}`, sk: 'META' } }).resolves({});
    ddb.on(UpdateCommand, { Key: { pk: `SHARE#${b}`, sk: 'META' } }).rejects(conditionFailed());
    const result = await invoke(sharesCancel, ownerEvent('POST', '/api/shares/cancel', { body: { ids: [a, b] } }));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ cancelled: [a], notFound: [b] });
  });

  it("list the caller's links newest first with their URLs", async () => {
    const share = activeShare();
    ddb.on(QueryCommand).resolves({ Items: [stored(share)] });
    const result = await invoke(sharesList, ownerEvent('GET', '/api/shares', { query: { status: 'active' } }));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      shares: [expect.objectContaining({ id: share.id, url: `${TEST_ENV.PUBLIC_BASE_URL}/s/${share.id}`, status: 'active' })],
      nextCursor: null,
    });
    expect(ddb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues![':owner']).toBe(`OWNER#${OWNER_SUB}`);
  });

  it('refuse a status filter that does not exist', async () => {
    const result = await invoke(sharesList, ownerEvent('GET', '/api/shares', { query: { status: 'deleted' } }));
    expect(result.status).toBe(400);
  });
});

describe('owner file routes', () => {
  it("list the caller's own folder only, relative to their root", async () => {
    s3.on(ListObjectsV2Command).resolves({
      CommonPrefixes: [{ Prefix: `users/${OWNER_SUB}/docs/q3/` }],
      Contents: [{ Key: `users/${OWNER_SUB}/docs/a.txt`, Size: 3 }],
    });
    const result = await invoke(
      filesList,
      httpEvent({ method: 'GET', path: '/api/files', query: { prefix: 'docs/' }, claims: ownerClaims(OWNER_SUB) }),
    );
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ folders: ['docs/q3/'], files: [{ path: 'docs/a.txt', name: 'a.txt', size: 3 }] });
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toMatchObject({
      Bucket: TEST_ENV.FILES_BUCKET,
      Prefix: `users/${OWNER_SUB}/docs/`,
    });
  });

  it('refuse a prefix that climbs out of the root', async () => {
    const result = await invoke(
      filesList,
      httpEvent({ method: 'GET', path: '/api/files', query: { prefix: '../owner-2/' }, claims: ownerClaims(OWNER_SUB) }),
    );
    expect(result.status).toBe(400);
    expect(s3.calls()).toHaveLength(0);
  });

  it('presign uploads up to 16 MiB as one PUT, larger ones as multipart, and answer 413 over the limit', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
    const upload = (size: number) =>
      invoke(
        uploadsCreate,
        httpEvent({
          method: 'POST',
          path: '/api/files/uploads',
          body: { path: 'docs/new.bin', size, contentType: 'application/octet-stream' },
          claims: ownerClaims(OWNER_SUB),
        }),
      );
    const ok = await upload(1024);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/octet-stream' } });
    expect(decodeURIComponent(new URL(ok.body.url).pathname)).toBe(`/users/${OWNER_SUB}/docs/new.bin`);
    const multipart = await upload(17 * 1024 * 1024);
    expect(multipart.status).toBe(200);
    expect(multipart.body).toMatchObject({ partSize: 16 * 1024 * 1024, parts: [{ partNumber: 1 }, { partNumber: 2 }] });
    const tooBig = await upload(5 * 1024 ** 3 + 1);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /api/me', () => {
  it('tells the user who they are and which email sender applies', async () => {
    ddb.on(GetCommand, { Key: { pk: 'TENANT', sk: 'SETTINGS' } }).resolves({ Item: { adminNotificationSender: 'noreply@corp.example' } });
    const result = await invoke(me, httpEvent({ method: 'GET', path: '/api/me', claims: ownerClaims(OWNER_SUB, 'me@example.com') }));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      userId: OWNER_SUB,
      email: 'me@example.com',
      isAdmin: false,
      notification: { mode: 'admin', sender: 'noreply@corp.example', editable: false },
    });
  });
});

describe('share edits, access log and settings routes', () => {
  it('PATCH /api/shares/{id} refuses an empty edit and shows a regenerated password once', async () => {
    const share = activeShare();
    givenShare(share);
    const patch = (body: unknown) =>
      invoke(
        sharesUpdate,
        httpEvent({
          method: 'PATCH',
          path: `/api/shares/${share.id}`,
          route: '/api/shares/{id}',
          pathParameters: { id: share.id },
          body,
          claims: ownerClaims(OWNER_SUB),
        }),
      );
    expect((await patch({})).status).toBe(400);
    ddb.on(UpdateCommand).callsFake((input: { ExpressionAttributeValues: Record<string, unknown> }) => ({
      Attributes: stored({ ...share, passwordHash: input.ExpressionAttributeValues[':passwordHash'] as string, passwordVersion: 2 }),
    }));
    const result = await patch({ regeneratePassword: true });
    expect(result.status).toBe(200);
    expect(result.body.password).toMatch(/^[A-Za-z2-9]{8}$/);
    expect(result.body).not.toHaveProperty('passwordHash');
  });

  it("GET /api/shares/{id}/events lists the access log of the caller's link only", async () => {
    const share = activeShare();
    givenShare(share);
    ddb
      .on(QueryCommand)
      .resolves({ Items: [{ kind: 'download', at: '2026-03-01T12:00:00.000Z', file: 'a.pdf', client: 'c', userAgent: 'ua' }] });
    const list = (sub: string) =>
      invoke(
        sharesEvents,
        httpEvent({
          method: 'GET',
          path: `/api/shares/${share.id}/events`,
          route: '/api/shares/{id}/events',
          pathParameters: { id: share.id },
          claims: ownerClaims(sub),
        }),
      );
    const mine = await list(OWNER_SUB);
    expect(mine.status).toBe(200);
    expect(mine.body.events).toEqual([{ kind: 'download', at: '2026-03-01T12:00:00.000Z', file: 'a.pdf', client: 'c', userAgent: 'ua' }]);
    expect((await list(STRANGER_SUB)).status).toBe(404);
  });

  it('PUT /api/admin/settings is for administrators only', async () => {
    const body = {
      adminNotificationSender: null,
      deviceBindingEnabled: true,
      requirePassword: true,
      defaultExpiryDays: 7,
      maxExpiryDays: 30,
    };
    const put = (claims: ReturnType<typeof ownerClaims>) =>
      invoke(adminSettingsPut, httpEvent({ method: 'PUT', path: '/api/admin/settings', body, claims }));
    const refused = await put(ownerClaims(OWNER_SUB));
    expect(refused.status).toBe(403);
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
    const saved = await put(adminClaims());
    expect(saved.status).toBe(200);
    // Settings added later (partner email limit, file requests) keep their stored value, here the defaults, when the body leaves them out.
    const stored = { ...body, dailyPartnerEmailLimit: 200, fileRequestsEnabled: true, defaultRequestMaxBytes: 10 * 1024 ** 3 };
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).toEqual({ pk: 'TENANT', sk: 'SETTINGS', ...stored });
    expect(saved.body).toEqual(stored);
  });

  it('PUT /api/me/settings answers 409 ADMIN_SENDER_ENFORCED while an administrator sender is set', async () => {
    ddb.on(GetCommand, { Key: { pk: 'TENANT', sk: 'SETTINGS' } }).resolves({ Item: { adminNotificationSender: 'noreply@corp.example' } });
    const result = await invoke(
      meSettingsPut,
      httpEvent({
        method: 'PUT',
        path: '/api/me/settings',
        body: { notificationSender: 'me@example.com' },
        claims: ownerClaims(OWNER_SUB),
      }),
    );
    expect(result.status).toBe(409);
    expect(result.body.error.code).toBe('ADMIN_SENDER_ENFORCED');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });
});

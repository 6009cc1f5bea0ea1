/**
 * File requests over HTTP against the local runtime: an uploader sends files into the owner's
 * folder through presigned URLs, nothing is overwritten, quotas and closed links answer as the
 * contract says, another owner sees nothing, the administrator's switch applies, and the owner's
 * email arrives through the table stream in the local SES store.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, deviceId, randomBytes, signIn, upload } from './client.js';
import { sentTo, waitForEmails } from './notifications-inbox.js';
import { createRequest, filesIn, ownerFileBytes, publicPath, sendFile, unlockAs } from './requests-support.js';

const MiB = 1024 * 1024;
const FIRST_ROUND_SETTINGS = {
  adminNotificationSender: null,
  deviceBindingEnabled: false,
  requirePassword: false,
  defaultExpiryDays: 7,
  maxExpiryDays: null,
};

let owner: string;
let otherOwner: string;
const demoEmail = inject('demoEmail');
const folderOf = () => `rq-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/inbox/`;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const setTenant = async (settings: Record<string, unknown>) => {
  const admin = await signIn(inject('adminEmail'), inject('demoPassword'));
  const reply = await call('PUT', '/api/admin/settings', { token: admin, body: { ...FIRST_ROUND_SETTINGS, ...settings } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as Record<string, unknown>;
};

beforeAll(async () => {
  [owner, otherOwner] = await Promise.all([
    signIn(demoEmail, inject('demoPassword')),
    signIn(inject('adminEmail'), inject('demoPassword')),
  ]);
});

afterAll(async () => {
  await setTenant({ fileRequestsEnabled: true });
  await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: null } });
});

describe('uploading through a file request', () => {
  it('stores a multipart upload byte for byte in the owner’s folder, below the uploader’s name', async () => {
    const folder = folderOf();
    const request = await createRequest(owner, { folder, password: { mode: 'auto' } });
    expect(request.url).toMatch(new RegExp(`/r/${request.id}$`));
    const described = await call('GET', publicPath(request.id));
    expect(described.body).toMatchObject({ title: 'Please send your files', ownerName: inject('demoName'), requiresPassword: true });
    expect(JSON.stringify(described.body)).not.toContain(folder);

    const token = await unlockAs(request, 'Ana Lima');
    const bytes = randomBytes(40 * MiB + 123);
    const sent = await sendFile(request, token, 'scans/big archive.bin', bytes, { inFlight: 4 });
    expect(sent.name).toBe('scans/big archive.bin');
    expect(await filesIn(owner, `${folder}Ana Lima/scans/`)).toEqual([{ name: 'big archive.bin', size: bytes.byteLength }]);
    expect(sha(await ownerFileBytes(owner, `${folder}Ana Lima/scans/big archive.bin`))).toBe(sha(bytes));
  });

  it('never overwrites: the same name again is stored as "name (2).ext", the first file unchanged', async () => {
    const folder = folderOf();
    const request = await createRequest(owner, { folder, password: { mode: 'none' } });
    const first = randomBytes(1000);
    const second = randomBytes(2000);
    expect((await sendFile(request, await unlockAs(request, 'Bo'), 'report.pdf', first)).name).toBe('report.pdf');
    expect((await sendFile(request, await unlockAs(request, 'Bo'), 'report.pdf', second)).name).toBe('report (2).pdf');
    // The owner's own file of that name counts too.
    await upload(owner, `${folder}Bo/notes.txt`, randomBytes(10));
    expect((await sendFile(request, await unlockAs(request, 'Bo'), 'notes.txt', randomBytes(5))).name).toBe('notes (2).txt');
    expect(sha(await ownerFileBytes(owner, `${folder}Bo/report.pdf`))).toBe(sha(first));
    expect(sha(await ownerFileBytes(owner, `${folder}Bo/report (2).pdf`))).toBe(sha(second));
  });

  it('recreates the folder on the next upload when the owner deleted it', async () => {
    const folder = folderOf();
    const request = await createRequest(owner, { folder, password: { mode: 'none' } });
    await sendFile(request, await unlockAs(request, 'Cy'), 'one.txt', randomBytes(10));
    const removed = await call('DELETE', '/api/files', { token: owner, body: { paths: [folder] } });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(await filesIn(owner, `${folder}Cy/`)).toEqual([]);
    await sendFile(request, await unlockAs(request, 'Cy'), 'two.txt', randomBytes(10));
    expect(await filesIn(owner, `${folder}Cy/`)).toEqual([{ name: 'two.txt', size: 10 }]);
  });

  it('answers 400 for a name with a path that leaves the uploader’s folder, and for a bad uploader name', async () => {
    const request = await createRequest(owner, { folder: folderOf(), password: { mode: 'none' } });
    const token = await unlockAs(request, 'Dee');
    for (const name of ['../../escape.txt', '/etc/passwd', 'a\\b.txt']) {
      const refused = await call('POST', publicPath(request.id, '/uploads'), { token, body: { name, size: 1 } });
      expect(refused.status, name).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    }
    const badName = await call('POST', publicPath(request.id, '/access'), { body: { name: 'x/../y', deviceId: deviceId() } });
    expect(badName.status).toBe(400);
  });
});

describe('limits and closed links', () => {
  it('answers 413 with the numbers, 403 REQUEST_FULL for the 4th file of a 3-file request, and 410 once cancelled', async () => {
    const request = await createRequest(owner, { folder: folderOf(), password: { mode: 'none' }, maxFiles: 3, maxBytes: 5000 });
    const token = await unlockAs(request, 'Eve');
    const tooBig = await call('POST', publicPath(request.id, '/uploads'), { token, body: { name: 'big.bin', size: 6000 } });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: '"big.bin" is 5.9 KiB (6000 bytes); this request can take 4.9 KiB (5000 bytes) more, of 4.9 KiB in all.',
    });
    for (const name of ['1.txt', '2.txt', '3.txt']) await sendFile(request, token, name, randomBytes(10));
    const fourth = await call('POST', publicPath(request.id, '/uploads'), { token, body: { name: '4.txt', size: 10 } });
    expect(fourth.status).toBe(403);
    expect(fourth.body.error.code).toBe('REQUEST_FULL');
    expect((await call('GET', publicPath(request.id))).body).toMatchObject({ remainingFiles: 0, remainingBytes: 4970 });

    expect((await call('DELETE', `/api/requests/${request.id}`, { token: owner })).status).toBe(204);
    const closed = await call('GET', publicPath(request.id));
    expect(closed.status).toBe(410);
    expect(closed.body.error.code).toBe('REQUEST_CLOSED');
    expect((await call('POST', publicPath(request.id, '/uploads'), { token, body: { name: '5.txt', size: 1 } })).status).toBe(410);
    const unknown = await call('GET', publicPath('AAAAAAAAAAAAAAAAAAAAAA'));
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'REQUEST_NOT_FOUND']);
  });

  it('aborts the parts already sent when the request is cancelled mid-upload', async () => {
    const folder = folderOf();
    const request = await createRequest(owner, { folder, password: { mode: 'none' } });
    const token = await unlockAs(request, 'Fay');
    const started = await call('POST', publicPath(request.id, '/uploads'), { token, body: { name: 'half.bin', size: 20 * MiB } });
    const firstPart = await fetch(started.body.parts[0].url, { method: 'PUT', body: Buffer.from(randomBytes(16 * MiB)) });
    expect(firstPart.ok).toBe(true);
    await call('DELETE', `/api/requests/${request.id}`, { token: owner });
    const completed = await call('POST', publicPath(request.id, '/uploads/complete'), {
      token,
      body: { uploadId: started.body.uploadId, parts: [{ partNumber: 1, etag: firstPart.headers.get('etag') }] },
    });
    expect([completed.status, completed.body.error.code]).toEqual([410, 'REQUEST_CLOSED']);
    // Nothing arrived, and the upload is settled: completing it again is refused, not stored.
    expect(await filesIn(owner, `${folder}Fay/`)).toEqual([]);
    const again = await call('POST', publicPath(request.id, '/uploads/complete'), {
      token,
      body: { uploadId: started.body.uploadId, parts: [{ partNumber: 1, etag: firstPart.headers.get('etag') }] },
    });
    expect(again.status).toBe(409);
    const detail = await call('GET', `/api/requests/${request.id}`, { token: owner });
    expect(detail.body).toMatchObject({ filesReceived: 0, remainingBytes: detail.body.maxBytes });
  });

  it('shows another owner nothing: 404 for reading, changing, cancelling and the access log', async () => {
    const request = await createRequest(owner, { folder: folderOf(), password: { mode: 'none' } });
    for (const [method, path, body] of [
      ['GET', `/api/requests/${request.id}`, undefined],
      ['PATCH', `/api/requests/${request.id}`, { title: 'mine' }],
      ['DELETE', `/api/requests/${request.id}`, undefined],
      ['GET', `/api/requests/${request.id}/events`, undefined],
    ] as const) {
      const reply = await call(method, path, { token: otherOwner, ...(body ? { body } : {}) });
      expect(reply.status, `${method} ${path}`).toBe(404);
    }
    expect((await call('GET', `/api/requests/${request.id}`, { token: owner })).body.status).toBe('active');
    const theirs = await call('GET', '/api/requests', { token: otherOwner });
    expect(theirs.body.requests.map((r: { id: string }) => r.id)).not.toContain(request.id);
  });

  it('follows the administrator’s switch: off refuses new requests (400 POLICY_VIOLATION) and closes open ones (410)', async () => {
    const request = await createRequest(owner, { folder: folderOf(), password: { mode: 'none' } });
    const settings = await setTenant({ fileRequestsEnabled: false });
    expect(settings).toMatchObject({ fileRequestsEnabled: false, defaultRequestMaxBytes: expect.any(Number) });
    try {
      const refused = await call('POST', '/api/requests', { token: owner, body: { folder: '', title: 'x' } });
      expect([refused.status, refused.body.error.code]).toEqual([400, 'POLICY_VIOLATION']);
      const closed = await call('GET', publicPath(request.id));
      expect([closed.status, closed.body.error.code]).toEqual([410, 'REQUEST_CLOSED']);
      // A settings update that leaves the new fields out keeps them as they are.
      expect(await setTenant({})).toMatchObject({ fileRequestsEnabled: false });
    } finally {
      await setTenant({ fileRequestsEnabled: true });
    }
    expect((await call('GET', publicPath(request.id))).status).toBe(200);
  });
});

describe('the owner’s side', () => {
  it('lists the request, shows what arrived by uploader and the access log, and emails the owner once per visit', async () => {
    expect((await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: demoEmail } })).status).toBe(200);
    const folder = folderOf();
    const request = await createRequest(owner, {
      folder,
      password: { mode: 'custom', value: 'long-enough-1' },
      notifyOnUpload: true,
      title: `Receipts ${folder}`,
    });
    const wrong = await call('POST', publicPath(request.id, '/access'), {
      body: { name: 'Gil', password: 'nope-nope', deviceId: deviceId() },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'WRONG_PASSWORD']);
    const token = await unlockAs({ ...request, password: 'long-enough-1' }, 'Gil', { email: 'gil@example.com' });
    for (const name of ['a.pdf', 'b.pdf', 'c/d.txt']) await sendFile(request, token, name, randomBytes(100));

    const emails = await waitForEmails(inject('inboxUrl'), (email) => sentTo(demoEmail)(email) && email.subject.includes(folder));
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe(`Gil sent 3 files for "Receipts ${folder}"`);
    for (const name of ['a.pdf', 'b.pdf', 'c/d.txt']) expect(emails[0]!.body.text).toContain(`- ${name} (100 B)`);
    expect(emails[0]!.replyTo).toEqual(['gil@example.com']);

    const detail = await call('GET', `/api/requests/${request.id}`, { token: owner });
    expect(detail.body).toMatchObject({ filesReceived: 3, bytesReceived: 300, status: 'active' });
    expect(detail.body.received.uploaders).toEqual([
      expect.objectContaining({ name: 'Gil', email: 'gil@example.com', folder: `${folder}Gil/`, bytes: 300 }),
    ]);
    const events = await call('GET', `/api/requests/${request.id}/events`, { token: owner });
    const kinds = (events.body.events as { kind: string }[]).map((event) => event.kind);
    expect(kinds.filter((kind) => kind === 'upload')).toHaveLength(3);
    expect(kinds).toContain('unlock');
    expect(kinds).toContain('denied:WRONG_PASSWORD');
    expect(events.body.events.find((e: { kind: string }) => e.kind === 'upload')).toMatchObject({ uploader: 'Gil', size: 100 });

    const listed = await call('GET', '/api/requests?status=active', { token: owner });
    expect(listed.body.requests.map((r: { id: string }) => r.id)).toContain(request.id);
    const shares = await call('GET', '/api/shares', { token: owner });
    expect(shares.body.shares.map((s: { id: string }) => s.id)).not.toContain(request.id);

    const extended = await call('PATCH', `/api/requests/${request.id}`, { token: owner, body: { expiry: { days: 30 } } });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.expiresAt)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });
});

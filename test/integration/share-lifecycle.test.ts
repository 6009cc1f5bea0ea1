import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, deviceId, randomBytes, signIn, upload, uniquePath } from './client.js';

/** The core lifecycle over HTTP against the local runtime: the same handlers and emulated AWS services. */

let owner: string;
let otherOwner: string;
let filePath: string;
const bytes = randomBytes(300_000);

async function createShare(body: Record<string, unknown> = {}) {
  const reply = await call('POST', '/api/shares', {
    token: owner,
    body: {
      items: [{ path: filePath, alias: 'Quarterly report.bin' }],
      allowDownload: true,
      password: { mode: 'auto' },
      expiry: { days: 7 },
      ...body,
    },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; url: string; password?: string; expiresAt: string };
}

async function unlock(id: string, password: string | undefined, device = deviceId()) {
  return call('POST', `/api/public/shares/${id}/access`, { body: { ...(password === undefined ? {} : { password }), deviceId: device } });
}

beforeAll(async () => {
  owner = await signIn(inject('demoEmail'), inject('demoPassword'));
  otherOwner = await signIn(inject('adminEmail'), inject('demoPassword'));
  filePath = uniquePath('report.bin');
  await upload(owner, filePath, bytes);
});

describe('an owner shares a file and a recipient downloads it', () => {
  it('creates the link with a generated password shown once, and lists the file', async () => {
    const share = await createShare();
    expect(share.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(share.url).toBe(`${inject('baseUrl')}/s/${share.id}`);
    expect(share.password).toMatch(/^[2-9a-zA-Z]{8}$/);
    const again = await call('GET', `/api/shares/${share.id}`, { token: owner });
    expect(again.status).toBe(200);
    expect(again.body.password).toBeUndefined();
    expect(again.body).toMatchObject({
      status: 'active',
      requiresPassword: true,
      items: [{ path: filePath, alias: 'Quarterly report.bin', kind: 'file' }],
    });
    const files = await call('GET', `/api/files?prefix=${encodeURIComponent(filePath.split('/')[0] + '/')}`, { token: owner });
    expect(files.body.files).toEqual([expect.objectContaining({ path: filePath, name: 'report.bin', size: bytes.byteLength })]);
  });

  it('unlocks with the password and downloads the exact bytes under the alias', async () => {
    const share = await createShare();
    const info = await call('GET', `/api/public/shares/${share.id}`);
    expect(info.body).toMatchObject({ id: share.id, requiresPassword: true, allowDownload: true, ownerName: inject('demoName') });
    const access = await unlock(share.id, share.password);
    expect(access.status).toBe(200);
    expect(access.body.expiresIn).toBeLessThanOrEqual(3600);
    const list = await call('GET', `/api/public/shares/${share.id}/files`, { token: access.body.token });
    expect(list.status).toBe(200);
    expect(list.body.entries).toEqual([expect.objectContaining({ name: 'Quarterly report.bin', size: bytes.byteLength, kind: 'file' })]);
    const download = await call('POST', `/api/public/shares/${share.id}/downloads`, {
      token: access.body.token,
      body: { fileId: list.body.entries[0].fileId },
    });
    expect(download.status).toBe(200);
    expect(Number(new URL(download.body.url).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    const file = await fetch(download.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''Quarterly%20report.bin");
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const after = await call('GET', `/api/shares/${share.id}`, { token: owner });
    expect(after.body.downloadCount).toBe(1);
  });

  it('opens a link without a password when the owner chose none', async () => {
    const share = await createShare({ password: { mode: 'none' } });
    expect(share.password).toBeUndefined();
    const info = await call('GET', `/api/public/shares/${share.id}`);
    expect(info.body.requiresPassword).toBe(false);
    expect((await unlock(share.id, undefined)).status).toBe(200);
  });

  it('accepts a custom password and never returns it', async () => {
    const share = await createShare({ password: { mode: 'custom', value: 'correct horse' } });
    expect(share.password).toBeUndefined();
    expect((await unlock(share.id, 'correct horse')).status).toBe(200);
    expect((await unlock(share.id, 'Correct horse')).body.error.code).toBe('WRONG_PASSWORD');
  });

  it('refuses downloads when the owner turned them off, but still lists the files', async () => {
    const share = await createShare({ allowDownload: false });
    const { body } = await unlock(share.id, share.password);
    const list = await call('GET', `/api/public/shares/${share.id}/files`, { token: body.token });
    expect(list.body.entries).toHaveLength(1);
    const download = await call('POST', `/api/public/shares/${share.id}/downloads`, {
      token: body.token,
      body: { fileId: list.body.entries[0].fileId },
    });
    expect(download.status).toBe(403);
    expect(download.body.error.code).toBe('DOWNLOAD_DISABLED');
  });
});

describe('recipients are refused clearly', () => {
  it('answers 401 WRONG_PASSWORD for a wrong password', async () => {
    const share = await createShare();
    const reply = await unlock(share.id, 'not-it');
    expect(reply.status).toBe(401);
    expect(reply.body.error).toEqual({ code: 'WRONG_PASSWORD', message: expect.any(String) });
  });

  it('refuses a sixth wrong password within 15 minutes with 429 and Retry-After', async () => {
    const share = await createShare();
    for (let i = 0; i < 5; i++) expect((await unlock(share.id, `wrong-${i}`)).status).toBe(401);
    const sixth = await unlock(share.id, 'wrong-6');
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Locked out means locked out: even the right password is not evaluated.
    expect((await unlock(share.id, share.password)).status).toBe(429);
  });

  it('evaluates at most 5 of 30 parallel wrong guesses', async () => {
    const share = await createShare();
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => unlock(share.id, `guess-${i}`)));
    const codes = replies.map((r) => r.body.error.code);
    expect(codes.filter((c) => c === 'WRONG_PASSWORD').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS').length).toBeGreaterThanOrEqual(25);
    expect(replies.every((r) => r.status === 401 || r.status === 429)).toBe(true);
  });

  it('does not count correct passwords against the limit', async () => {
    const share = await createShare();
    for (let i = 0; i < 7; i++) expect((await unlock(share.id, share.password)).status).toBe(200);
  });

  it('refuses a token of one share on another (401 INVALID_TOKEN) and tampered tokens', async () => {
    const a = await createShare();
    const b = await createShare();
    const tokenA = (await unlock(a.id, a.password)).body.token as string;
    const cross = await call('GET', `/api/public/shares/${b.id}/files`, { token: tokenA });
    expect(cross.status).toBe(401);
    expect(cross.body.error.code).toBe('INVALID_TOKEN');
    const [payload, signature] = tokenA.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sid: b.id })).toString('base64url')}.${signature}`;
    for (const token of [forged, `${payload}.${signature.slice(0, -2)}xx`, 'garbage', '']) {
      const reply = await call('GET', `/api/public/shares/${b.id}/files`, { token });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('INVALID_TOKEN');
    }
  });

  it('cancels a link at once: 410 SHARE_CANCELLED, earlier tokens refused', async () => {
    const share = await createShare();
    const token = (await unlock(share.id, share.password)).body.token;
    const list = await call('GET', `/api/public/shares/${share.id}/files`, { token });
    expect((await call('DELETE', `/api/shares/${share.id}`, { token: owner })).status).toBe(204);
    for (const reply of [
      await call('GET', `/api/public/shares/${share.id}`),
      await unlock(share.id, share.password),
      await call('GET', `/api/public/shares/${share.id}/files`, { token }),
      await call('POST', `/api/public/shares/${share.id}/downloads`, { token, body: { fileId: list.body.entries[0].fileId } }),
    ]) {
      expect(reply.status).toBe(410);
      expect(reply.body.error.code).toBe('SHARE_CANCELLED');
    }
    const listed = await call('GET', '/api/shares?status=cancelled', { token: owner });
    expect(listed.body.shares.map((s: { id: string }) => s.id)).toContain(share.id);
  });

  it('answers 410 SHARE_EXPIRED once the expiry passes, before any TTL deletion', async () => {
    const share = await createShare({ expiry: { at: new Date(Date.now() + 1500).toISOString() } });
    const token = (await unlock(share.id, share.password)).body.token;
    await new Promise((resolve) => setTimeout(resolve, 1700));
    for (const reply of [
      await call('GET', `/api/public/shares/${share.id}`),
      await call('GET', `/api/public/shares/${share.id}/files`, { token }),
    ]) {
      expect(reply.status).toBe(410);
      expect(reply.body.error.code).toBe('SHARE_EXPIRED');
    }
    const mine = await call('GET', `/api/shares/${share.id}`, { token: owner });
    expect(mine.body.status).toBe('expired');
  });

  it('answers 404 SHARE_NOT_FOUND for unknown and malformed links', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'nope', '..%2F..%2Fetc']) {
      const reply = await call('GET', `/api/public/shares/${id}`);
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('SHARE_NOT_FOUND');
    }
  });
});

describe('owners see and cancel only their own links', () => {
  it("hides another owner's share (404) and cannot cancel it", async () => {
    const share = await createShare();
    expect((await call('GET', `/api/shares/${share.id}`, { token: otherOwner })).status).toBe(404);
    expect((await call('DELETE', `/api/shares/${share.id}`, { token: otherOwner })).status).toBe(404);
    const many = await call('POST', '/api/shares/cancel', { token: otherOwner, body: { ids: [share.id] } });
    expect(many.body).toEqual({ cancelled: [], notFound: [share.id] });
    expect((await call('GET', `/api/public/shares/${share.id}`)).status).toBe(200);
  });

  it("cannot share another owner's file: paths are relative to the caller's own root", async () => {
    const reply = await call('POST', '/api/shares', {
      token: otherOwner,
      body: { items: [{ path: filePath }], password: { mode: 'auto' }, expiry: { days: 1 } },
    });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('NOT_FOUND');
  });

  it('cancels several links at once and reports the unknown ones', async () => {
    const a = await createShare();
    const b = await createShare();
    const reply = await call('POST', '/api/shares/cancel', { token: owner, body: { ids: [a.id, b.id, 'AAAAAAAAAAAAAAAAAAAAAA'] } });
    expect(reply.status).toBe(200);
    expect(reply.body.cancelled.sort()).toEqual([a.id, b.id].sort());
    expect(reply.body.notFound).toEqual(['AAAAAAAAAAAAAAAAAAAAAA']);
  });

  it('lists links newest first, filtered by status, page by page', async () => {
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createShare());
    const page = await call('GET', '/api/shares?status=active&limit=2', { token: owner });
    expect(page.status).toBe(200);
    expect(page.body.shares.map((s: { id: string }) => s.id)).toEqual([created[2]!.id, created[1]!.id]);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await call('GET', `/api/shares?status=active&limit=2&cursor=${page.body.nextCursor}`, { token: owner });
    expect(next.body.shares[0].id).toBe(created[0]!.id);
    expect((await call('GET', '/api/shares?cursor=not-a-cursor', { token: owner })).status).toBe(400);
  });
});

describe('bad input gets a 400 with a code and a message, never a 5xx', () => {
  const cases: Array<[string, { rawBody?: string; body?: unknown; contentType?: string }, RegExp]> = [
    ['malformed JSON', { rawBody: '{"items": [' }, /valid JSON/],
    ['a non-JSON content type', { rawBody: 'items=1', contentType: 'application/x-www-form-urlencoded' }, /JSON/],
    ['an unknown field', { body: { items: [{ path: 'a.txt' }], colour: 'red' } }, /colour/],
    ['an unknown nested field', { body: { items: [{ path: 'a.txt', size: 1 }] } }, /items\.0\.size/],
    ['a ".." path', { body: { items: [{ path: '../other-user/secret.pdf' }] } }, /items\.0\.path/],
    ['an absolute path', { body: { items: [{ path: '/etc/passwd' }] } }, /items\.0\.path/],
    ['an expiry in the past', { body: { items: [{ path: 'a.txt' }], expiry: { at: '2020-01-01T00:00:00Z' } } }, /expiry/],
    ['a bad email', { body: { items: [{ path: 'a.txt' }], recipients: ['not-an-email'] } }, /recipients\.0/],
    ['no items', { body: { items: [] } }, /items/],
    ['a short custom password', { body: { items: [{ path: 'a.txt' }], password: { mode: 'custom', value: 'abc' } } }, /password/],
  ];
  it.each(cases)('refuses %s', async (_name, request, message) => {
    const reply = await call('POST', '/api/shares', { token: owner, ...request });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.message).toMatch(message);
  });

  it('refuses path traversal in uploads and listings', async () => {
    const uploadReply = await call('POST', '/api/files/uploads', {
      token: owner,
      body: { path: 'a/../../x', size: 1, contentType: 'text/plain' },
    });
    expect(uploadReply.status).toBe(400);
    const listReply = await call('GET', '/api/files?prefix=..%2F', { token: owner });
    expect(listReply.status).toBe(400);
  });

  it('refuses bad recipient requests with 4xx', async () => {
    const share = await createShare();
    const token = (await unlock(share.id, share.password)).body.token;
    const replies = [
      await call('POST', `/api/public/shares/${share.id}/access`, { rawBody: 'nope' }),
      await call('POST', `/api/public/shares/${share.id}/access`, { body: { password: 'x' } }),
      await call('POST', `/api/public/shares/${share.id}/access`, { body: { deviceId: deviceId(), extra: 1 } }),
      await call('GET', `/api/public/shares/${share.id}/files?path=..%2F`, { token }),
      await call('GET', `/api/public/shares/${share.id}/files?cursor=-5`, { token }),
      await call('POST', `/api/public/shares/${share.id}/downloads`, { token, body: { fileId: 'WzAsIi4uL3giXQ' } }),
      await call('POST', `/api/public/shares/${share.id}/downloads`, { token, body: {} }),
    ];
    for (const reply of replies) {
      expect(reply.status, JSON.stringify(reply.body)).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(reply.body.error.code).toMatch(/^[A-Z_]+$/);
    }
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, deviceId, randomBytes, signIn, upload, uniquePath } from './client.js';

/** Managing links (edit, access log), tenant policy and device binding, over HTTP. */

let owner: string;
let admin: string;
let filePath: string;
const demoEmail = inject('demoEmail');
interface Policy {
  adminNotificationSender: string | null;
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: number;
  maxExpiryDays: number | null;
}
const defaults: Policy = {
  adminNotificationSender: null,
  deviceBindingEnabled: false,
  requirePassword: false,
  defaultExpiryDays: 7,
  maxExpiryDays: null,
};

async function setPolicy(changes: Partial<Policy>) {
  const reply = await call('PUT', '/api/admin/settings', { token: admin, body: { ...defaults, ...changes } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

async function createShare(body: Record<string, unknown> = {}) {
  return call('POST', '/api/shares', {
    token: owner,
    body: { items: [{ path: filePath }], password: { mode: 'auto' }, expiry: { days: 7 }, ...body },
  });
}

const unlock = (id: string, password: string | undefined, device = deviceId()) =>
  call('POST', `/api/public/shares/${id}/access`, { body: { ...(password ? { password } : {}), deviceId: device } });

beforeAll(async () => {
  owner = await signIn(inject('demoEmail'), inject('demoPassword'));
  admin = await signIn(inject('adminEmail'), inject('demoPassword'));
  filePath = uniquePath('policy.bin');
  await upload(owner, filePath, randomBytes(1000));
});

afterAll(async () => {
  await setPolicy({});
});

describe('tenant policy', () => {
  it('is for administrators only', async () => {
    expect((await call('GET', '/api/admin/settings', { token: owner })).body.error.code).toBe('FORBIDDEN');
    expect((await call('PUT', '/api/admin/settings', { token: owner, body: defaults })).status).toBe(403);
    expect((await call('GET', '/api/admin/settings', { token: admin })).body).toEqual(
      expect.objectContaining({ requirePassword: expect.any(Boolean) }),
    );
    expect((await call('GET', '/api/me', { token: admin })).body.isAdmin).toBe(true);
    expect((await call('GET', '/api/me', { token: owner })).body.isAdmin).toBe(false);
  });

  it('refuses expiry over the maximum, "never" under a maximum and no password when one is required', async () => {
    await setPolicy({ maxExpiryDays: 30, requirePassword: true });
    for (const body of [{ expiry: { days: 31 } }, { expiry: { never: true } }, { password: { mode: 'none' } }]) {
      const reply = await createShare(body);
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('POLICY_VIOLATION');
    }
    expect((await createShare({ expiry: { days: 30 } })).status).toBe(201);
    await setPolicy({});
    expect((await createShare({ expiry: { never: true }, password: { mode: 'none' } })).status).toBe(201);
  });

  it('refuses device binding while the admin switch is off', async () => {
    await setPolicy({ deviceBindingEnabled: false });
    const reply = await createShare({ deviceBinding: true });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('POLICY_VIOLATION');
  });

  it('validates the settings themselves', async () => {
    const reply = await call('PUT', '/api/admin/settings', {
      token: admin,
      body: { ...defaults, defaultExpiryDays: 40, maxExpiryDays: 30 },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/defaultExpiryDays/);
  });
});

describe('device binding', () => {
  it('lets exactly one of 20 devices unlocking in parallel own the link', async () => {
    await setPolicy({ deviceBindingEnabled: true });
    const share = (await createShare({ deviceBinding: true, password: { mode: 'none' } })).body;
    const replies = await Promise.all(Array.from({ length: 20 }, () => unlock(share.id, undefined)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = replies.filter((r) => r.status === 403);
    expect(refused).toHaveLength(19);
    expect(
      refused.every((r) => r.body.error.code === 'DEVICE_BOUND' && r.body.error.message === 'This link is bound to another device.'),
    ).toBe(true);
  });

  it('lets the bound device in again, and another device after the owner resets the binding', async () => {
    await setPolicy({ deviceBindingEnabled: true });
    const share = (await createShare({ deviceBinding: true })).body;
    const first = deviceId();
    const second = deviceId();
    expect((await unlock(share.id, share.password, first)).status).toBe(200);
    expect((await unlock(share.id, share.password, first)).status).toBe(200);
    expect((await unlock(share.id, share.password, second)).body.error.code).toBe('DEVICE_BOUND');
    const reset = await call('PATCH', `/api/shares/${share.id}`, { token: owner, body: { resetDeviceBinding: true } });
    expect(reset.status).toBe(200);
    expect((await unlock(share.id, share.password, second)).status).toBe(200);
    expect((await unlock(share.id, share.password, first)).body.error.code).toBe('DEVICE_BOUND');
  });
});

describe('managing a link', () => {
  it('revokes earlier tokens when the password is regenerated', async () => {
    const share = (await createShare()).body;
    const token = (await unlock(share.id, share.password)).body.token;
    const changed = await call('PATCH', `/api/shares/${share.id}`, { token: owner, body: { regeneratePassword: true } });
    expect(changed.status).toBe(200);
    expect(changed.body.password).toMatch(/^[2-9a-zA-Z]{8}$/);
    expect(changed.body.password).not.toBe(share.password);
    const old = await call('GET', `/api/public/shares/${share.id}/files`, { token });
    expect(old.body.error.code).toBe('INVALID_TOKEN');
    expect((await unlock(share.id, share.password)).body.error.code).toBe('WRONG_PASSWORD');
    expect((await unlock(share.id, changed.body.password)).status).toBe(200);
  });

  it('changes expiry and the download switch, within the policy', async () => {
    const share = (await createShare()).body;
    const at = new Date(Date.now() + 3 * 86400_000).toISOString();
    const changed = await call('PATCH', `/api/shares/${share.id}`, { token: owner, body: { expiry: { at }, allowDownload: false } });
    expect(changed.body).toMatchObject({ expiresAt: at, allowDownload: false });
    await setPolicy({ maxExpiryDays: 10 });
    const tooFar = await call('PATCH', `/api/shares/${share.id}`, { token: owner, body: { expiry: { days: 11 } } });
    expect(tooFar.body.error.code).toBe('POLICY_VIOLATION');
    await setPolicy({});
    expect((await call('PATCH', `/api/shares/${share.id}`, { token: owner, body: {} })).status).toBe(400);
    expect((await call('PATCH', `/api/shares/${share.id}`, { token: admin, body: { allowDownload: true } })).status).toBe(404);
  });

  it('shows the unlock, each download and each denial in the access log, newest first', async () => {
    const share = (await createShare({ maxDownloads: 2 })).body;
    await unlock(share.id, 'wrong-password');
    const token = (await unlock(share.id, share.password)).body.token;
    const [entry] = (await call('GET', `/api/public/shares/${share.id}/files`, { token })).body.entries;
    const downloads = [];
    for (let i = 0; i < 3; i++)
      downloads.push(await call('POST', `/api/public/shares/${share.id}/downloads`, { token, body: { fileId: entry.fileId } }));
    expect(downloads.map((d) => d.status)).toEqual([200, 200, 403]);
    expect(downloads[2]!.body.error.code).toBe('DOWNLOAD_LIMIT_REACHED');
    const log = await call('GET', `/api/shares/${share.id}/events`, { token: owner });
    expect(log.status).toBe(200);
    expect(log.body.events.map((e: { kind: string }) => e.kind)).toEqual([
      'denied:DOWNLOAD_LIMIT_REACHED',
      'download',
      'download',
      'unlock',
      'denied:WRONG_PASSWORD',
    ]);
    expect(log.body.events[1].file).toBe('policy.bin');
    expect((await call('GET', `/api/shares/${share.id}`, { token: owner })).body.downloadCount).toBe(2);
    expect((await call('GET', `/api/shares/${share.id}/events`, { token: admin })).status).toBe(404);
  });
});

describe('personal notification settings', () => {
  it('lets users set their sender in user mode and refuses it in admin mode (409)', async () => {
    await setPolicy({});
    // The verified sign-in address is proved already; any other address needs a code (hardening.test.ts).
    const saved = await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: demoEmail } });
    expect(saved.status).toBe(200);
    expect((await call('GET', '/api/me', { token: owner })).body.notification).toEqual({
      mode: 'user',
      sender: demoEmail,
      editable: true,
    });
    await setPolicy({ adminNotificationSender: 'noreply@example.com' });
    const refused = await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: 'x@example.com' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ADMIN_SENDER_ENFORCED');
    expect((await call('GET', '/api/me', { token: owner })).body.notification).toEqual({
      mode: 'admin',
      sender: 'noreply@example.com',
      editable: false,
    });
    await setPolicy({});
    // Leave the demo owner as other files expect it: no sender of their own.
    expect((await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: null } })).status).toBe(200);
  });
});

describe('previews when downloads are off', () => {
  it('never hands out the PDF itself: a rendered page instead, no download, and the preview logged', async () => {
    const pdfPath = uniquePath('brochure.pdf');
    await upload(owner, pdfPath, new TextEncoder().encode('%PDF-1.4 tiny'), 'application/pdf');
    const share = (
      await call('POST', '/api/shares', {
        token: owner,
        body: { items: [{ path: pdfPath }], allowDownload: false, password: { mode: 'none' } },
      })
    ).body;
    const token = (await unlock(share.id, undefined)).body.token;
    const [entry] = (await call('GET', `/api/public/shares/${share.id}/files`, { token })).body.entries;
    expect(
      (await call('POST', `/api/public/shares/${share.id}/downloads`, { token, body: { fileId: entry.fileId } })).body.error.code,
    ).toBe('DOWNLOAD_DISABLED');
    // A broken PDF: the renderer refuses it, and the original is still not handed out.
    const preview = await call('POST', `/api/public/shares/${share.id}/previews`, { token, body: { fileId: entry.fileId } });
    expect(preview.status).toBe(422);
    expect(preview.body.error.code).toBe('PREVIEW_FAILED');
    expect(JSON.stringify(preview.body)).not.toContain('/users/');
    expect((await call('GET', `/api/shares/${share.id}`, { token: owner })).body.downloadCount).toBe(0);
  });

  it('refuses to preview HTML', async () => {
    const htmlPath = uniquePath('page.html');
    await upload(owner, htmlPath, new TextEncoder().encode('<script>alert(1)</script>'), 'text/html');
    const share = (await call('POST', '/api/shares', { token: owner, body: { items: [{ path: htmlPath }], password: { mode: 'none' } } }))
      .body;
    const token = (await unlock(share.id, undefined)).body.token;
    const [entry] = (await call('GET', `/api/public/shares/${share.id}/files`, { token })).body.entries;
    const preview = await call('POST', `/api/public/shares/${share.id}/previews`, { token, body: { fileId: entry.fileId } });
    expect(preview.status).toBe(415);
    expect(preview.body.error.code).toBe('PREVIEW_UNAVAILABLE');
  });
});

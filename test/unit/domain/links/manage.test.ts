import { beforeEach, describe, expect, it } from 'vitest';
import { eventsQuerySchema, listShareEvents, updateShare, updateShareSchema } from '../../../../functions/lib/domain/links/manage.js';
import { verifyPassword } from '../../../../functions/lib/domain/passwords.js';
import { authorize, unlockShare } from '../../../../functions/lib/domain/recipient/access.js';
import type { Share } from '../../../../functions/lib/domain/share.js';
import { deviceHash } from '../../../../functions/lib/domain/tokens.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { DAY, MINUTE, NOW, OTHER_OWNER, OWNER, aShare, aShareId } from '../../fixtures.js';

const BASE_URL = 'https://share.example.com';
const KEY = Buffer.from('manage-share-test-key');
const RECIPIENT = { sourceIp: '198.51.100.1', userAgent: 'UA' };
let shares: MemoryShareRepository;
const deps = (nowMs = NOW) => ({ shares, baseUrl: BASE_URL, nowMs });
const recipientDeps = (nowMs = NOW) => {
  const security = new MemorySecurityStore();
  return { shares, files: new MemoryFileStore(), counters: security, outbox: security, signingKey: KEY, nowMs };
};
const edit = (share: Share, body: Record<string, unknown>, userId = OWNER.userId, nowMs = NOW) =>
  updateShare(deps(nowMs), userId, share.id, updateShareSchema.parse(body));

beforeEach(() => {
  shares = new MemoryShareRepository();
});

describe('editing a share link', () => {
  it("is 404 NOT_FOUND for another owner's link or an unknown one, and changes nothing", async () => {
    const share = shares.put(aShare());
    await expect(edit(share, { allowDownload: false }, OTHER_OWNER.userId)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(updateShare(deps(), OWNER.userId, aShareId(), { allowDownload: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await shares.get(share.id))!.allowDownload).toBe(true);
  });

  it('is refused for a cancelled link (409 CONFLICT)', async () => {
    const share = shares.put(aShare({ status: 'cancelled' }));
    await expect(edit(share, { allowDownload: false })).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
  });

  it('needs at least one change', () => {
    expect(updateShareSchema.safeParse({}).success).toBe(false);
    expect(updateShareSchema.safeParse({ regeneratePassword: false }).success).toBe(false);
    expect(updateShareSchema.safeParse({ status: 'active' }).success).toBe(false);
  });

  it('changes the expiry within tenant policy', async () => {
    shares.tenant.maxExpiryDays = 30;
    const share = shares.put(aShare());
    await expect(edit(share, { expiry: { days: 30 } })).resolves.toMatchObject({ expiresAt: new Date(NOW + 30 * DAY).toISOString() });
    await expect(edit(share, { expiry: { days: 31 } })).rejects.toMatchObject({ code: 'POLICY_VIOLATION' });
    await expect(edit(share, { expiry: { never: true } })).rejects.toMatchObject({ code: 'POLICY_VIOLATION' });
    expect((await shares.get(share.id))!.expiresAt).toBe(new Date(NOW + 30 * DAY).toISOString());
  });

  it('gives an expired link a new life when the owner extends it', async () => {
    const share = shares.put(aShare({ expiresAt: new Date(NOW - DAY).toISOString() }));
    const view = await edit(share, { expiry: { days: 1 } });
    expect(view.status).toBe('active');
  });

  it('turns downloads off and sets a download limit', async () => {
    const share = shares.put(aShare());
    const view = await edit(share, { allowDownload: false, maxDownloads: 5 });
    expect(view).toMatchObject({ allowDownload: false, maxDownloads: 5 });
    expect(await shares.get(share.id)).toMatchObject({ allowDownload: false, maxDownloads: 5 });
  });

  it('regenerates the password: shown once, stored as a hash, and every earlier token stops working', async () => {
    const share = shares.put(aShare());
    const { token } = await unlockShare(recipientDeps(), share.id, { deviceId: 'device-aaaaaaaa' }, RECIPIENT);
    const view = await edit(share, { regeneratePassword: true });
    expect(view.password).toMatch(/^[23456789a-km-zA-HJ-NP-Z]{8}$/);
    expect(view.requiresPassword).toBe(true);
    const stored = (await shares.get(share.id))!;
    expect(stored.passwordVersion).toBe(share.passwordVersion + 1);
    expect(JSON.stringify(stored)).not.toContain(view.password!);
    expect(await verifyPassword(view.password!, stored.passwordHash!)).toBe(true);
    await expect(authorize(recipientDeps(NOW + MINUTE), share.id, `Bearer ${token}`, RECIPIENT)).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    // Other edits do not echo a password.
    expect(await edit(share, { allowDownload: false })).not.toHaveProperty('password');
  });

  it('frees a bound link for a new device', async () => {
    const share = shares.put(aShare({ deviceBinding: true, boundDevice: deviceHash('device-aaaaaaaa') }));
    await expect(unlockShare(recipientDeps(), share.id, { deviceId: 'device-bbbbbbbb' }, RECIPIENT)).rejects.toMatchObject({
      code: 'DEVICE_BOUND',
    });
    const view = await edit(share, { resetDeviceBinding: true });
    expect(view.deviceBound).toBe(false);
    await expect(unlockShare(recipientDeps(), share.id, { deviceId: 'device-bbbbbbbb' }, RECIPIENT)).resolves.toHaveProperty('token');
    expect((await shares.get(share.id))!.boundDevice).toBe(deviceHash('device-bbbbbbbb'));
  });

  it("revokes the old device's token when the binding is reset, before any other device binds", async () => {
    const share = shares.put(aShare({ deviceBinding: true }));
    const { token } = await unlockShare(recipientDeps(), share.id, { deviceId: 'device-aaaaaaaa' }, RECIPIENT);
    await expect(authorize(recipientDeps(), share.id, `Bearer ${token}`, RECIPIENT)).resolves.toMatchObject({ share: { id: share.id } });
    await edit(share, { resetDeviceBinding: true });
    expect((await shares.get(share.id))!.accessVersion).toBe(1);
    await expect(authorize(recipientDeps(NOW + MINUTE), share.id, `Bearer ${token}`, RECIPIENT)).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });

  it('refuses to reset device binding on a link without it', async () => {
    const share = shares.put(aShare({ deviceBinding: false }));
    await expect(edit(share, { resetDeviceBinding: true })).rejects.toMatchObject({ code: 'POLICY_VIOLATION' });
  });

  it('never shows the password hash or the bound device', async () => {
    const share = shares.put(aShare({ passwordHash: 'scrypt$1$2$3$salt$hash', deviceBinding: true, boundDevice: 'device-hash-xyz' }));
    const json = JSON.stringify(await edit(share, { allowDownload: false }));
    expect(json).not.toContain('scrypt$');
    expect(json).not.toContain('device-hash-xyz');
  });
});

describe("a link's access log", () => {
  it('lists unlocks, downloads and denials newest first, page by page', async () => {
    const share = shares.put(aShare());
    const kinds = ['unlock', 'download', 'denied:WRONG_PASSWORD'] as const;
    for (let i = 0; i < 3; i++) {
      await shares.addEvent(
        share.id,
        { kind: kinds[i]!, at: new Date(NOW + i * MINUTE).toISOString(), client: 'c', userAgent: 'ua' },
        share.expiresAt,
      );
    }
    const first = await listShareEvents(deps(), OWNER.userId, share.id, eventsQuerySchema.parse({ limit: '2' }));
    expect(first.events.map((e) => e.kind)).toEqual(['denied:WRONG_PASSWORD', 'download']);
    const second = await listShareEvents(deps(), OWNER.userId, share.id, eventsQuerySchema.parse({ limit: '2', cursor: first.nextCursor }));
    expect(second.events.map((e) => e.kind)).toEqual(['unlock']);
    expect(second.nextCursor).toBeNull();
  });

  it("is 404 NOT_FOUND for another owner's link", async () => {
    const share = shares.put(aShare());
    await expect(listShareEvents(deps(), OTHER_OWNER.userId, share.id, eventsQuerySchema.parse({}))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

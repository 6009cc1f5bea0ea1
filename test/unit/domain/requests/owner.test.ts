import { beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../../../functions/lib/domain/passwords.js';
import {
  cancelRequest,
  createRequest,
  createRequestSchema,
  getOwnerRequest,
  listOwnerRequests,
  listRequestEvents,
  updateRequest,
  type RequestOwnerDeps,
} from '../../../../functions/lib/domain/requests/owner.js';
import { saveTenantSettings, tenantSettingsSchema } from '../../../../functions/lib/domain/settings/settings.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../../../../functions/lib/domain/settings/policy.js';
import { MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MemoryRequestRepository } from '../../../support/memory-requests.js';
import { DAY, NOW, OTHER_OWNER, OWNER, failureOf } from '../../fixtures.js';

let requests: MemoryRequestRepository;
let tenant: TenantSettings;

const deps = (nowMs = NOW): RequestOwnerDeps => ({ requests, tenant: async () => tenant, baseUrl: 'https://files.example.com/', nowMs });
const create = (body: Record<string, unknown>, owner = OWNER, nowMs = NOW) =>
  createRequest(deps(nowMs), owner, createRequestSchema.parse({ folder: 'in/', title: 'Send me your files', ...body }));

beforeEach(() => {
  requests = new MemoryRequestRepository();
  tenant = { ...DEFAULT_TENANT_SETTINGS };
});

describe('creating a file request', () => {
  it('answers the link /r/<id> and a generated password shown once, storing only its hash', async () => {
    const created = await create({ maxFiles: 3, notifyOnUpload: true, message: ' Hello ' });
    expect(created.url).toBe(`https://files.example.com/r/${created.id}`);
    expect(created.password).toMatch(/^[2-9a-zA-Z]{8}$/);
    expect(created).toMatchObject({ status: 'active', folder: 'in/', maxFiles: 3, message: 'Hello', requiresPassword: true });
    const stored = requests.requests.get(created.id)!;
    expect(JSON.stringify(stored)).not.toContain(created.password);
    expect(await verifyPassword(created.password!, stored.passwordHash!)).toBe(true);
  });

  it("uses the tenant's default total size and expiry when the owner sets none", async () => {
    tenant = { ...tenant, defaultRequestMaxBytes: 123_456, defaultExpiryDays: 3 };
    const created = await create({ password: { mode: 'none' } });
    expect(created).toMatchObject({
      maxBytes: 123_456,
      maxFiles: null,
      requiresPassword: false,
      expiresAt: new Date(NOW + 3 * DAY).toISOString(),
    });
    expect(created).not.toHaveProperty('password');
  });

  it('refuses with 400 POLICY_VIOLATION when file requests are off, or a password is required and none is set', async () => {
    tenant = { ...tenant, fileRequestsEnabled: false };
    expect(await failureOf(create({}))).toMatchObject({ code: 'POLICY_VIOLATION', status: 400 });
    tenant = { ...tenant, fileRequestsEnabled: true, requirePassword: true };
    expect(await failureOf(create({ password: { mode: 'none' } }))).toMatchObject({ code: 'POLICY_VIOLATION' });
    tenant = { ...tenant, maxExpiryDays: 10 };
    expect(await failureOf(create({ expiry: { days: 30 } }))).toMatchObject({ code: 'POLICY_VIOLATION' });
  });
});

describe("the owner's requests", () => {
  it('lists them newest first by status, and never another owner’s', async () => {
    const old = await create({ title: 'old' }, OWNER, NOW - 2 * DAY);
    const fresh = await create({ title: 'fresh' });
    await create({ title: 'theirs' }, OTHER_OWNER);
    await cancelRequest(deps(), OWNER.userId, old.id);
    expect((await listOwnerRequests(deps(), OWNER.userId, { status: 'all', limit: 25 })).requests.map((r) => r.title)).toEqual([
      'fresh',
      'old',
    ]);
    expect((await listOwnerRequests(deps(), OWNER.userId, { status: 'cancelled', limit: 25 })).requests.map((r) => r.id)).toEqual([old.id]);
    expect((await listOwnerRequests(deps(), OWNER.userId, { status: 'active', limit: 25 })).requests.map((r) => r.id)).toEqual([fresh.id]);
  });

  it('hides another owner’s request as not found, for reading, changing, cancelling and its events', async () => {
    const theirs = await create({}, OTHER_OWNER);
    for (const attempt of [
      getOwnerRequest(deps(), OWNER.userId, theirs.id),
      updateRequest(deps(), OWNER.userId, theirs.id, { title: 'mine now' }),
      cancelRequest(deps(), OWNER.userId, theirs.id),
      listRequestEvents(deps(), OWNER.userId, theirs.id, { limit: 10 }),
    ]) {
      expect(await failureOf(attempt)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    }
    expect(requests.requests.get(theirs.id)).toMatchObject({ status: 'active', title: 'Send me your files' });
  });

  it('changes the expiry within the policy, and refuses changes to a cancelled request', async () => {
    const created = await create({});
    const changed = await updateRequest(deps(), OWNER.userId, created.id, { expiry: { days: 30 }, notifyOnUpload: true });
    expect(changed).toMatchObject({ expiresAt: new Date(NOW + 30 * DAY).toISOString(), notifyOnUpload: true });
    await cancelRequest(deps(), OWNER.userId, created.id);
    await cancelRequest(deps(), OWNER.userId, created.id);
    expect(await failureOf(updateRequest(deps(), OWNER.userId, created.id, { title: 'x' }))).toMatchObject({ code: 'CONFLICT' });
  });

  it('shows what arrived, by uploader, with the folder each went to', async () => {
    const created = await create({});
    const visit = (visitId: string, uploader: string, createdAt: string) =>
      requests.createVisit({
        requestId: created.id,
        visitId,
        uploader,
        email: null,
        client: 'c',
        userAgent: 'u',
        createdAt,
        expiresAt: createdAt,
        pending: 0,
        files: 1,
        bytes: 5,
        emailedFiles: 0,
      });
    await visit('v1', 'Ana', '2026-03-01T10:00:00.000Z');
    await visit('v2', 'Bo', '2026-03-01T11:00:00.000Z');
    const upload = { requestId: created.id, size: 5, contentType: 'x/y', createdAt: '', deadline: '' };
    requests.uploads.set('a', {
      ...upload,
      visitId: 'v1',
      uploadId: 'u1',
      state: 'stored',
      name: 'a.pdf',
      storedName: 'a (2).pdf',
      path: 'in/Ana/a (2).pdf',
    });
    requests.uploads.set('b', { ...upload, visitId: 'v2', uploadId: 'u2', state: 'aborted', name: 'b.pdf', path: 'in/Bo/b.pdf' });
    const { received } = await getOwnerRequest(deps(), OWNER.userId, created.id);
    expect(received).toEqual({
      uploaders: [
        {
          visitId: 'v1',
          name: 'Ana',
          email: null,
          at: '2026-03-01T10:00:00.000Z',
          folder: 'in/Ana/',
          bytes: 5,
          files: [{ path: 'in/Ana/a (2).pdf', name: 'a (2).pdf', size: 5, at: null }],
        },
      ],
      truncated: false,
    });
  });
});

describe('tenant settings added later', () => {
  it('keep their stored value when PUT leaves them out, and are always in the answer', async () => {
    const shares = new MemoryShareRepository();
    const firstRound = {
      adminNotificationSender: null,
      deviceBindingEnabled: false,
      requirePassword: false,
      defaultExpiryDays: 7,
      maxExpiryDays: null,
    };
    expect(
      await saveTenantSettings(
        shares,
        { mode: 'local' },
        tenantSettingsSchema.parse({ ...firstRound, fileRequestsEnabled: false, defaultRequestMaxBytes: 1000 }),
      ),
    ).toMatchObject({
      fileRequestsEnabled: false,
      defaultRequestMaxBytes: 1000,
    });
    const saved = await saveTenantSettings(shares, { mode: 'local' }, tenantSettingsSchema.parse({ ...firstRound, requirePassword: true }));
    expect(saved).toEqual({
      ...firstRound,
      requirePassword: true,
      fileRequestsEnabled: false,
      defaultRequestMaxBytes: 1000,
      dailyPartnerEmailLimit: 200,
    });
    expect(await shares.getTenantSettings()).toEqual(saved);
    expect(tenantSettingsSchema.safeParse({ ...firstRound, defaultRequestMaxBytes: 0 }).success).toBe(false);
  });
});

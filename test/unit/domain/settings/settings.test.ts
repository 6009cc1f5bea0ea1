import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_SETTINGS } from '../../../../functions/lib/domain/settings/policy.js';
import {
  saveTenantSettings,
  saveUserSettings,
  tenantSettingsSchema,
  userSettingsSchema,
} from '../../../../functions/lib/domain/settings/settings.js';
import { currentSender, type SenderIdentity } from '../../../../functions/lib/domain/senders.js';
import { MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { OWNER } from '../../fixtures.js';

let shares: MemoryShareRepository;
let proofs: MemorySecurityStore;
let identity: SenderIdentity;
const NOW = Date.parse('2026-03-01T09:30:00Z');
const deps = () => ({ shares, proofs, identity, nowMs: NOW });
/** The caller as the API sees them: OWNER's sign-in address is verified. */
const CALLER = { userId: OWNER.userId, email: OWNER.email };

beforeEach(() => {
  shares = new MemoryShareRepository();
  proofs = new MemorySecurityStore();
  identity = { mode: 'local' };
});

describe('the sender that applies', () => {
  it('is the administrator sender, not editable, when one is set: no proof needed', async () => {
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    shares.userSettings.set(OWNER.userId, { notificationSender: 'me@example.com' });
    expect(await currentSender(deps(), OWNER.userId)).toEqual({ mode: 'admin', sender: 'noreply@corp.example', editable: false });
  });

  it("is the user's own, editable, only once proved", async () => {
    shares.userSettings.set(OWNER.userId, { notificationSender: 'me@example.com' });
    expect(await currentSender(deps(), OWNER.userId)).toEqual({ mode: 'user', sender: null, editable: true });
    proofs.proven(OWNER.userId, 'me@example.com');
    expect(await currentSender(deps(), OWNER.userId)).toEqual({ mode: 'user', sender: 'me@example.com', editable: true });
  });

  it("does not count another user's proof", async () => {
    shares.userSettings.set(OWNER.userId, { notificationSender: 'me@example.com' });
    proofs.proven('someone-else', 'me@example.com');
    expect((await currentSender(deps(), OWNER.userId)).sender).toBeNull();
  });

  it('is none outside the SES identity, and none at all when the deployment sends no email', async () => {
    shares.userSettings.set(OWNER.userId, { notificationSender: 'me@example.com' });
    proofs.proven(OWNER.userId, 'me@example.com');
    identity = { mode: 'domain', domain: 'corp.example' };
    expect((await currentSender(deps(), OWNER.userId)).sender).toBeNull();
    identity = { mode: 'off' };
    expect(await currentSender(deps(), OWNER.userId)).toEqual({ mode: 'user', sender: null, editable: false });
  });
});

describe('personal settings', () => {
  it('take the verified sign-in address as sender, and record that proof', async () => {
    await expect(saveUserSettings(deps(), CALLER, { notificationSender: OWNER.email })).resolves.toEqual({
      mode: 'user',
      sender: OWNER.email,
      editable: true,
    });
    expect(await shares.getUserSettings(OWNER.userId)).toEqual({ notificationSender: OWNER.email });
    expect(await proofs.get(OWNER.userId, OWNER.email)).toMatchObject({ provenBy: 'sign-in', provenAt: '2026-03-01T09:30:00.000Z' });
  });

  it('refuse an address nobody proved (400 SENDER_NOT_VERIFIED), and save nothing', async () => {
    await expect(saveUserSettings(deps(), CALLER, { notificationSender: 'ceo@example.com' })).rejects.toMatchObject({
      code: 'SENDER_NOT_VERIFIED',
      status: 400,
      message: expect.stringContaining('Confirm ceo@example.com first'),
    });
    expect(await shares.getUserSettings(OWNER.userId)).toEqual({ notificationSender: null });
  });

  it('refuse the sign-in address when Cognito has not verified it', async () => {
    await expect(saveUserSettings(deps(), { userId: OWNER.userId, email: '' }, { notificationSender: OWNER.email })).rejects.toMatchObject({
      code: 'SENDER_NOT_VERIFIED',
    });
  });

  it('take an address confirmed with a code earlier, in any case', async () => {
    proofs.proven(OWNER.userId, 'files@example.com');
    await expect(saveUserSettings(deps(), CALLER, { notificationSender: 'Files@Example.com' })).resolves.toMatchObject({
      sender: 'files@example.com',
    });
  });

  it('refuse a proved address outside the SES identity (400 SENDER_NOT_ALLOWED), and any when email is off (400 EMAIL_DISABLED)', async () => {
    identity = { mode: 'domain', domain: 'corp.example' };
    await expect(saveUserSettings(deps(), CALLER, { notificationSender: OWNER.email })).rejects.toMatchObject({
      code: 'SENDER_NOT_ALLOWED',
      message: 'Email can only come from addresses at corp.example in this deployment.',
    });
    identity = { mode: 'off' };
    await expect(saveUserSettings(deps(), CALLER, { notificationSender: OWNER.email })).rejects.toMatchObject({ code: 'EMAIL_DISABLED' });
  });

  it('can always clear the sender', async () => {
    identity = { mode: 'off' };
    await expect(saveUserSettings(deps(), CALLER, { notificationSender: null })).resolves.toMatchObject({ sender: null });
  });

  it('cannot change the sender while the administrator enforces one (409 ADMIN_SENDER_ENFORCED)', async () => {
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    await expect(saveUserSettings(deps(), CALLER, { notificationSender: OWNER.email })).rejects.toMatchObject({
      code: 'ADMIN_SENDER_ENFORCED',
      status: 409,
    });
    expect(await shares.getUserSettings(OWNER.userId)).toEqual({ notificationSender: null });
  });

  it('take an email address or null, nothing else', () => {
    expect(userSettingsSchema.safeParse({ notificationSender: null }).success).toBe(true);
    expect(userSettingsSchema.safeParse({ notificationSender: 'not an email' }).success).toBe(false);
    expect(userSettingsSchema.safeParse({ notificationSender: 'a@example.com\r\nBcc: x@evil.example' }).success).toBe(false);
    expect(userSettingsSchema.safeParse({}).success).toBe(false);
  });
});

describe('tenant settings', () => {
  const valid = {
    adminNotificationSender: null,
    deviceBindingEnabled: true,
    requirePassword: false,
    defaultExpiryDays: 7,
    maxExpiryDays: 30,
  };

  it('accept a complete, consistent policy', () => {
    expect(tenantSettingsSchema.parse(valid)).toEqual(valid);
    expect(tenantSettingsSchema.safeParse({ ...valid, maxExpiryDays: null, defaultExpiryDays: 3650 }).success).toBe(true);
  });

  it('refuse a default expiry above the maximum, naming the field', () => {
    const result = tenantSettingsSchema.safeParse({ ...valid, defaultExpiryDays: 31 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['defaultExpiryDays']);
  });

  it('refuse unknown fields, missing fields and out-of-range days', () => {
    expect(tenantSettingsSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    const { requirePassword: _, ...missing } = valid;
    expect(tenantSettingsSchema.safeParse(missing).success).toBe(false);
    expect(tenantSettingsSchema.safeParse({ ...valid, defaultExpiryDays: 0 }).success).toBe(false);
    expect(tenantSettingsSchema.safeParse({ ...valid, maxExpiryDays: 1.5 }).success).toBe(false);
    expect(tenantSettingsSchema.safeParse({ ...valid, dailyPartnerEmailLimit: 0 }).success).toBe(false);
  });

  it('leave a later setting unchanged when it is left out, and always give it back', async () => {
    shares.tenant.dailyPartnerEmailLimit = 50;
    const saved = await saveTenantSettings(shares, identity, tenantSettingsSchema.parse(valid));
    expect(saved).toEqual({ ...DEFAULT_TENANT_SETTINGS, ...valid, dailyPartnerEmailLimit: 50 });
    expect(await saveTenantSettings(shares, identity, tenantSettingsSchema.parse({ ...valid, dailyPartnerEmailLimit: 20 }))).toMatchObject({
      dailyPartnerEmailLimit: 20,
    });
    expect((await shares.getTenantSettings()).dailyPartnerEmailLimit).toBe(20);
  });

  it('take a system sender without a code, but only within the SES identity, checked when saved', async () => {
    identity = { mode: 'address', address: 'noreply@corp.example' };
    const withSender = (adminNotificationSender: string) => tenantSettingsSchema.parse({ ...valid, adminNotificationSender });
    await expect(saveTenantSettings(shares, identity, withSender('ceo@corp.example'))).rejects.toMatchObject({
      code: 'SENDER_NOT_ALLOWED',
      status: 400,
      message: 'Email can only come from noreply@corp.example in this deployment.',
    });
    expect(shares.tenant.adminNotificationSender).toBeNull();
    await expect(saveTenantSettings(shares, identity, withSender('noreply@corp.example'))).resolves.toMatchObject({
      adminNotificationSender: 'noreply@corp.example',
    });
    identity = { mode: 'off' };
    await expect(saveTenantSettings(shares, identity, withSender('noreply@corp.example'))).rejects.toMatchObject({
      code: 'EMAIL_DISABLED',
    });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_SETTINGS } from '../../../functions/lib/domain/settings/policy.js';
import {
  notificationSettings,
  saveUserSettings,
  tenantSettingsSchema,
  userSettingsSchema,
} from '../../../functions/lib/domain/settings/settings.js';
import { MemoryShareRepository } from '../../support/memory-adapters.js';
import { OWNER } from '../fixtures.js';

let shares: MemoryShareRepository;
beforeEach(() => {
  shares = new MemoryShareRepository();
});

describe('notification sender', () => {
  it('is the administrator sender, not editable, when one is set', () => {
    const tenant = { ...DEFAULT_TENANT_SETTINGS, adminNotificationSender: 'noreply@corp.example' };
    expect(notificationSettings(tenant, { notificationSender: 'me@example.com' })).toEqual({
      mode: 'admin',
      sender: 'noreply@corp.example',
      editable: false,
    });
  });

  it("is the user's own, editable, when no administrator sender is set", () => {
    expect(notificationSettings(DEFAULT_TENANT_SETTINGS, { notificationSender: 'me@example.com' })).toEqual({
      mode: 'user',
      sender: 'me@example.com',
      editable: true,
    });
    expect(notificationSettings(DEFAULT_TENANT_SETTINGS, { notificationSender: null }).sender).toBeNull();
  });
});

describe('personal settings', () => {
  it('save the user sender in user mode', async () => {
    await expect(saveUserSettings(shares, OWNER.userId, { notificationSender: 'me@example.com' })).resolves.toEqual({
      mode: 'user',
      sender: 'me@example.com',
      editable: true,
    });
    expect(await shares.getUserSettings(OWNER.userId)).toEqual({ notificationSender: 'me@example.com' });
  });

  it('cannot change the sender while the administrator enforces one (409 ADMIN_SENDER_ENFORCED)', async () => {
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    await expect(saveUserSettings(shares, OWNER.userId, { notificationSender: 'me@example.com' })).rejects.toMatchObject({
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
  });
});

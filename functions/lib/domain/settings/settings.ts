import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import type { ShareRepository, UserSettings } from '../ports.js';
import { MAX_REQUEST_BYTES } from '../requests/limits.js';
import type { TenantSettings } from './policy.js';

/**
 * Which sender applies to a user's emails: the administrator's system sender when one
 * is set (users cannot change it), otherwise the user's own.
 */
export function notificationSettings(tenant: TenantSettings, user: { notificationSender: string | null }) {
  return tenant.adminNotificationSender
    ? { mode: 'admin' as const, sender: tenant.adminNotificationSender, editable: false }
    : { mode: 'user' as const, sender: user.notificationSender, editable: true };
}

/** An email address as SMTP allows it (at most 254 characters). */
export const emailSchema = z.email().check(z.maxLength(254));
const expiryDaysSchema = z.int().check(z.minimum(1), z.maximum(3650));

export const tenantSettingsSchema = z
  .strictObject({
    adminNotificationSender: z.nullable(emailSchema),
    deviceBindingEnabled: z.boolean(),
    requirePassword: z.boolean(),
    defaultExpiryDays: expiryDaysSchema,
    maxExpiryDays: z.nullable(expiryDaysSchema),
    // Added after the first release: optional here (absent = unchanged), always present in GET.
    fileRequestsEnabled: z.optional(z.boolean()),
    defaultRequestMaxBytes: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_REQUEST_BYTES))),
  })
  .check(
    z.refine((s) => s.maxExpiryDays === null || s.defaultExpiryDays <= s.maxExpiryDays, {
      message: 'must not exceed maxExpiryDays',
      path: ['defaultExpiryDays'],
    }),
  );

export type TenantSettingsInput = z.output<typeof tenantSettingsSchema>;

/** Saves the administrator's settings; the later, optional ones keep their stored value when absent. */
export async function saveTenantSettings(shares: ShareRepository, input: TenantSettingsInput): Promise<TenantSettings> {
  const current = await shares.getTenantSettings();
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<TenantSettings>;
  const settings: TenantSettings = { ...current, ...given };
  await shares.putTenantSettings(settings);
  return settings;
}

export const userSettingsSchema = z.strictObject({
  notificationSender: z.nullable(emailSchema),
});

/** Users set their own sender only while the administrator has not set a system sender. */
export async function saveUserSettings(shares: ShareRepository, userId: string, settings: UserSettings) {
  const tenant = await shares.getTenantSettings();
  if (tenant.adminNotificationSender) {
    throw new AppError(
      'ADMIN_SENDER_ENFORCED',
      `Emails are sent from the administrator's address ${tenant.adminNotificationSender}; it cannot be changed here.`,
    );
  }
  await shares.putUserSettings(userId, settings);
  return notificationSettings(tenant, settings);
}

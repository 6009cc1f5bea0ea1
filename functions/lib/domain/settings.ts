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

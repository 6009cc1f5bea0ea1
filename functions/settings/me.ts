import { defineRoute } from '../lib/http/handler.js';
import { notificationSettings } from '../lib/domain/settings/settings.js';
import { shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('me', {}, async ({ caller }) => {
  const shares = shareRepository();
  const [tenant, user] = await Promise.all([shares.getTenantSettings(), shares.getUserSettings(caller.userId)]);
  return {
    body: {
      userId: caller.userId,
      email: caller.email,
      isAdmin: caller.isAdmin,
      notification: notificationSettings(tenant, user),
      policy: {
        deviceBindingEnabled: tenant.deviceBindingEnabled,
        requirePassword: tenant.requirePassword,
        defaultExpiryDays: tenant.defaultExpiryDays,
        maxExpiryDays: tenant.maxExpiryDays,
        fileRequestsEnabled: tenant.fileRequestsEnabled,
        defaultRequestMaxBytes: tenant.defaultRequestMaxBytes,
      },
    },
  };
});

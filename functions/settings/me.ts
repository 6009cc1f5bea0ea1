import { defineRoute } from '../lib/http/handler.js';
import { currentSender, describeIdentity, emailEnabled } from '../lib/domain/senders.js';
import { config } from '../lib/config.js';
import { senderDeps } from '../lib/wiring.js';

export const handler = defineRoute('me', {}, async ({ caller }) => {
  const deps = senderDeps();
  const tenant = await deps.shares.getTenantSettings();
  const identity = config().senderIdentity;
  return {
    body: {
      userId: caller.userId,
      email: caller.email,
      name: caller.name ?? null,
      isAdmin: caller.isAdmin,
      notification: await currentSender(deps, caller.userId, tenant),
      // Whether this deployment sends email at all, and from which addresses (the web app says so up front).
      emailSending: { enabled: emailEnabled(identity), mode: identity.mode, allowedSenders: describeIdentity(identity) },
      policy: {
        deviceBindingEnabled: tenant.deviceBindingEnabled,
        requirePassword: tenant.requirePassword,
        defaultExpiryDays: tenant.defaultExpiryDays,
        maxExpiryDays: tenant.maxExpiryDays,
        dailyPartnerEmailLimit: tenant.dailyPartnerEmailLimit,
        fileRequestsEnabled: tenant.fileRequestsEnabled,
        defaultRequestMaxBytes: tenant.defaultRequestMaxBytes,
      },
    },
  };
});

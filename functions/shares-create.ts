import { httpRoute } from './lib/http/handler.js';
import { fileStore } from './lib/adapters/file-store.js';
import { notificationStore } from './lib/adapters/notification-store.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { signingKey } from './lib/adapters/signing-key.js';
import { createShare, createShareSchema } from './lib/domain/create-share.js';
import { partnerPasswordHold } from './lib/domain/notifications.js';
import { publicBaseUrl } from './lib/env.js';

export const handler = httpRoute({ auth: 'owner', body: createShareSchema }, async ({ caller, body }) => ({
  status: 201,
  body: await createShare(
    { shares: shareRepository(), files: fileStore(), baseUrl: publicBaseUrl(), nowMs: Date.now(), partnerPassword: partnerPasswordHold(notificationStore(), signingKey) },
    { userId: caller.userId, email: caller.email },
    body,
  ),
}));

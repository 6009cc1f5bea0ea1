import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { tenantSettingsSchema } from './lib/domain/settings.js';

export const handler = httpRoute({ auth: 'admin', body: tenantSettingsSchema }, async ({ body }) => {
  await shareRepository().putTenantSettings(body);
  return { body };
});

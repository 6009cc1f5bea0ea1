import { defineRoute } from '../lib/http/handler.js';
import { tenantSettingsSchema } from '../lib/domain/settings/settings.js';
import { shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('admin-settings-put', { body: tenantSettingsSchema }, async ({ body }) => {
  await shareRepository().putTenantSettings(body);
  return { body };
});

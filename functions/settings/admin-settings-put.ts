import { defineRoute } from '../lib/http/handler.js';
import { saveTenantSettings, tenantSettingsSchema } from '../lib/domain/settings/settings.js';
import { shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('admin-settings-put', { body: tenantSettingsSchema }, async ({ body }) => {
  return { body: await saveTenantSettings(shareRepository(), body) };
});

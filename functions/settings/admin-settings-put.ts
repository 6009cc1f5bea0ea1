import { defineRoute } from '../lib/http/handler.js';
import { saveTenantSettings, tenantSettingsSchema } from '../lib/domain/settings/settings.js';
import { config } from '../lib/config.js';
import { shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('admin-settings-put', { body: tenantSettingsSchema }, async ({ body }) => ({
  body: await saveTenantSettings(shareRepository(), config().senderIdentity, body),
}));

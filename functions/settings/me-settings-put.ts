import { defineRoute } from '../lib/http/handler.js';
import { saveUserSettings, userSettingsSchema } from '../lib/domain/settings/settings.js';
import { shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('me-settings-put', { body: userSettingsSchema }, async ({ caller, body }) => {
  const notification = await saveUserSettings(shareRepository(), caller.userId, body);
  return { body: { ...body, notification } };
});

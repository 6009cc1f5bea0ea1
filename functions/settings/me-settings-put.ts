import { defineRoute } from '../lib/http/handler.js';
import { saveUserSettings, userSettingsSchema } from '../lib/domain/settings/settings.js';
import { clock, senderDeps } from '../lib/wiring.js';

export const handler = defineRoute('me-settings-put', { body: userSettingsSchema }, async ({ caller, body }) => {
  const notification = await saveUserSettings({ ...senderDeps(), nowMs: clock() }, caller, body);
  const notificationSender = body.notificationSender?.toLowerCase() ?? null;
  return { body: { notificationSender, notificationSenderVerified: notificationSender !== null, notification } };
});

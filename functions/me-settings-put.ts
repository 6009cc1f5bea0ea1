import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { saveUserSettings, userSettingsSchema } from './lib/domain/settings.js';

export const handler = httpRoute({ auth: 'owner', body: userSettingsSchema }, async ({ caller, body }) => {
  const notification = await saveUserSettings(shareRepository(), caller.userId, body);
  return { body: { ...body, notification } };
});

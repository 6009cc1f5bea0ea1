import { defineRoute } from '../lib/http/handler.js';
import { shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('me-settings-get', {}, async ({ caller }) => ({
  body: await shareRepository().getUserSettings(caller.userId),
}));

import { defineRoute } from '../lib/http/handler.js';
import { shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('admin-settings-get', {}, async () => ({ body: await shareRepository().getTenantSettings() }));

import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';

export const handler = httpRoute({ auth: 'owner' }, async ({ caller }) => ({ body: await shareRepository().getUserSettings(caller.userId) }));

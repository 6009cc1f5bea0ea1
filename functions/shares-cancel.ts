import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { cancelManySchema, cancelShares } from './lib/domain/owner.js';
import { publicBaseUrl } from './lib/env.js';

export const handler = httpRoute({ auth: 'owner', body: cancelManySchema }, async ({ caller, body }) => ({
  body: await cancelShares({ shares: shareRepository(), baseUrl: publicBaseUrl(), nowMs: Date.now() }, caller.userId, body.ids),
}));

import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { listOwnerShares, shareStatusQuerySchema } from './lib/domain/owner.js';
import { publicBaseUrl } from './lib/env.js';

export const handler = httpRoute({ auth: 'owner', query: shareStatusQuerySchema }, async ({ caller, query }) => ({
  body: await listOwnerShares({ shares: shareRepository(), baseUrl: publicBaseUrl(), nowMs: Date.now() }, caller.userId, query),
}));

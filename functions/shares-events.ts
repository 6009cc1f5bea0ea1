import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { eventsQuerySchema, listShareEvents } from './lib/domain/manage-share.js';
import { shareIdParamsSchema } from './lib/domain/owner.js';
import { publicBaseUrl } from './lib/env.js';

export const handler = httpRoute({ auth: 'owner', params: shareIdParamsSchema, query: eventsQuerySchema }, async ({ caller, params, query }) => ({
  body: await listShareEvents({ shares: shareRepository(), baseUrl: publicBaseUrl(), nowMs: Date.now() }, caller.userId, params.id, query),
}));

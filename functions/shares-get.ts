import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { getOwnerShare, shareIdParamsSchema } from './lib/domain/owner.js';
import { publicBaseUrl } from './lib/env.js';

export const handler = httpRoute({ auth: 'owner', params: shareIdParamsSchema }, async ({ caller, params }) => ({
  body: await getOwnerShare({ shares: shareRepository(), baseUrl: publicBaseUrl(), nowMs: Date.now() }, caller.userId, params.id),
}));

import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { updateShare, updateShareSchema } from './lib/domain/manage-share.js';
import { shareIdParamsSchema } from './lib/domain/owner.js';
import { publicBaseUrl } from './lib/env.js';

export const handler = httpRoute({ auth: 'owner', params: shareIdParamsSchema, body: updateShareSchema }, async ({ caller, params, body }) => ({
  body: await updateShare({ shares: shareRepository(), baseUrl: publicBaseUrl(), nowMs: Date.now() }, caller.userId, params.id, body),
}));

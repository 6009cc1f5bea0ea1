import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { cancelShares, shareIdParamsSchema } from './lib/domain/owner.js';
import { notFound } from './lib/errors.js';
import { publicBaseUrl } from './lib/env.js';

/** DELETE cancels the link (recipients lose access at once); the record stays for the owner's history. */
export const handler = httpRoute({ auth: 'owner', params: shareIdParamsSchema }, async ({ caller, params }) => {
  const { cancelled } = await cancelShares({ shares: shareRepository(), baseUrl: publicBaseUrl(), nowMs: Date.now() }, caller.userId, [params.id]);
  if (cancelled.length === 0) throw notFound('Share link not found.');
  return { status: 204 };
});

import { httpRoute } from './lib/http/handler.js';
import { shareRepository } from './lib/adapters/share-repository.js';
import { describeShare, publicParamsSchema, shareIdOrNotFound } from './lib/domain/recipient-access.js';

export const handler = httpRoute({ auth: 'public', params: publicParamsSchema }, async ({ params }) => ({
  body: await describeShare(shareRepository(), shareIdOrNotFound(params.id), Date.now()),
}));

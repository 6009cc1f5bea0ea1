import { defineRoute } from '../lib/http/handler.js';
import { describeShare, publicParamsSchema, shareIdOrNotFound } from '../lib/domain/recipient/access.js';
import { clock, shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('public-share-get', { params: publicParamsSchema }, async ({ params }) => ({
  body: await describeShare(shareRepository(), shareIdOrNotFound(params.id), clock()),
}));

import { defineRoute } from '../lib/http/handler.js';
import { accessSchema, publicParamsSchema, shareIdOrNotFound, unlockShare } from '../lib/domain/recipient/access.js';
import { recipientDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'public-share-access',
  { params: publicParamsSchema, body: accessSchema },
  async ({ params, body, sourceIp, userAgent }) => ({
    body: await unlockShare(await recipientDeps(), shareIdOrNotFound(params.id), body, { sourceIp, userAgent }),
  }),
);

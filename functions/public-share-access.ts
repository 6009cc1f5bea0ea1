import { httpRoute } from './lib/http/handler.js';
import { recipientDeps } from './lib/http/recipient.js';
import { accessSchema, publicParamsSchema, shareIdOrNotFound, unlockShare } from './lib/domain/recipient-access.js';

export const handler = httpRoute({ auth: 'public', params: publicParamsSchema, body: accessSchema }, async ({ params, body, sourceIp, userAgent }) => ({
  body: await unlockShare(await recipientDeps(), shareIdOrNotFound(params.id), body, { sourceIp, userAgent }),
}));

import { defineRoute } from '../lib/http/handler.js';
import { requestAccessSchema, requestIdOrNotFound, requestParamsSchema, unlockRequest } from '../lib/domain/requests/visit.js';
import { requestPublicDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'public-request-access',
  { params: requestParamsSchema, body: requestAccessSchema },
  async ({ params, body, sourceIp, userAgent }) => ({
    body: await unlockRequest(await requestPublicDeps(), requestIdOrNotFound(params.id), body, { sourceIp, userAgent }),
  }),
);

import { defineRoute } from '../lib/http/handler.js';
import { describeRequest, requestIdOrNotFound, requestParamsSchema } from '../lib/domain/requests/visit.js';
import { requestReadDeps } from '../lib/wiring.js';

export const handler = defineRoute('public-request-get', { params: requestParamsSchema }, async ({ params }) => ({
  body: await describeRequest(requestReadDeps(), requestIdOrNotFound(params.id)),
}));

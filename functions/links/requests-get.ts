import { defineRoute } from '../lib/http/handler.js';
import { getOwnerRequest, requestIdParamsSchema } from '../lib/domain/requests/owner.js';
import { requestOwnerDeps } from '../lib/wiring.js';

export const handler = defineRoute('requests-get', { params: requestIdParamsSchema }, async ({ caller, params }) => ({
  body: await getOwnerRequest(requestOwnerDeps(), caller.userId, params.id),
}));

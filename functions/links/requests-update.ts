import { defineRoute } from '../lib/http/handler.js';
import { requestIdParamsSchema, updateRequest, updateRequestSchema } from '../lib/domain/requests/owner.js';
import { requestOwnerDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'requests-update',
  { params: requestIdParamsSchema, body: updateRequestSchema },
  async ({ caller, params, body }) => ({
    body: await updateRequest(requestOwnerDeps(), caller.userId, params.id, body),
  }),
);

import { defineRoute } from '../lib/http/handler.js';
import { listRequestEvents, requestEventsQuerySchema, requestIdParamsSchema } from '../lib/domain/requests/owner.js';
import { requestOwnerDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'requests-events',
  { params: requestIdParamsSchema, query: requestEventsQuerySchema },
  async ({ caller, params, query }) => ({
    body: await listRequestEvents(requestOwnerDeps(), caller.userId, params.id, query),
  }),
);

import { defineRoute } from '../lib/http/handler.js';
import { eventsQuerySchema, listShareEvents, shareIdParamsSchema } from '../lib/domain/links/manage.js';
import { ownerDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'shares-events',
  { params: shareIdParamsSchema, query: eventsQuerySchema },
  async ({ caller, params, query }) => ({
    body: await listShareEvents(ownerDeps(), caller.userId, params.id, query),
  }),
);

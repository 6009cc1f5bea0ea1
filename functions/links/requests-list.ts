import { defineRoute } from '../lib/http/handler.js';
import { listOwnerRequests, requestListQuerySchema } from '../lib/domain/requests/owner.js';
import { requestOwnerDeps } from '../lib/wiring.js';

export const handler = defineRoute('requests-list', { query: requestListQuerySchema }, async ({ caller, query }) => ({
  body: await listOwnerRequests(requestOwnerDeps(), caller.userId, query),
}));

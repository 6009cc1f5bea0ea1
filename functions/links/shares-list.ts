import { defineRoute } from '../lib/http/handler.js';
import { listOwnerShares, shareStatusQuerySchema } from '../lib/domain/links/manage.js';
import { ownerDeps } from '../lib/wiring.js';

export const handler = defineRoute('shares-list', { query: shareStatusQuerySchema }, async ({ caller, query }) => ({
  body: await listOwnerShares(ownerDeps(), caller.userId, query),
}));

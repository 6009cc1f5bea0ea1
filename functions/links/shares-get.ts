import { defineRoute } from '../lib/http/handler.js';
import { getOwnerShare, shareIdParamsSchema } from '../lib/domain/links/manage.js';
import { ownerDeps } from '../lib/wiring.js';

export const handler = defineRoute('shares-get', { params: shareIdParamsSchema }, async ({ caller, params }) => ({
  body: await getOwnerShare(ownerDeps(), caller.userId, params.id),
}));

import { defineRoute } from '../lib/http/handler.js';
import { shareIdParamsSchema, updateShare, updateShareSchema } from '../lib/domain/links/manage.js';
import { ownerDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'shares-update',
  { params: shareIdParamsSchema, body: updateShareSchema },
  async ({ caller, params, body }) => ({
    body: await updateShare(ownerDeps(), caller.userId, params.id, body),
  }),
);

import { defineRoute } from '../lib/http/handler.js';
import { shareIdParamsSchema, updateShare, updateShareSchema } from '../lib/domain/links/manage.js';
import { shareEditDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'shares-update',
  { params: shareIdParamsSchema, body: updateShareSchema },
  async ({ caller, params, body }) => ({
    body: await updateShare(shareEditDeps(), caller.userId, params.id, body),
  }),
);

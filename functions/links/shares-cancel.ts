import { defineRoute } from '../lib/http/handler.js';
import { cancelManySchema, cancelShares } from '../lib/domain/links/manage.js';
import { ownerDeps } from '../lib/wiring.js';

export const handler = defineRoute('shares-cancel', { body: cancelManySchema }, async ({ caller, body }) => ({
  body: await cancelShares(ownerDeps(), caller.userId, body.ids),
}));

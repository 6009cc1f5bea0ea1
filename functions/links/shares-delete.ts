import { defineRoute } from '../lib/http/handler.js';
import { cancelShares, shareIdParamsSchema } from '../lib/domain/links/manage.js';
import { notFound } from '../lib/errors.js';
import { ownerDeps } from '../lib/wiring.js';

/** DELETE cancels the link (recipients lose access at once); the record stays for the owner's history. */
export const handler = defineRoute('shares-delete', { params: shareIdParamsSchema }, async ({ caller, params }) => {
  const { cancelled } = await cancelShares(ownerDeps(), caller.userId, [params.id]);
  if (cancelled.length === 0) throw notFound('Share link not found.');
  return { status: 204 };
});

import { defineRoute } from '../lib/http/handler.js';
import { cancelRequest, requestIdParamsSchema } from '../lib/domain/requests/owner.js';
import { requestOwnerDeps } from '../lib/wiring.js';

/** DELETE cancels the request (uploads stop at once); the record and the files that arrived stay. */
export const handler = defineRoute('requests-delete', { params: requestIdParamsSchema }, async ({ caller, params }) => {
  await cancelRequest(requestOwnerDeps(), caller.userId, params.id);
  return { status: 204 };
});

import { defineRoute } from '../lib/http/handler.js';
import { createRequest, createRequestSchema } from '../lib/domain/requests/owner.js';
import { requestOwnerDeps } from '../lib/wiring.js';

export const handler = defineRoute('requests-create', { body: createRequestSchema }, async ({ caller, body }) => ({
  status: 201,
  body: await createRequest(requestOwnerDeps(), { userId: caller.userId, email: caller.email, name: caller.name }, body),
}));

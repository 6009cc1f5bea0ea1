import { defineRoute } from '../lib/http/handler.js';
import { createShare, createShareSchema } from '../lib/domain/links/create.js';
import { createShareDeps } from '../lib/wiring.js';

export const handler = defineRoute('shares-create', { body: createShareSchema }, async ({ caller, body }) => ({
  status: 201,
  body: await createShare(createShareDeps(), { userId: caller.userId, email: caller.email, name: caller.name }, body),
}));

import { httpRoute } from './lib/http/handler.js';
import { recipientDeps } from './lib/http/recipient.js';
import { authorize, listQuerySchema, listShareEntries, publicParamsSchema, shareIdOrNotFound } from './lib/domain/recipient-access.js';

export const handler = httpRoute(
  { auth: 'public', params: publicParamsSchema, query: listQuerySchema },
  async ({ params, query, headers, sourceIp, userAgent }) => {
    const deps = await recipientDeps();
    const share = await authorize(deps, shareIdOrNotFound(params.id), headers.authorization, { sourceIp, userAgent });
    return { body: await listShareEntries(deps, share, query.path, query.cursor) };
  },
);

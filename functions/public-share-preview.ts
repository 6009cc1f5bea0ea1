import { httpRoute } from './lib/http/handler.js';
import { recipientDeps } from './lib/http/recipient.js';
import { authorize, createPreview, downloadSchema, publicParamsSchema, shareIdOrNotFound } from './lib/domain/recipient-access.js';

export const handler = httpRoute(
  { auth: 'public', params: publicParamsSchema, body: downloadSchema },
  async ({ params, body, headers, sourceIp, userAgent }) => {
    const deps = await recipientDeps();
    const who = { sourceIp, userAgent };
    const share = await authorize(deps, shareIdOrNotFound(params.id), headers.authorization, who);
    return { body: await createPreview(deps, share, body.fileId, who) };
  },
);

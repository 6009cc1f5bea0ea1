import { defineRoute } from '../lib/http/handler.js';
import { openShare, publicParamsSchema, shareIdOrNotFound } from '../lib/domain/recipient/access.js';
import { codeRequestSchema, requestRecipientCode } from '../lib/domain/recipient/codes.js';
import { codeDeps } from '../lib/wiring.js';

/** A verified link's email code: 202 whether or not the address is a partner (only a partner gets one). */
export const handler = defineRoute(
  'public-share-codes',
  { params: publicParamsSchema, body: codeRequestSchema },
  async ({ params, body, sourceIp, userAgent }) => {
    const deps = await codeDeps();
    const who = { sourceIp, userAgent };
    const share = await openShare(deps, shareIdOrNotFound(params.id), who);
    return { status: 202, body: await requestRecipientCode(deps, share, body, who) };
  },
);

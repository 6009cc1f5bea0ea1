import { defineRoute } from '../lib/http/handler.js';
import { refreshRequestUploadParts, requestPartsSchema } from '../lib/domain/requests/uploads.js';
import { requestIdOrNotFound, requestParamsSchema } from '../lib/domain/requests/visit.js';
import { requestUploadDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'public-request-uploads-parts',
  { params: requestParamsSchema, body: requestPartsSchema },
  async ({ params, body, headers, sourceIp, userAgent }) => ({
    body: await refreshRequestUploadParts(
      await requestUploadDeps(),
      requestIdOrNotFound(params.id),
      headers.authorization,
      { sourceIp, userAgent },
      body,
    ),
  }),
);

import { defineRoute } from '../lib/http/handler.js';
import { completeRequestUpload, requestCompleteSchema } from '../lib/domain/requests/uploads.js';
import { requestIdOrNotFound, requestParamsSchema } from '../lib/domain/requests/visit.js';
import { requestUploadDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'public-request-uploads-complete',
  { params: requestParamsSchema, body: requestCompleteSchema },
  async ({ params, body, headers, sourceIp, userAgent }) => ({
    body: await completeRequestUpload(
      await requestUploadDeps(),
      requestIdOrNotFound(params.id),
      headers.authorization,
      { sourceIp, userAgent },
      body,
    ),
  }),
);

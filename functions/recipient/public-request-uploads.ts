import { defineRoute } from '../lib/http/handler.js';
import { requestUploadSchema, startRequestUpload } from '../lib/domain/requests/uploads.js';
import { requestIdOrNotFound, requestParamsSchema } from '../lib/domain/requests/visit.js';
import { requestUploadDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'public-request-uploads',
  { params: requestParamsSchema, body: requestUploadSchema },
  async ({ params, body, headers, sourceIp, userAgent }) => ({
    body: await startRequestUpload(
      await requestUploadDeps(),
      requestIdOrNotFound(params.id),
      headers.authorization,
      { sourceIp, userAgent },
      body,
    ),
  }),
);

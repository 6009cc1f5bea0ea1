import { defineRoute } from '../lib/http/handler.js';
import { abortRequestUpload, requestAbortSchema } from '../lib/domain/requests/uploads.js';
import { requestIdOrNotFound, requestParamsSchema } from '../lib/domain/requests/visit.js';
import { requestUploadDeps } from '../lib/wiring.js';

export const handler = defineRoute(
  'public-request-uploads-abort',
  { params: requestParamsSchema, body: requestAbortSchema },
  async ({ params, body, headers, sourceIp, userAgent }) => ({
    body: await abortRequestUpload(
      await requestUploadDeps(),
      requestIdOrNotFound(params.id),
      headers.authorization,
      { sourceIp, userAgent },
      body,
    ),
  }),
);

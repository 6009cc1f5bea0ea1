import { httpRoute } from './lib/http/handler.js';
import { uploadDeps } from './lib/adapters/upload-deps.js';
import { abortUpload, abortUploadSchema } from './lib/domain/uploads.js';

export const handler = httpRoute({ auth: 'owner', body: abortUploadSchema }, async ({ caller, body }) => {
  await abortUpload(await uploadDeps(), caller.userId, body);
  return { status: 204 };
});

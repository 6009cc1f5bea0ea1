import { httpRoute } from './lib/http/handler.js';
import { uploadDeps } from './lib/adapters/upload-deps.js';
import { completeUpload, completeUploadSchema } from './lib/domain/uploads.js';

export const handler = httpRoute({ auth: 'owner', body: completeUploadSchema }, async ({ caller, body }) => ({
  body: await completeUpload(await uploadDeps(), caller.userId, body),
}));

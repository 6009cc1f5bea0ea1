import { httpRoute } from './lib/http/handler.js';
import { uploadDeps } from './lib/adapters/upload-deps.js';
import { startUpload, uploadSchema } from './lib/domain/uploads.js';

export const handler = httpRoute({ auth: 'owner', body: uploadSchema }, async ({ caller, body }) => ({
  body: await startUpload(await uploadDeps(), caller.userId, body),
}));

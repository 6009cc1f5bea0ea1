import { httpRoute } from './lib/http/handler.js';
import { uploadDeps } from './lib/adapters/upload-deps.js';
import { refreshPartsSchema, refreshUploadParts } from './lib/domain/uploads.js';

export const handler = httpRoute({ auth: 'owner', body: refreshPartsSchema }, async ({ caller, body }) => ({
  body: await refreshUploadParts(await uploadDeps(), caller.userId, body),
}));

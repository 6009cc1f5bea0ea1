import { httpRoute } from './lib/http/handler.js';
import { fileStore } from './lib/adapters/file-store.js';
import { startUpload, uploadSchema } from './lib/domain/owner.js';

export const handler = httpRoute({ auth: 'owner', body: uploadSchema }, async ({ caller, body }) => ({
  body: await startUpload(fileStore(), caller.userId, body),
}));

import { defineRoute } from '../lib/http/handler.js';
import { startUpload, uploadSchema } from '../lib/domain/files/uploads.js';
import { uploadDeps } from '../lib/wiring.js';

export const handler = defineRoute('uploads-create', { body: uploadSchema }, async ({ caller, body }) => ({
  body: await startUpload(await uploadDeps(), caller.userId, body),
}));

import { defineRoute } from '../lib/http/handler.js';
import { completeUpload, completeUploadSchema } from '../lib/domain/files/uploads.js';
import { uploadDeps } from '../lib/wiring.js';

export const handler = defineRoute('uploads-complete', { body: completeUploadSchema }, async ({ caller, body }) => ({
  body: await completeUpload(await uploadDeps(), caller.userId, body),
}));

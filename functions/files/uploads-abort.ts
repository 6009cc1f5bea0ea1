import { defineRoute } from '../lib/http/handler.js';
import { abortUpload, abortUploadSchema } from '../lib/domain/files/uploads.js';
import { uploadDeps } from '../lib/wiring.js';

export const handler = defineRoute('uploads-abort', { body: abortUploadSchema }, async ({ caller, body }) => {
  await abortUpload(await uploadDeps(), caller.userId, body);
  return { status: 204 };
});

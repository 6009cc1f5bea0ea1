import { defineRoute } from '../lib/http/handler.js';
import { refreshPartsSchema, refreshUploadParts } from '../lib/domain/files/uploads.js';
import { uploadDeps } from '../lib/wiring.js';

export const handler = defineRoute('uploads-parts', { body: refreshPartsSchema }, async ({ caller, body }) => ({
  body: await refreshUploadParts(await uploadDeps(), caller.userId, body),
}));

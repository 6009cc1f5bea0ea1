import { defineRoute } from '../lib/http/handler.js';
import { createFolder, createFolderSchema } from '../lib/domain/files/browse.js';
import { fileStore } from '../lib/wiring.js';

export const handler = defineRoute('folders-create', { body: createFolderSchema }, async ({ caller, body }) => ({
  status: 201,
  body: await createFolder(fileStore(), caller.userId, body.path),
}));

import { httpRoute } from './lib/http/handler.js';
import { fileStore } from './lib/adapters/file-store.js';
import { createFolder, createFolderSchema } from './lib/domain/owner.js';

export const handler = httpRoute({ auth: 'owner', body: createFolderSchema }, async ({ caller, body }) => ({
  status: 201,
  body: await createFolder(fileStore(), caller.userId, body.path),
}));

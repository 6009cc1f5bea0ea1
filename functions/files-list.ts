import { httpRoute } from './lib/http/handler.js';
import { fileStore } from './lib/adapters/file-store.js';
import { listFilesQuerySchema, listOwnerFiles } from './lib/domain/owner.js';

export const handler = httpRoute({ auth: 'owner', query: listFilesQuerySchema }, async ({ caller, query }) => ({
  body: await listOwnerFiles(fileStore(), caller.userId, query.prefix, query.cursor),
}));

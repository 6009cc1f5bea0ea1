import { defineRoute } from '../lib/http/handler.js';
import { listFilesQuerySchema, listOwnerFiles } from '../lib/domain/files/browse.js';
import { fileStore } from '../lib/wiring.js';

export const handler = defineRoute('files-list', { query: listFilesQuerySchema }, async ({ caller, query }) => ({
  body: await listOwnerFiles(fileStore(), caller.userId, query.prefix, query.cursor),
}));

import { httpRoute } from './lib/http/handler.js';
import { fileStore } from './lib/adapters/file-store.js';
import { deleteFiles, deleteFilesSchema } from './lib/domain/owner.js';

/** Stop starting batches well inside the function's 10-second timeout (and the gateway's 30). */
const DELETE_BUDGET_MS = 6_000;

export const handler = httpRoute({ auth: 'owner', body: deleteFilesSchema }, async ({ caller, body }) => ({
  body: await deleteFiles({ files: fileStore(), clock: Date.now, deadlineMs: Date.now() + DELETE_BUDGET_MS }, caller.userId, body.paths),
}));

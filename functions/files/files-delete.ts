import { defineRoute } from '../lib/http/handler.js';
import { deleteFiles, deleteFilesSchema } from '../lib/domain/files/browse.js';
import { clock, fileStore } from '../lib/wiring.js';

/** Stop starting batches well inside the function's 10-second timeout (and the gateway's 30). */
const DELETE_BUDGET_MS = 6_000;

export const handler = defineRoute('files-delete', { body: deleteFilesSchema }, async ({ caller, body }) => ({
  body: await deleteFiles({ files: fileStore(), clock, deadlineMs: clock() + DELETE_BUDGET_MS }, caller.userId, body.paths),
}));

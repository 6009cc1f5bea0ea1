import { listQuerySchema, listShareEntries } from '../lib/domain/recipient/files.js';
import { unlockedShareRoute } from './unlocked.js';

export const handler = unlockedShareRoute('public-share-files', { query: listQuerySchema }, ({ deps, share, query }) =>
  listShareEntries(deps, share, query.path, query.cursor),
);

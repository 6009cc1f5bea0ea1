import { unlockedShareRoute } from './lib/http/recipient.js';
import { listQuerySchema, listShareEntries } from './lib/domain/recipient-access.js';

export const handler = unlockedShareRoute({ query: listQuerySchema }, ({ deps, share, query }) => listShareEntries(deps, share, query.path, query.cursor));

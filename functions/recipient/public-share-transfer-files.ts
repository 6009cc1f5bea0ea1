import { transferPage, transferPageQuerySchema, transferParamsSchema } from '../lib/domain/recipient/transfers.js';
import { transferDeps } from '../lib/wiring.js';
import { unlockedShareRoute } from './unlocked.js';

export const handler = unlockedShareRoute(
  'public-share-transfer-files',
  { params: transferParamsSchema, query: transferPageQuerySchema, deps: transferDeps },
  ({ deps, share, who, device, params, query }) => transferPage(deps, share, device, params.transferId, query.cursor, who),
);

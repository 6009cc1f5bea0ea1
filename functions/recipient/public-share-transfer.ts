import { createTransfer, transferSchema } from '../lib/domain/recipient/transfers.js';
import { transferDeps } from '../lib/wiring.js';
import { unlockedShareRoute } from './unlocked.js';

export const handler = unlockedShareRoute(
  'public-share-transfer',
  { body: transferSchema, deps: transferDeps },
  ({ deps, share, who, device, body }) => createTransfer(deps, share, device, body.paths, who),
  { status: 201 },
);

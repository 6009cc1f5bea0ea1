import { createPreview, previewSchema } from '../lib/domain/recipient/previews.js';
import { previewDeps } from '../lib/wiring.js';
import { unlockedShareRoute } from './unlocked.js';

export const handler = unlockedShareRoute(
  'public-share-preview',
  { body: previewSchema, deps: previewDeps },
  ({ deps, share, who, body }) => createPreview(deps, share, body.fileId, body.page, who),
);

import { createThumbnail, thumbnailSchema } from '../lib/domain/recipient/previews.js';
import { previewDeps } from '../lib/wiring.js';
import { unlockedShareRoute } from './unlocked.js';

export const handler = unlockedShareRoute(
  'public-share-thumbnail',
  { body: thumbnailSchema, deps: previewDeps },
  ({ deps, share, who, body }) => createThumbnail(deps, share, body.fileId, who),
);

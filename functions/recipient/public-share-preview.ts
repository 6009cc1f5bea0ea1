import { createPreview, downloadSchema } from '../lib/domain/recipient/files.js';
import { unlockedShareRoute } from './unlocked.js';

export const handler = unlockedShareRoute('public-share-preview', { body: downloadSchema }, ({ deps, share, who, body }) =>
  createPreview(deps, share, body.fileId, who),
);

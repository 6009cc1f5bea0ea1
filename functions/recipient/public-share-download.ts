import { createDownload, downloadSchema } from '../lib/domain/recipient/files.js';
import { unlockedShareRoute } from './unlocked.js';

export const handler = unlockedShareRoute('public-share-download', { body: downloadSchema }, ({ deps, share, who, body }) =>
  createDownload(deps, share, body.fileId, who),
);

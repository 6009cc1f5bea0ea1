import { unlockedShareRoute } from './lib/http/recipient.js';
import { createDownload, downloadSchema } from './lib/domain/recipient-access.js';

export const handler = unlockedShareRoute({ body: downloadSchema }, ({ deps, share, who, body }) => createDownload(deps, share, body.fileId, who));

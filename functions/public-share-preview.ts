import { unlockedShareRoute } from './lib/http/recipient.js';
import { createPreview, downloadSchema } from './lib/domain/recipient-access.js';

export const handler = unlockedShareRoute({ body: downloadSchema }, ({ deps, share, who, body }) => createPreview(deps, share, body.fileId, who));

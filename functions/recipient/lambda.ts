/** The recipient function: every public route (shares and file requests), so a visit has one cold start at most. */
import { groupLambda } from '../lib/http/group.js';
import { publicPlatform } from '../lib/wiring.js';
import { handler as publicRequestAccess } from './public-request-access.js';
import { handler as publicRequestGet } from './public-request-get.js';
import { handler as publicRequestUploadsAbort } from './public-request-uploads-abort.js';
import { handler as publicRequestUploadsComplete } from './public-request-uploads-complete.js';
import { handler as publicRequestUploadsParts } from './public-request-uploads-parts.js';
import { handler as publicRequestUploads } from './public-request-uploads.js';
import { handler as publicShareAccess } from './public-share-access.js';
import { handler as publicShareCodes } from './public-share-codes.js';
import { handler as publicShareDownload } from './public-share-download.js';
import { handler as publicShareFiles } from './public-share-files.js';
import { handler as publicShareGet } from './public-share-get.js';
import { handler as publicSharePreview } from './public-share-preview.js';
import { handler as publicShareThumbnail } from './public-share-thumbnail.js';
import { handler as publicShareTransfer } from './public-share-transfer.js';
import { handler as publicShareTransferFiles } from './public-share-transfer-files.js';

export const handler = groupLambda(
  'recipient',
  {
    'public-share-get': publicShareGet,
    'public-share-access': publicShareAccess,
    'public-share-codes': publicShareCodes,
    'public-share-files': publicShareFiles,
    'public-share-download': publicShareDownload,
    'public-share-preview': publicSharePreview,
    'public-request-get': publicRequestGet,
    'public-request-access': publicRequestAccess,
    'public-request-uploads': publicRequestUploads,
    'public-request-uploads-parts': publicRequestUploadsParts,
    'public-request-uploads-complete': publicRequestUploadsComplete,
    'public-request-uploads-abort': publicRequestUploadsAbort,
    'public-share-thumbnail': publicShareThumbnail,
    'public-share-transfer': publicShareTransfer,
    'public-share-transfer-files': publicShareTransferFiles,
  },
  publicPlatform,
);

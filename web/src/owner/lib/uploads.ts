import { transferFile, type Transfer } from '../../common/transfer.js';
import { abortUpload, completeUpload, refreshUploadParts, startUpload } from '../api.js';
import type { UploadTarget } from '../types.js';
import { t } from '../i18n/index.js';

/**
 * Uploads one file of the owner's straight to S3 (common/transfer.ts: one PUT up to 16 MiB,
 * multipart above); the bytes never pass through a Lambda.
 */
export { PARTS_IN_FLIGHT, TRIES, UPLOAD_CANCELLED, type ProgressListener } from '../../common/transfer.js';

/** The owner-upload API for one file at `path`. */
function ownerTransfer(file: File, path: string): Transfer<UploadTarget> {
  const contentType = file.type || 'application/octet-stream';
  const begin = () => startUpload({ path, size: file.size, contentType });
  return {
    start: begin,
    refreshParts: (target, partNumbers) => refreshUploadParts({ path, uploadId: target.uploadId, partNumbers }),
    // A retry asks for a new URL: the first may have expired while the file was waiting.
    retrySingle: async () => {
      const fresh = await begin();
      if (!('url' in fresh)) throw new Error(t('account.upload.modeChanged'));
      return fresh;
    },
    complete: async (target, parts) => {
      if ('uploadId' in target && parts) await completeUpload({ path, uploadId: target.uploadId, parts });
    },
    abort: async (target) => {
      if ('uploadId' in target) await abortUpload({ path, uploadId: target.uploadId });
    },
  };
}

export async function uploadFile(
  file: File,
  path: string,
  onProgress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<void> {
  await transferFile(file, ownerTransfer(file, path), onProgress, signal);
}

export { filesFromDrop, filesFromInput, type PendingUpload, type PickedFiles } from '../../common/picked-files.js';

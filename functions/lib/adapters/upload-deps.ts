import { uploadLimitFrom, type UploadDeps } from '../domain/uploads.js';
import { fileStore } from './file-store.js';
import { signingKey } from './signing-key.js';

/** What the upload routes need: the store, the key that seals upload ids, the tenant's size limit. */
export async function uploadDeps(): Promise<UploadDeps> {
  return { files: fileStore(), signingKey: await signingKey(), maxUploadBytes: uploadLimitFrom(process.env.MAX_UPLOAD_BYTES) };
}

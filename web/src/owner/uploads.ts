import { ApiError } from '../common/http.js';
import { api } from './session.js';
import type { UploadTarget } from './types.js';

/**
 * Uploads one file straight to S3: the API hands out presigned URLs (one PUT up to 16 MiB,
 * multipart above) and the bytes never pass through a Lambda. XMLHttpRequest, not fetch,
 * because only XHR reports upload progress.
 */
export type ProgressListener = (loaded: number, total: number) => void;

function put(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      // The browser sets these itself and refuses to be told.
      if (/^(host|content-length)$/i.test(name)) continue;
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve(xhr)
        : reject(new ApiError(xhr.status, 'UPLOAD_FAILED', `The storage service refused the upload (HTTP ${xhr.status}).`));
    xhr.onerror = () => reject(new ApiError(0, 'UPLOAD_FAILED', 'The upload was interrupted. Check your connection and try again.'));
    xhr.onabort = () => reject(new ApiError(0, 'UPLOAD_CANCELLED', 'Upload cancelled.'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export async function uploadFile(file: File, path: string, onProgress: ProgressListener, signal: AbortSignal): Promise<void> {
  const contentType = file.type || 'application/octet-stream';
  const target = await api<UploadTarget>('POST', '/api/files/uploads', { path, size: file.size, contentType });
  onProgress(0, file.size);
  if ('url' in target) {
    await put(target.url, file, target.headers ?? {}, (loaded) => onProgress(Math.min(loaded, file.size), file.size), signal);
    onProgress(file.size, file.size);
    return;
  }
  // Multipart: parts go one after another so progress is a simple running sum.
  const done: { partNumber: number; etag: string }[] = [];
  let uploadedBefore = 0;
  for (const part of [...target.parts].sort((a, b) => a.partNumber - b.partNumber)) {
    const start = (part.partNumber - 1) * target.partSize;
    const blob = file.slice(start, Math.min(start + target.partSize, file.size));
    const xhr = await put(part.url, blob, {}, (loaded) => onProgress(uploadedBefore + loaded, file.size), signal);
    const etag = xhr.getResponseHeader('ETag');
    if (!etag) throw new ApiError(0, 'UPLOAD_FAILED', 'The storage service did not confirm a part of the upload (no ETag).');
    done.push({ partNumber: part.partNumber, etag });
    uploadedBefore += blob.size;
  }
  await api('POST', '/api/files/uploads/complete', { path, uploadId: target.uploadId, parts: done });
  onProgress(file.size, file.size);
}

/** A file to upload and the path (relative to the owner's root) it goes to. */
export interface PendingUpload {
  file: File;
  path: string;
}

/**
 * Expands a drop into files, walking dropped folders (webkitGetAsEntry, supported by every
 * current browser) so their structure is kept under the current folder.
 */
export async function filesFromDrop(dataTransfer: DataTransfer, prefix: string): Promise<PendingUpload[]> {
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => !!entry);
  if (entries.length === 0) {
    return [...dataTransfer.files].map((file) => ({ file, path: prefix + file.name }));
  }
  const out: PendingUpload[] = [];
  const walk = async (entry: FileSystemEntry, base: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ file, path: base + file.name });
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns batches (about 100 at a time) until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, `${base}${entry.name}/`);
    }
  };
  for (const entry of entries) await walk(entry, prefix);
  return out;
}

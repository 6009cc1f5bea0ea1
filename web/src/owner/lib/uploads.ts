import { ApiError } from '../../common/http.js';
import { abortUpload, completeUpload, refreshUploadParts, startUpload } from '../api.js';
import type { UploadTarget } from '../types.js';

/**
 * Uploads one file straight to S3: the API hands out presigned URLs (one PUT up to 16 MiB,
 * multipart above) and the bytes never pass through a Lambda. XMLHttpRequest, not fetch,
 * because only XHR reports upload progress.
 */
export type ProgressListener = (loaded: number, total: number) => void;

/** Parts in flight per file: enough to fill a connection, few enough to leave room for other files. */
export const PARTS_IN_FLIGHT = 4;
/** Tries per part (and per single PUT) before the file counts as failed. */
export const TRIES = 3;
/** Part URLs live 15 minutes; parts that start later get fresh ones first. */
const PART_URL_REFRESH_MS = 10 * 60 * 1000;

export const UPLOAD_CANCELLED = 'UPLOAD_CANCELLED';

const cancelled = () => new ApiError(0, UPLOAD_CANCELLED, 'Upload cancelled.');

function put(
  url: string,
  body: Blob,
  headers: Record<string, string>,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      // The browser sets these itself and refuses to be told.
      if (/^(host|content-length)$/i.test(name)) continue;
      xhr.setRequestHeader(name, value);
    }
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    const settle = () => signal.removeEventListener('abort', abort);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      settle();
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr);
      else reject(new ApiError(xhr.status, 'UPLOAD_FAILED', `The storage service refused the upload (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiError(0, 'UPLOAD_FAILED', 'The upload was interrupted. Check your connection and try again.'));
    };
    xhr.onabort = () => {
      settle();
      reject(cancelled());
    };
    xhr.send(body);
  });
}

/** Waits, unless the upload is cancelled first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Runs `attempt` up to TRIES times, waiting 1 s, then 2 s between tries. A refusal that
 * another try cannot fix (a 4xx other than an expired or throttled request) fails at once.
 */
async function withRetries<T>(signal: AbortSignal, attempt: (tryNumber: number) => Promise<T>): Promise<T> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const retryable = status === 0 || status === 403 || status === 408 || status === 429 || status >= 500;
      if (signal.aborted || (error instanceof ApiError && error.code === UPLOAD_CANCELLED)) throw cancelled();
      if (!retryable || tryNumber >= TRIES) throw error;
      await pause(1000 * 2 ** (tryNumber - 1), signal);
    }
  }
}

type Multipart = Extract<UploadTarget, { uploadId: string }>;

async function uploadParts(file: File, path: string, target: Multipart, onProgress: ProgressListener, signal: AbortSignal) {
  const urls = new Map(target.parts.map((part) => [part.partNumber, part.url]));
  let urlsIssuedAt = Date.now();
  const loadedByPart = new Map<number, number>();
  const report = () => {
    let loaded = 0;
    for (const bytes of loadedByPart.values()) loaded += bytes;
    onProgress(Math.min(loaded, file.size), file.size);
  };
  const queue = [...target.parts.map((part) => part.partNumber)].sort((a, b) => a - b);
  const done: { partNumber: number; etag: string }[] = [];

  /** New URLs for the given parts (and every part not started yet), in one request. */
  const refresh = async (partNumbers: number[]) => {
    const wanted = [...new Set([...partNumbers, ...queue])];
    const fresh = await refreshUploadParts({ path, uploadId: target.uploadId, partNumbers: wanted });
    for (const part of fresh.parts) urls.set(part.partNumber, part.url);
    urlsIssuedAt = Date.now();
  };

  const sendPart = (partNumber: number) =>
    withRetries(signal, async (tryNumber) => {
      // An expired URL answers 403: sign again before the next try, and before parts that start late.
      if (tryNumber > 1 || Date.now() - urlsIssuedAt > PART_URL_REFRESH_MS) await refresh([partNumber]);
      const start = (partNumber - 1) * target.partSize;
      const blob = file.slice(start, Math.min(start + target.partSize, file.size));
      loadedByPart.set(partNumber, 0);
      try {
        const xhr = await put(
          urls.get(partNumber)!,
          blob,
          {},
          (loaded) => {
            loadedByPart.set(partNumber, loaded);
            report();
          },
          signal,
        );
        const etag = xhr.getResponseHeader('ETag');
        if (!etag)
          throw new ApiError(400, 'UPLOAD_FAILED', 'The storage service did not confirm a part of the upload (its ETag is not readable).');
        loadedByPart.set(partNumber, blob.size);
        report();
        return etag;
      } catch (error) {
        loadedByPart.set(partNumber, 0);
        report();
        throw error;
      }
    });

  const worker = async () => {
    for (let partNumber = queue.shift(); partNumber !== undefined; partNumber = queue.shift()) {
      done.push({ partNumber, etag: await sendPart(partNumber) });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, queue.length) }, worker));
  return done.sort((a, b) => a.partNumber - b.partNumber);
}

export async function uploadFile(file: File, path: string, onProgress: ProgressListener, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw cancelled();
  const contentType = file.type || 'application/octet-stream';
  const target = await startUpload({ path, size: file.size, contentType });
  onProgress(0, file.size);
  if ('url' in target) {
    await withRetries(signal, async (tryNumber) => {
      // A retry asks for a new URL: the first may have expired while the file was waiting.
      const single = tryNumber === 1 ? target : await startUpload({ path, size: file.size, contentType });
      if (!('url' in single)) throw new ApiError(500, 'UPLOAD_FAILED', 'The server changed how this file is uploaded. Try again.');
      return put(single.url, file, single.headers ?? {}, (loaded) => onProgress(Math.min(loaded, file.size), file.size), signal);
    });
    onProgress(file.size, file.size);
    return;
  }
  let parts: { partNumber: number; etag: string }[];
  try {
    parts = await uploadParts(file, path, target, onProgress, signal);
  } catch (error) {
    // Free the parts already stored; if this fails too, the bucket's lifecycle rule removes them within a day.
    void abortUpload({ path, uploadId: target.uploadId }).catch(() => undefined);
    throw error;
  }
  await completeUpload({ path, uploadId: target.uploadId, parts });
  onProgress(file.size, file.size);
}

/** A file to upload and the path (relative to the owner's root) it goes to. */
export interface PendingUpload {
  file: File;
  path: string;
}

/** What a drop or a folder pick holds: files, and folders that have no files to carry them. */
export interface PickedFiles {
  files: PendingUpload[];
  emptyFolders: string[];
}

/** Files from `<input webkitdirectory>` carry their path below the picked folder. */
export function filesFromInput(list: FileList | null, prefix: string): PendingUpload[] {
  return [...(list ?? [])].map((file) => ({ file, path: prefix + (file.webkitRelativePath || file.name) }));
}

/**
 * Expands a drop into files, walking dropped folders (webkitGetAsEntry, supported by every
 * current browser) so their structure is kept under the current folder.
 */
export async function filesFromDrop(dataTransfer: DataTransfer, prefix: string): Promise<PickedFiles> {
  const entries = [...dataTransfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => !!entry);
  if (entries.length === 0) {
    return { files: filesFromInput(dataTransfer.files, prefix), emptyFolders: [] };
  }
  const picked: PickedFiles = { files: [], emptyFolders: [] };
  const walk = async (entry: FileSystemEntry, base: string): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      picked.files.push({ file, path: base + file.name });
      return;
    }
    const folder = `${base}${entry.name}/`;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    let children = 0;
    // readEntries returns batches (about 100 at a time) until an empty one.
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      children += batch.length;
      for (const child of batch) await walk(child, folder);
    }
    if (children === 0) picked.emptyFolders.push(folder);
  };
  for (const entry of entries) await walk(entry, prefix);
  return picked;
}

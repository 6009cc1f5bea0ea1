import { ApiError } from './http.js';

/**
 * Sends one file straight to storage with presigned URLs, for the owner's uploads and for
 * file requests alike: one PUT up to 16 MiB, multipart above (PARTS_IN_FLIGHT parts at once,
 * each retried), then the API's complete. The API calls differ per flow and come in as a
 * `Transfer`. XMLHttpRequest, not fetch, because only XHR reports upload progress.
 */
export type ProgressListener = (loaded: number, total: number) => void;

/** Parts in flight per file: enough to fill a connection, few enough to leave room for other files. */
export const PARTS_IN_FLIGHT = 4;
/** Tries per part (and per single PUT) before the file counts as failed. */
export const TRIES = 3;
/** Part URLs live 15 minutes; parts that start later get fresh ones first. */
const PART_URL_REFRESH_MS = 10 * 60 * 1000;

export const UPLOAD_CANCELLED = 'UPLOAD_CANCELLED';

export interface TransferPart {
  partNumber: number;
  url: string;
}

export type SingleTarget = { method: 'PUT'; url: string; headers?: Record<string, string> };
export type MultipartTarget = { uploadId: string; partSize: number; parts: TransferPart[] };
export type TransferTarget = SingleTarget | MultipartTarget;

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** The API side of one file's transfer. */
export interface Transfer<T extends TransferTarget = TransferTarget> {
  start(): Promise<T>;
  /** Fresh URLs for parts of a multipart upload. */
  refreshParts(target: T & MultipartTarget, partNumbers: number[]): Promise<{ parts: TransferPart[] }>;
  /** The target for another try of a single PUT (a fresh URL, or the same one). */
  retrySingle(target: T & SingleTarget): Promise<SingleTarget>;
  /** The bytes are there: `parts` for a multipart upload, undefined for a single PUT. */
  complete(target: T, parts: CompletedPart[] | undefined): Promise<void>;
  /** Gives up: frees what was sent (best effort; the bucket's lifecycle rule removes the rest). */
  abort(target: T): Promise<void>;
}

export const cancelled = () => new ApiError(0, UPLOAD_CANCELLED, 'Upload cancelled.');

export const wasCancelled = (error: unknown, signal: AbortSignal) =>
  signal.aborted || (error instanceof ApiError && error.code === UPLOAD_CANCELLED);

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
      if (wasCancelled(error, signal)) throw cancelled();
      if (!retryable || tryNumber >= TRIES) throw error;
      await pause(1000 * 2 ** (tryNumber - 1), signal);
    }
  }
}

async function sendParts<T extends TransferTarget>(
  file: Blob,
  transfer: Transfer<T>,
  target: T & MultipartTarget,
  onProgress: ProgressListener,
  signal: AbortSignal,
) {
  const urls = new Map(target.parts.map((part) => [part.partNumber, part.url]));
  let urlsIssuedAt = Date.now();
  const loadedByPart = new Map<number, number>();
  const report = () => {
    let loaded = 0;
    for (const bytes of loadedByPart.values()) loaded += bytes;
    onProgress(Math.min(loaded, file.size), file.size);
  };
  const queue = [...target.parts.map((part) => part.partNumber)].sort((a, b) => a - b);
  const done: CompletedPart[] = [];

  /** New URLs for the given parts (and every part not started yet), in one request. */
  const refresh = async (partNumbers: number[]) => {
    const fresh = await transfer.refreshParts(target, [...new Set([...partNumbers, ...queue])]);
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

/** Sends one file through `transfer`; rejects with UPLOAD_CANCELLED when `signal` aborts, after freeing what was sent. */
export async function transferFile<T extends TransferTarget>(
  file: Blob,
  transfer: Transfer<T>,
  onProgress: ProgressListener,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) throw cancelled();
  const target = await transfer.start();
  onProgress(0, file.size);
  try {
    if ('url' in target) {
      const single = target as T & SingleTarget;
      await withRetries(signal, async (tryNumber) => {
        const attempt = tryNumber === 1 ? single : await transfer.retrySingle(single);
        return put(attempt.url, file, attempt.headers ?? {}, (loaded) => onProgress(Math.min(loaded, file.size), file.size), signal);
      });
      await transfer.complete(target, undefined);
    } else {
      const parts = await sendParts(file, transfer, target as T & MultipartTarget, onProgress, signal);
      await transfer.complete(target, parts);
    }
  } catch (error) {
    // Free what was sent; if this fails too, the bucket's lifecycle rule removes it within a day.
    void transfer.abort(target).catch(() => undefined);
    throw error;
  }
  onProgress(file.size, file.size);
  return target;
}

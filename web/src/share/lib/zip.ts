import { downloadZip } from 'client-zip';
import { ApiError } from '../../common/http.js';
import { transferFiles } from '../api.js';
import type { TransferPage } from '../types.js';

/**
 * "Download all" / "Download folder": one zip, built in the browser as a stream from a transfer
 * (docs/api.md, "Transfers"). The transfer was checked and counted once before this starts; its
 * pages give each file's path inside the zip and a presigned URL, 100 at a time. The bytes flow
 * through client-zip (no compression) straight to the sink. Nothing is buffered on a server and
 * there is no size cap from us.
 *
 * Sinks: the File System Access API (`showSaveFilePicker`, Chromium browsers) writes the stream
 * to the chosen file as it arrives, so memory stays flat at any size. Elsewhere (Firefox, Safari)
 * the zip is collected in a Blob and saved when complete: the browser keeps it in memory or
 * spills it to disk, which limits those browsers to what the device can hold.
 */

export interface ZipProgress {
  files: number;
  bytes: number;
  /** Files that were in the transfer but are no longer stored (the owner deleted them meanwhile). */
  skipped: string[];
}

export interface ZipRequest {
  shareId: string;
  token: string;
  transferId: string;
  fileName: string;
  signal: AbortSignal;
  onProgress: (progress: ZipProgress) => void;
}

export type ZipOutcome = { saved: true; progress: ZipProgress; streamed: boolean } | { saved: false };

/** Files fetched ahead of the one being zipped, so small files do not wait on round trips. */
const LOOKAHEAD = 3;

type Listed = TransferPage['files'][number];

/** Every entry of the transfer, one page at a time. */
async function* entries(request: ZipRequest): AsyncGenerator<Listed> {
  let cursor: string | null = null;
  do {
    if (request.signal.aborted) return;
    const page: TransferPage = await transferFiles(request.shareId, request.token, request.transferId, cursor);
    yield* page.files;
    cursor = page.nextCursor;
  } while (cursor);
}

type Fetched = { name: string; response: Response | undefined };

async function fetchFile(request: ZipRequest, file: Listed): Promise<Fetched> {
  const response = await fetch(file.url, { signal: request.signal });
  // Deleted since the transfer started: the storage answers 403/404 for a missing key.
  if (response.status === 403 || response.status === 404) return { name: file.path, response: undefined };
  if (!response.ok || !response.body) {
    throw new ApiError(response.status, 'ZIP_FETCH_FAILED', `Could not fetch “${file.path}” (HTTP ${response.status}).`);
  }
  return { name: file.path, response };
}

/** The zip's inputs, in transfer order, with up to LOOKAHEAD files being fetched ahead. */
async function* inputs(request: ZipRequest, progress: ZipProgress) {
  const listed = entries(request);
  const ahead: (Promise<Fetched> | { folder: string })[] = [];
  let done = false;
  const fill = async () => {
    while (!done && ahead.filter((item) => item instanceof Promise).length < LOOKAHEAD) {
      const next = await listed.next();
      if (next.done) {
        done = true;
        break;
      }
      if (next.value.path.endsWith('/')) ahead.push({ folder: next.value.path });
      else {
        const pending = fetchFile(request, next.value);
        // Rejections surface when the item's turn comes; do not let them go unhandled meanwhile.
        pending.catch(() => undefined);
        ahead.push(pending);
      }
    }
  };
  for (await fill(); ahead.length > 0; await fill()) {
    const item = ahead.shift()!;
    if (!(item instanceof Promise)) {
      yield { name: item.folder };
      continue;
    }
    const { name, response } = await item;
    if (!response) {
      progress.skipped.push(name);
      request.onProgress({ ...progress });
      continue;
    }
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        progress.bytes += chunk.byteLength;
        request.onProgress({ ...progress });
        controller.enqueue(chunk);
      },
      flush() {
        progress.files += 1;
        request.onProgress({ ...progress });
      },
    });
    const lastModified = response.headers.get('last-modified');
    yield { name, input: response.body!.pipeThrough(counter), lastModified: lastModified ? new Date(lastModified) : new Date() };
  }
}

interface SaveFilePickerWindow {
  showSaveFilePicker?(options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }): Promise<{
    createWritable(): Promise<WritableStream<Uint8Array>>;
  }>;
}

/**
 * Asks where to save (while the click still counts as a user gesture), then streams.
 * Resolves `{saved:false}` when the person closes the picker or cancels.
 */
export async function saveZip(request: ZipRequest): Promise<ZipOutcome> {
  const host = window as unknown as SaveFilePickerWindow;
  let writable: WritableStream<Uint8Array> | undefined;
  if (typeof host.showSaveFilePicker === 'function') {
    try {
      const handle = await host.showSaveFilePicker({
        suggestedName: request.fileName,
        types: [{ description: 'Zip archive', accept: { 'application/zip': ['.zip'] } }],
      });
      writable = await handle.createWritable();
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return { saved: false };
      // Pickers can be blocked (policies, iframes, a gesture that timed out): fall back to the Blob.
      writable = undefined;
    }
  }
  const progress: ZipProgress = { files: 0, bytes: 0, skipped: [] };
  const zip = downloadZip(inputs(request, progress));
  try {
    if (writable) {
      await zip.body!.pipeTo(writable, { signal: request.signal });
      return { saved: true, progress, streamed: true };
    }
    const blob = await zip.blob();
    if (request.signal.aborted) return { saved: false };
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = request.fileName;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    // The download has taken its copy once the click is handled; give it a moment before freeing.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { saved: true, progress, streamed: false };
  } catch (error) {
    if (request.signal.aborted) return { saved: false };
    throw error;
  }
}

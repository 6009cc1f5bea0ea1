import { downloadZip } from 'client-zip';
import { ApiError } from '../../common/http.js';
import { listFiles, requestDownload } from '../api.js';
import type { ShareEntry, SharedFilesPage } from '../types.js';

/**
 * "Download all" / "Download folder": one zip, built in the browser as a stream. The folder is
 * walked page by page through the API; each file gets its own presigned URL just before it is
 * fetched, and its bytes flow through client-zip (no compression) straight to the sink. Nothing
 * is buffered on a server and there is no size cap from us.
 *
 * Sinks: the File System Access API (`showSaveFilePicker`, Chromium browsers) writes the stream
 * to the chosen file as it arrives, so memory stays flat at any size. Elsewhere (Firefox, Safari)
 * the zip is collected in a Blob and saved when complete: the browser keeps it in memory or
 * spills it to disk, which limits those browsers to what the device can hold.
 */

export interface ZipProgress {
  files: number;
  bytes: number;
  /** Files that are in the listing but no longer stored (the owner deleted them). */
  skipped: string[];
}

export interface ZipRequest {
  shareId: string;
  token: string;
  /** "" for the whole share, or a folder path relative to the share ("Photos/2024/"). */
  path: string;
  fileName: string;
  signal: AbortSignal;
  onProgress: (progress: ZipProgress) => void;
}

export type ZipOutcome = { saved: true; progress: ZipProgress; streamed: boolean } | { saved: false };

/** Files fetched ahead of the one being zipped, so small files do not wait on round trips. */
const LOOKAHEAD = 3;

interface Found {
  entry: ShareEntry;
  /** Path inside the zip. */
  name: string;
}

/** A file to fetch, an empty folder to keep, or a shared folder that is gone. */
type Walked = Found | { folder: string } | { missing: string };

/** Every file below `path`, depth first, one listing page at a time; empty folders as well. */
async function* walk(request: ZipRequest, path: string, base: string): AsyncGenerator<Walked> {
  let cursor: string | null = null;
  let seen = 0;
  do {
    if (request.signal.aborted) return;
    const page: SharedFilesPage = await listFiles(request.shareId, request.token, path, cursor);
    if (page.unavailable) {
      yield { missing: base || path };
      return;
    }
    for (const entry of page.entries) {
      seen += 1;
      if (entry.kind === 'folder') yield* walk(request, entry.path, `${base}${entry.name}/`);
      else if (entry.fileId) yield { entry, name: base + entry.name };
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (seen === 0 && base) yield { folder: base };
}

type Fetched = { name: string; response: Response | undefined };

async function fetchFile(request: ZipRequest, found: Found): Promise<Fetched> {
  try {
    const { url } = await requestDownload(request.shareId, request.token, found.entry.fileId!);
    const response = await fetch(url, { signal: request.signal });
    // Deleted between listing and fetch: the storage answers 403/404 for a missing key.
    if (response.status === 403 || response.status === 404) return { name: found.name, response: undefined };
    if (!response.ok || !response.body)
      throw new ApiError(response.status, 'ZIP_FETCH_FAILED', `Could not fetch “${found.name}” (HTTP ${response.status}).`);
    return { name: found.name, response };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'FILE_NOT_FOUND') return { name: found.name, response: undefined };
    throw error;
  }
}

/** The zip's inputs, in walk order, with up to LOOKAHEAD files being fetched ahead. */
async function* inputs(request: ZipRequest, progress: ZipProgress) {
  const walker = walk(request, request.path, '');
  const ahead: (Promise<Fetched> | { folder: string } | { missing: string })[] = [];
  let walked = false;
  const fill = async () => {
    while (!walked && ahead.filter((item) => item instanceof Promise).length < LOOKAHEAD) {
      const next = await walker.next();
      if (next.done) {
        walked = true;
        break;
      }
      const value = next.value;
      if ('folder' in value || 'missing' in value) ahead.push(value);
      else {
        const pending = fetchFile(request, value);
        // Rejections surface when the item's turn comes; do not let them go unhandled meanwhile.
        pending.catch(() => undefined);
        ahead.push(pending);
      }
    }
  };
  for (await fill(); ahead.length > 0; await fill()) {
    const item = ahead.shift()!;
    if ('missing' in item) {
      progress.skipped.push(item.missing);
      request.onProgress({ ...progress });
      continue;
    }
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
 * Asks where to save first, while the click still counts as a user gesture; then streams.
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
      // Pickers can be blocked (policies, iframes): fall back to the Blob.
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

/** A zip file name from a display name: characters that file systems refuse become "_". */
export function zipNameOf(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'files';
  return `${safe}.zip`;
}

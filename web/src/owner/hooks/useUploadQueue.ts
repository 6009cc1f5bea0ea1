import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { uploadFile, UPLOAD_CANCELLED, type PendingUpload } from '../lib/uploads.js';
import { problemText } from '../lib/problems.js';

export type UploadStatus = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface UploadItem {
  id: number;
  /** The path below the folder it was started in, as the list shows it. */
  name: string;
  path: string;
  loaded: number;
  total: number;
  status: UploadStatus;
  error?: string;
  abort: AbortController;
}

/** How long a batch that finished well stays on screen before the panel clears itself. */
const CLEAR_AFTER_MS = 6000;

/** Files uploading at once; each large file also sends several parts at once (lib/uploads.ts). */
const PARALLEL_UPLOADS = 3;
let nextUploadId = 0;

export const isActive = (item: UploadItem) => item.status === 'queued' || item.status === 'uploading';

/**
 * The uploads panel's queue: files start PARALLEL_UPLOADS at a time, each reports its
 * progress, each can be cancelled, and `onSettled` runs once a batch has finished (to list
 * the folder again). Starting a new batch drops the finished rows of the last one.
 */
export function useUploadQueue(onSettled: () => void) {
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  const update = (id: number, change: Partial<UploadItem>) =>
    setUploads((items) => items.map((item) => (item.id === id ? { ...item, ...change } : item)));

  /** Queues the files; `folder` is where they were dropped or picked, for their names in the list. */
  const start = (pending: PendingUpload[], folder: string) => {
    if (pending.length === 0) return;
    const added: UploadItem[] = pending.map(({ file, path }) => ({
      id: ++nextUploadId,
      name: path.slice(folder.length) || file.name,
      path,
      loaded: 0,
      total: file.size,
      status: 'queued',
      abort: new AbortController(),
    }));
    setUploads((items) => [...items.filter(isActive), ...added]);
    const queue = added.map((item, index) => ({ item, file: pending[index]!.file }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { item, file } = next;
        if (item.abort.signal.aborted) continue;
        update(item.id, { status: 'uploading' });
        try {
          await uploadFile(file, item.path, (loaded, total) => update(item.id, { loaded, total }), item.abort.signal);
          update(item.id, { status: 'done', loaded: file.size });
        } catch (error) {
          const wasCancelled = item.abort.signal.aborted || (error instanceof ApiError && error.code === UPLOAD_CANCELLED);
          update(item.id, wasCancelled ? { status: 'cancelled' } : { status: 'failed', error: problemText(error) });
        }
      }
    };
    void Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, worker)).then(() => settled.current());
  };

  const cancel = (item: UploadItem) => {
    item.abort.abort();
    // A queued file never started: mark it at once instead of waiting for its turn.
    if (item.status === 'queued') update(item.id, { status: 'cancelled' });
  };

  const clearFinished = () => setUploads((items) => items.filter(isActive));

  const active = uploads.some(isActive);
  const failed = uploads.some((item) => item.status === 'failed');
  useEffect(() => {
    // Everything went well: the panel goes away by itself. A failure stays until dismissed.
    if (uploads.length === 0 || active || failed) return;
    const timer = setTimeout(clearFinished, CLEAR_AFTER_MS);
    return () => clearTimeout(timer);
  }, [uploads.length, active, failed]);

  useEffect(() => {
    if (!active) return;
    // Leaving (closing the tab, reloading, another site) would stop the uploads: ask first.
    const confirmLeaving = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', confirmLeaving);
    return () => window.removeEventListener('beforeunload', confirmLeaving);
  }, [active]);

  return { uploads, start, cancel, clearFinished };
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import type { PendingUpload } from '../../common/picked-files.js';
import { transferFile, wasCancelled, type Transfer } from '../../common/transfer.js';
import { abortUpload, completeUpload, getRequest, refreshParts, startUpload } from '../api.js';
import { isTerminal, uploaderMessage, type TerminalCode } from '../lib/messages.js';
import type { RequestUploadTarget } from '../types.js';

/** Files sending at once; each large file also sends several parts at once (common/transfer.ts). */
export const FILES_IN_FLIGHT = 4;
/** While files are on their way, the request is read this often, so a closed one stops them at once. */
const WATCH_MS = 10_000;

export type UploadStatus = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled' | 'stopped';

export interface UploadItem {
  id: number;
  /** The path below the uploader's folder, as sent. */
  name: string;
  /** The name it was stored under (`report (2).pdf` when the name was taken). */
  storedName?: string;
  loaded: number;
  total: number;
  status: UploadStatus;
  error?: string;
}

/** Why the page stopped sending: the link closed, or the visit's access ended. */
export type Stop = { reason: 'closed'; code: TerminalCode } | { reason: 'access-ended' };

let nextId = 0;
export const isActive = (item: UploadItem) => item.status === 'queued' || item.status === 'uploading';

/**
 * The uploader's files: every file dropped joins one queue, FILES_IN_FLIGHT of them send at a
 * time, each reports progress and can be cancelled. A closed or expired request (seen in an
 * answer, or by reading it while files send) stops everything: what was sent is aborted and
 * each file says whether it arrived.
 */
export function useUploads(requestId: string, token: string | undefined, onSent: () => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [stop, setStop] = useState<Stop>();
  const queue = useRef<{ id: number; file: File; name: string }[]>([]);
  const controllers = useRef(new Map<number, AbortController>());
  /** Upload ids of files in flight, to abort them if the page is closed. */
  const inFlight = useRef(new Map<number, string>());
  const running = useRef(0);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const stopped = useRef<Stop | undefined>(undefined);

  const update = (id: number, change: Partial<UploadItem>) =>
    setItems((all) => all.map((item) => (item.id === id ? { ...item, ...change } : item)));

  const halt = (why: Stop) => {
    if (stopped.current) return;
    stopped.current = why;
    setStop(why);
    for (const next of queue.current.splice(0)) update(next.id, { status: 'stopped' });
    for (const controller of controllers.current.values()) controller.abort();
  };

  const transferOf = (id: number, file: File, name: string, visitToken: string): Transfer<RequestUploadTarget> => ({
    start: async () => {
      const target = await startUpload(requestId, visitToken, {
        name,
        size: file.size,
        contentType: file.type || 'application/octet-stream',
      });
      inFlight.current.set(id, target.uploadId);
      update(id, { storedName: target.name });
      return target;
    },
    refreshParts: (target, partNumbers) => refreshParts(requestId, visitToken, target.uploadId, partNumbers),
    // A single PUT's URL lives 15 minutes and its upload started just now: the same URL serves every try.
    retrySingle: (target) => Promise.resolve(target),
    complete: async (target, parts) => {
      await completeUpload(requestId, visitToken, target.uploadId, parts);
    },
    abort: async (target) => {
      await abortUpload(requestId, visitToken, target.uploadId);
    },
  });

  const pump = () => {
    while (running.current < FILES_IN_FLIGHT && queue.current.length > 0 && tokenRef.current) {
      const next = queue.current.shift()!;
      const controller = controllers.current.get(next.id);
      if (!controller || controller.signal.aborted) continue;
      running.current += 1;
      update(next.id, { status: 'uploading' });
      const onProgress = (loaded: number, total: number) => update(next.id, { loaded, total });
      void transferFile(next.file, transferOf(next.id, next.file, next.name, tokenRef.current), onProgress, controller.signal)
        .then(
          () => update(next.id, { status: 'done', loaded: next.file.size }),
          (error: unknown) => {
            if (isTerminal(error)) halt({ reason: 'closed', code: error.code });
            else if (error instanceof ApiError && error.code === 'INVALID_TOKEN') halt({ reason: 'access-ended' });
            if (stopped.current) update(next.id, { status: 'stopped' });
            else if (wasCancelled(error, controller.signal)) update(next.id, { status: 'cancelled' });
            else update(next.id, { status: 'failed', error: uploaderMessage(error) });
          },
        )
        .finally(() => {
          running.current -= 1;
          controllers.current.delete(next.id);
          inFlight.current.delete(next.id);
          pump();
          // The limits shown change once the batch is through, not after every file.
          if (running.current === 0) onSent();
        });
    }
  };

  /** Queues the files (all of them, however many) and starts sending. */
  const add = (picked: PendingUpload[]) => {
    if (picked.length === 0) return;
    stopped.current = undefined;
    setStop(undefined);
    const added = picked.map(({ file, path }) => ({ id: ++nextId, file, name: path }));
    for (const { id } of added) controllers.current.set(id, new AbortController());
    setItems((all) => [
      ...all,
      ...added.map(({ id, file, name }) => ({ id, name, loaded: 0, total: file.size, status: 'queued' as const })),
    ]);
    queue.current.push(...added);
    pump();
  };

  const cancel = (item: UploadItem) => {
    controllers.current.get(item.id)?.abort();
    // A queued file never started: mark it at once instead of waiting for its turn.
    if (item.status === 'queued') {
      queue.current = queue.current.filter((next) => next.id !== item.id);
      update(item.id, { status: 'cancelled' });
    }
  };

  const busy = items.some(isActive);

  // A new visit (after the access ended) sends what is still queued.
  useEffect(() => {
    if (token) pump();
  }, [token]);

  // Watch the request while files send: the owner may cancel it, or it may expire.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      getRequest(requestId).catch((error: unknown) => {
        if (isTerminal(error)) halt({ reason: 'closed', code: error.code });
      });
    }, WATCH_MS);
    return () => clearInterval(timer);
  }, [busy, requestId]);

  // Leaving mid-upload: ask first, and free what was sent if the page goes anyway.
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    const leave = () => {
      const visitToken = tokenRef.current;
      if (!visitToken) return;
      for (const uploadId of inFlight.current.values()) void abortUpload(requestId, visitToken, uploadId, true).catch(() => undefined);
    };
    window.addEventListener('beforeunload', warn);
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.removeEventListener('pagehide', leave);
    };
  }, [busy, requestId]);

  return { items, stop, busy, add, cancel, cancelAll: () => items.filter(isActive).forEach(cancel) };
}

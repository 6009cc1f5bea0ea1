import { useCallback, useEffect } from 'preact/hooks';
import { usePagedList } from '../../common/usePagedList.js';
import { listFiles } from '../api.js';
import { recipientMessage } from '../lib/messages.js';
import type { SharedFilesPage } from '../types.js';

interface SharedFolderOptions {
  shareId: string;
  token: string;
  /** "" for the top of the share, or a folder path relative to it. */
  path: string;
  /** Ends the session on a failure that means the link or the token is gone; true when it did. */
  onFatal: (error: unknown) => boolean;
}

/**
 * One folder of the share, page by page, through the shared paged-list hook. Errors are worded
 * for recipients; `gone` says the shared folder itself was deleted after sharing.
 */
export function useSharedFolder({ shareId, token, path, onFatal }: SharedFolderOptions) {
  // One item per page, so the latest page's `unavailable` flag stays readable.
  const [list, loadPage] = usePagedList<SharedFilesPage>({ describeError: recipientMessage, onError: onFatal });

  const load = useCallback(
    (folder: string, cursor: string | null) =>
      loadPage(cursor, async () => {
        const page = await listFiles(shareId, token, folder, cursor);
        return { items: [page], nextCursor: page.nextCursor };
      }),
    [shareId, token, loadPage],
  );

  useEffect(() => {
    void load(path, null);
  }, [path, load]);

  return {
    entries: list.items.flatMap((page) => page.entries),
    gone: list.items.at(-1)?.unavailable === true,
    /** The share in all (files, bytes): on the first page of its root. */
    summary: list.items[0]?.summary,
    nextCursor: list.nextCursor,
    loading: list.loading,
    error: list.error,
    reload: () => load(path, null),
    loadMore: () => load(path, list.nextCursor),
  };
}

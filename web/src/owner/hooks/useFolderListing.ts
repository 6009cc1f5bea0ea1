import { useCallback } from 'preact/hooks';
import { baseName } from '../../common/format.js';
import { usePagedList } from '../../common/usePagedList.js';
import { listFiles } from '../api.js';
import type { FileEntry, FolderEntry } from '../types.js';

/** A folder may come as its path ("docs/") or as {path,name}; both become {path,name}. */
function normalizeFolders(folders: (string | FolderEntry)[]): FolderEntry[] {
  return folders.map((folder) =>
    typeof folder === 'string'
      ? { path: folder, name: baseName(folder) }
      : { path: folder.path, name: folder.name ?? baseName(folder.path) },
  );
}

/** One folder of "My files", page by page: `load(folder, null)` starts over, a cursor appends. */
export function useFolderListing() {
  // One item per page loaded, so that every folder lists before every file.
  const [listing, loadPage] = usePagedList<{ folders: FolderEntry[]; files: FileEntry[] }>();
  const load = useCallback(
    (folder: string, cursor: string | null) =>
      loadPage(cursor, async () => {
        const page = await listFiles(folder, cursor);
        return { items: [{ folders: normalizeFolders(page.folders ?? []), files: page.files ?? [] }], nextCursor: page.nextCursor };
      }),
    [loadPage],
  );
  return {
    listing,
    folders: listing.items.flatMap((page) => page.folders),
    files: listing.items.flatMap((page) => page.files),
    load,
  };
}

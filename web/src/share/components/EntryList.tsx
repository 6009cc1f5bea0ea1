import { formatBytes } from '../../common/format.js';
import { DownloadIcon, FileIcon, FolderIcon } from '../../common/icons.js';
import type { ShareEntry } from '../types.js';

interface EntryListProps {
  entries: ShareEntry[];
  loading: boolean;
  allowDownload: boolean;
  /** Paths found deleted since sharing: named, struck through, not downloadable. */
  unavailable: ReadonlySet<string>;
  /** The file whose download is being prepared. */
  downloading: string | undefined;
  onOpenFolder: (path: string) => void;
  onDownload: (entry: ShareEntry) => void;
}

/** The folder's folders and files, each file with its size and its own Download button. */
export function EntryList({ entries, loading, allowDownload, unavailable, downloading, onOpenFolder, onDownload }: EntryListProps) {
  return (
    <ul class="entry-list" data-testid="share-files" aria-busy={loading}>
      {entries.map((entry) => {
        const gone = unavailable.has(entry.path);
        return (
          <li
            key={entry.fileId || entry.path}
            class={`entry ${gone ? 'is-unavailable' : ''}`}
            data-testid="share-entry"
            data-kind={entry.kind}
            data-unavailable={gone ? 'true' : undefined}
          >
            {entry.kind === 'folder' ? (
              <button type="button" class="entry-main entry-folder" onClick={() => onOpenFolder(entry.path)} data-testid="share-folder">
                <FolderIcon />
                <span class="entry-title" data-testid="share-entry-name">
                  {entry.name}
                </span>
                <span class="entry-size muted">Folder</span>
              </button>
            ) : (
              <div class="entry-main">
                <FileIcon />
                <span class="entry-title" data-testid="share-entry-name">
                  {entry.name}
                </span>
                <span class="entry-size muted" data-testid="share-entry-size">
                  {gone ? (
                    <span class="badge badge-expired" data-testid="entry-unavailable">
                      No longer available
                    </span>
                  ) : entry.size === null ? (
                    '—'
                  ) : (
                    formatBytes(entry.size)
                  )}
                </span>
              </div>
            )}
            {entry.kind === 'file' && entry.fileId && allowDownload && !gone && (
              <button
                type="button"
                class="btn btn-primary btn-small"
                onClick={() => onDownload(entry)}
                disabled={downloading === entry.fileId}
                aria-label={`Download ${entry.name}`}
                data-testid="download-button"
              >
                <DownloadIcon />
                <span>{downloading === entry.fileId ? 'Preparing…' : 'Download'}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

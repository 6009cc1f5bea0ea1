import { DownloadIcon, FolderIcon } from '../../common/icons.js';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { fmt, t } from '../i18n/index.js';
import { fileKindOf, hasThumbnail, previewable } from '../lib/file-kinds.js';
import type { ShareEntry } from '../types.js';
import { FileTypeIcon } from './FileTypeIcon.js';
import { Thumbnail } from './Thumbnail.js';

interface EntryListProps {
  shareId: string;
  token: string;
  entries: ShareEntry[];
  loading: boolean;
  /** Downloads are allowed and the limit is not known to be used up. */
  canDownload: boolean;
  /** Secure view: previews are rendered, video and audio have none. */
  secure: boolean;
  /** Paths found deleted since sharing: named, struck through, not downloadable. */
  unavailable: ReadonlySet<string>;
  /** The file whose download is being prepared. */
  downloading: string | undefined;
  onOpenFolder: (path: string) => void;
  onDownload: (entry: ShareEntry) => void;
  /** Opens the viewer; `from` gets the focus back when it closes. */
  onPreview: (entry: ShareEntry, from: HTMLElement) => void;
}

function Size({ entry, gone }: { entry: ShareEntry; gone: boolean }) {
  return (
    <span class="entry-size muted" data-testid="share-entry-size">
      {gone ? (
        <span class="badge badge-expired" data-testid="entry-unavailable">
          {t('share.entry.unavailable')}
        </span>
      ) : entry.size === null ? (
        '—'
      ) : (
        fmt().formatBytes(entry.size)
      )}
    </span>
  );
}

/** The folder's folders and files: a type icon or thumbnail, the name (opening its preview), size and Download. */
export function EntryList(props: EntryListProps) {
  const { entries, loading, canDownload, secure, unavailable, downloading } = props;
  return (
    <ul class="entry-list" data-testid="share-files" aria-busy={loading}>
      {entries.map((entry) => {
        const gone = unavailable.has(entry.path);
        const kind = fileKindOf(entry.name);
        const icon =
          entry.fileId && hasThumbnail(entry.name) && !gone ? (
            <Thumbnail shareId={props.shareId} token={props.token} fileId={entry.fileId} />
          ) : (
            <FileTypeIcon kind={kind} />
          );
        const opens = entry.fileId !== undefined && !gone && previewable(entry.name, secure);
        return (
          <li
            key={entry.fileId || entry.path}
            class={`entry ${gone ? 'is-unavailable' : ''}`}
            data-testid="share-entry"
            data-kind={entry.kind}
            data-file-kind={entry.kind === 'file' ? kind : undefined}
            data-unavailable={gone ? 'true' : undefined}
          >
            {entry.kind === 'folder' ? (
              <button
                type="button"
                class="entry-main entry-folder"
                onClick={() => props.onOpenFolder(entry.path)}
                data-testid="share-folder"
              >
                <FolderIcon />
                <MiddleEllipsis text={entry.name} class="entry-title" testId="share-entry-name" />
                <span class="entry-size muted">{t('share.entry.folder')}</span>
              </button>
            ) : opens ? (
              <button
                type="button"
                class="entry-main entry-file"
                onClick={(event) => props.onPreview(entry, event.currentTarget)}
                data-testid="preview-button"
                data-name={entry.name}
              >
                {icon}
                {/* Named by what it shows ("Preview" first), so the spoken name contains the visible one. */}
                <span class="visually-hidden">{t('share.entry.previewPrefix')}</span>
                <MiddleEllipsis text={entry.name} class="entry-title" testId="share-entry-name" />
                <Size entry={entry} gone={gone} />
              </button>
            ) : (
              <div class="entry-main">
                {icon}
                <MiddleEllipsis text={entry.name} class="entry-title" testId="share-entry-name" />
                <Size entry={entry} gone={gone} />
              </div>
            )}
            {entry.kind === 'file' && entry.fileId && canDownload && !gone && (
              <button
                type="button"
                class="btn btn-primary btn-small"
                onClick={() => props.onDownload(entry)}
                disabled={downloading === entry.fileId}
                aria-label={t('share.entry.downloadNamed', { name: entry.name })}
                data-testid="download-button"
              >
                <DownloadIcon />
                <span>{t(downloading === entry.fileId ? 'share.entry.preparing' : 'share.entry.download')}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

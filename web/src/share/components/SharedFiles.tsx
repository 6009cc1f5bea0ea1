import { useState } from 'preact/hooks';
import { crumbsOf } from '../../common/format.js';
import { LoadError, LoadMore } from '../../common/ListStatus.js';
import { useDownloads } from '../hooks/useDownloads.js';
import { useSharedFolder } from '../hooks/useSharedFolder.js';
import type { PublicShare } from '../types.js';
import { DownloadNoteLine, ZipProgressNote } from './DownloadStatus.js';
import { EntryList } from './EntryList.js';
import { FilesToolbar } from './FilesToolbar.js';
import { ShareSummary } from './ShareSummary.js';

interface SharedFilesProps {
  shareId: string;
  share: PublicShare;
  token: string;
  /** Ends the session when a failure means the link or the token is gone; true when it did. */
  onFatal: (error: unknown) => boolean;
}

/** The unlocked link: its folders and files, browsed folder by folder, downloaded one by one or zipped. */
export function SharedFiles({ shareId, share, token, onFatal }: SharedFilesProps) {
  const [path, setPath] = useState('');
  const folder = useSharedFolder({ shareId, token, path, onFatal });
  const downloads = useDownloads({ shareId, token, path, onFatal });
  const crumbs = crumbsOf(path);
  const folderName = crumbs.length > 0 ? crumbs[crumbs.length - 1]!.name : '';

  return (
    <section class="card recipient-card recipient-files">
      <ShareSummary share={share} />
      {!share.allowDownload && (
        <p class="alert alert-info" data-testid="downloads-off">
          The owner turned off downloads. You can see the files but not download them.
        </p>
      )}
      <FilesToolbar
        path={path}
        onOpen={setPath}
        canZip={share.allowDownload && !folder.gone}
        zipping={!!downloads.zipping}
        onZip={() => downloads.downloadZip(folderName || 'Shared files')}
      />
      <ZipProgressNote zipping={downloads.zipping} />
      <DownloadNoteLine note={downloads.note} />
      <EntryList
        entries={folder.entries}
        loading={folder.loading}
        allowDownload={share.allowDownload}
        unavailable={downloads.unavailable}
        downloading={downloads.downloading}
        onOpenFolder={setPath}
        onDownload={downloads.download}
      />
      {folder.loading && (
        <p class="table-state" role="status">
          Loading files…
        </p>
      )}
      {folder.error && <LoadError message={folder.error} testId="share-files-error" onRetry={folder.reload} />}
      {!folder.loading && !folder.error && folder.entries.length === 0 && (
        <p class="empty-state" data-testid={folder.gone ? 'folder-unavailable' : 'folder-empty'}>
          {folder.gone ? 'This folder is no longer available: the owner moved or deleted it.' : 'This folder is empty.'}
        </p>
      )}
      <LoadMore show={!!folder.nextCursor && !folder.loading} testId="share-load-more" onLoad={folder.loadMore} />
    </section>
  );
}

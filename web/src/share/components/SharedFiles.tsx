import { useEffect, useState } from 'preact/hooks';
import { crumbsOf } from '../../common/format.js';
import { LoadError, LoadMore } from '../../common/ListStatus.js';
import { t } from '../i18n/index.js';
import { useDownloads } from '../hooks/useDownloads.js';
import { useSharedFolder } from '../hooks/useSharedFolder.js';
import { previewable } from '../lib/file-kinds.js';
import type { PublicShare, ShareEntry } from '../types.js';
import { DownloadNoteLine, ZipProgressNote } from './DownloadStatus.js';
import { EntryList } from './EntryList.js';
import { FilesToolbar } from './FilesToolbar.js';
import { ShareSummary } from './ShareSummary.js';
import { ViewerHost, type ViewerTarget } from './ViewerHost.js';

interface SharedFilesProps {
  shareId: string;
  share: PublicShare;
  token: string;
  /** Ends the session when a failure means the link or the token is gone; true when it did. */
  onFatal: (error: unknown) => boolean;
}

/** The unlocked link: its folders and files, browsed folder by folder, previewed, downloaded one by one or zipped. */
export function SharedFiles({ shareId, share, token, onFatal }: SharedFilesProps) {
  const [path, setPath] = useState('');
  const folder = useSharedFolder({ shareId, token, path, onFatal });
  const downloads = useDownloads({ shareId, token, path, onFatal });
  const [viewing, setViewing] = useState<ViewerTarget>();
  // The share's size and count come with the root's first page; they stay shown inside folders.
  const [summary, setSummary] = useState(folder.summary);
  useEffect(() => {
    if (folder.summary) setSummary(folder.summary);
  }, [folder.summary]);
  const crumbs = crumbsOf(path);
  const folderName = crumbs.length > 0 ? crumbs[crumbs.length - 1]!.name : '';
  const canDownload = share.allowDownload && !downloads.limitReached;
  const secure = !canDownload;

  // A notice belongs to the folder it was given in ("Downloading…" must not follow the recipient).
  useEffect(() => {
    downloads.clearNote();
  }, [path]);

  const openViewer = (entry: ShareEntry, opener: HTMLElement) => {
    const files = folder.entries.filter(
      (candidate) => candidate.fileId && !downloads.unavailable.has(candidate.path) && previewable(candidate.name, secure),
    );
    setViewing({ entries: files, index: Math.max(0, files.indexOf(entry)), opener });
  };

  return (
    <section class="card recipient-card recipient-files">
      <ShareSummary share={share} summary={summary} />
      {!share.allowDownload && (
        <p class="alert alert-info" data-testid="downloads-off">
          {t('share.files.downloadsOff')}
        </p>
      )}
      {share.allowDownload && downloads.limitReached && (
        <p class="alert alert-info" data-testid="limit-reached">
          {t('share.files.limitReached')}
        </p>
      )}
      <FilesToolbar
        path={path}
        onOpen={setPath}
        canZip={canDownload && !folder.gone}
        zipping={!!downloads.zipping}
        onZip={() => downloads.downloadZip(folderName || t('share.files.zipName'))}
      />
      <ZipProgressNote zipping={downloads.zipping} />
      <DownloadNoteLine note={downloads.note} />
      <EntryList
        shareId={shareId}
        token={token}
        entries={folder.entries}
        loading={folder.loading}
        canDownload={canDownload}
        secure={secure}
        unavailable={downloads.unavailable}
        downloading={downloads.downloading}
        onOpenFolder={setPath}
        onDownload={downloads.download}
        onPreview={openViewer}
      />
      {folder.loading && (
        <p class="table-state" role="status">
          {t('share.files.loading')}
        </p>
      )}
      {folder.error && <LoadError message={folder.error} testId="share-files-error" onRetry={folder.reload} />}
      {!folder.loading && !folder.error && folder.entries.length === 0 && (
        <p class="empty-state" data-testid={folder.gone ? 'folder-unavailable' : 'folder-empty'}>
          {t(folder.gone ? 'share.files.folderGone' : 'share.files.folderEmpty')}
        </p>
      )}
      <LoadMore show={!!folder.nextCursor && !folder.loading} testId="share-load-more" onLoad={folder.loadMore} />
      <ViewerHost
        target={viewing}
        onTarget={setViewing}
        shareId={shareId}
        token={token}
        canDownload={canDownload}
        onDownload={downloads.download}
        onFatal={onFatal}
      />
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { crumbsOf } from '../../common/format.js';
import { ApiError } from '../../common/http.js';
import { UploadIcon } from '../../common/icons.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { createFolder } from '../api.js';
import { DeleteDialog } from '../components/files/DeleteDialog.js';
import { FilesHeader } from '../components/files/FilesHeader.js';
import { FileTable } from '../components/files/FileTable.js';
import { NewFolderDialog } from '../components/files/NewFolderDialog.js';
import { SelectionBar } from '../components/files/SelectionBar.js';
import { UploadsPanel } from '../components/files/UploadsPanel.js';
import { RequestDialog } from '../components/requests/RequestDialog.js';
import { ShareDialog } from '../components/share-dialog/ShareDialog.js';
import { t } from '../i18n/index.js';
import { useFileDrop } from '../../common/useFileDrop.js';
import { useFolderListing } from '../hooks/useFolderListing.js';
import { useUploadQueue } from '../hooks/useUploadQueue.js';
import { filesFromDrop, type PendingUpload } from '../lib/uploads.js';
import type { DeletedFiles, Me, SelectedItem } from '../types.js';
import { problemText } from '../lib/problems.js';

interface FilesViewProps {
  prefix: string;
  selection: SelectedItem[];
  onSelectionChange: (selection: SelectedItem[]) => void;
  policy?: Me['policy'] | undefined;
}

type Notice = { kind: 'error' | 'success'; text: string };

/** Empty folders of a dropped tree have no file to carry them; they get a marker each. */
async function createEmptyFolders(paths: string[]) {
  for (const path of paths) {
    await createFolder(path).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    });
  }
}

/** "My files" (#/files/<folder>): one folder's contents, uploads, selection, and sharing it. */
export function FilesView({ prefix, selection, onSelectionChange, policy }: FilesViewProps) {
  const { listing, folders, files, load } = useFolderListing();
  const [sharing, setSharing] = useState(false);
  /** The folder a file request is being made for ('' = the root). */
  const [requesting, setRequesting] = useState<string>();
  const requestsOn = policy?.fileRequestsEnabled !== false;
  const [creatingFolder, setCreatingFolder] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState<SelectedItem[]>();
  const [notice, setNotice] = useState<Notice>();
  // Uploads and drops finish later: they list the folder shown then, not the one they started in.
  const prefixRef = useRef(prefix);
  prefixRef.current = prefix;
  const reload = () => void load(prefixRef.current, null);
  const queue = useUploadQueue(reload);
  const upload = (pending: PendingUpload[]) => queue.start(pending, prefixRef.current);

  const drop = useFileDrop((dataTransfer) => {
    filesFromDrop(dataTransfer, prefix)
      .then(async (picked) => {
        upload(picked.files);
        await createEmptyFolders(picked.emptyFolders);
        if (picked.files.length === 0 && picked.emptyFolders.length > 0) await load(prefixRef.current, null);
      })
      .catch((error: unknown) => setNotice({ kind: 'error', text: t('filesView.dropFailed', { message: problemText(error) }) }));
  });

  useEffect(() => {
    setNotice(undefined);
    void load(prefix, null);
  }, [prefix, load]);

  const deleted = (result: DeletedFiles) => {
    const gone = new Set([...result.deleted.map((item) => item.path), ...result.notFound]);
    onSelectionChange(selection.filter((item) => !gone.has(item.path)));
    setNotice({
      kind: 'success',
      text: [
        t('filesView.deleted', { count: result.deleted.length, objects: t('filesView.objects', { count: result.deletedObjects }) }),
        result.notFound.length ? t('filesView.gone', { count: result.notFound.length }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
    reload();
  };

  const crumbs = crumbsOf(prefix);
  const empty = !listing.loading && !listing.error && folders.length + files.length === 0;

  return (
    <section class="view files-view" aria-labelledby="files-title" {...drop.handlers}>
      <FilesHeader
        prefix={prefix}
        selectionCount={selection.length}
        onUpload={upload}
        onNewFolder={() => setCreatingFolder(true)}
        onShare={() => setSharing(true)}
        onRequestFiles={requestsOn ? () => setRequesting(prefix) : undefined}
      />
      <SelectionBar
        prefix={prefix}
        selection={selection}
        onClear={() => onSelectionChange([])}
        onDelete={() => setConfirmingDelete(selection)}
      />

      {notice && (
        <p
          class={`alert ${notice.kind === 'error' ? 'alert-error' : 'alert-success'}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="files-notice"
        >
          {notice.text}
        </p>
      )}

      <UploadsPanel uploads={queue.uploads} onCancel={queue.cancel} onClearFinished={queue.clearFinished} />

      <div class={`card table-card dropzone ${drop.dragging ? 'is-dragging' : ''}`}>
        {drop.dragging && (
          <div class="drop-overlay" aria-hidden="true">
            <UploadIcon />
            <span>{t('filesView.dropTo', { folder: crumbs.length ? crumbs[crumbs.length - 1]!.name : t('filesView.allFiles') })}</span>
          </div>
        )}
        <FileTable
          folders={folders}
          files={files}
          selection={selection}
          onSelectionChange={onSelectionChange}
          onRequestFiles={requestsOn ? setRequesting : undefined}
        />
        {listing.loading && <Loading />}
        {listing.error && <LoadError message={listing.error} testId="files-error" onRetry={() => load(prefix, null)} />}
        {empty && (
          <div class="empty-state" data-testid="files-empty">
            <UploadIcon />
            <p>{prefix ? t('filesView.emptyFolder') : t('filesView.noFiles')}</p>
            <p class="muted">{t('filesView.dropHint')}</p>
            <button
              type="button"
              class="btn btn-primary"
              onClick={() => document.getElementById('upload-input')?.click()}
              data-testid="files-empty-upload"
            >
              {t('filesView.upload')}
            </button>
          </div>
        )}
      </div>
      <LoadMore show={!!listing.nextCursor && !listing.loading} testId="files-load-more" onLoad={() => load(prefix, listing.nextCursor)} />

      {creatingFolder && (
        <NewFolderDialog
          prefix={prefix}
          onClose={(created) => {
            setCreatingFolder(false);
            if (!created) return;
            setNotice({ kind: 'success', text: t('filesView.folderCreated', { name: created }) });
            reload();
          }}
        />
      )}
      {confirmingDelete && (
        <DeleteDialog
          items={confirmingDelete}
          onClose={(result) => {
            setConfirmingDelete(undefined);
            if (result) deleted(result);
          }}
        />
      )}
      {requesting !== undefined && <RequestDialog folder={requesting} policy={policy} onClose={() => setRequesting(undefined)} />}
      {sharing && (
        <ShareDialog
          items={selection}
          policy={policy}
          onClose={(created) => {
            setSharing(false);
            if (created) onSelectionChange([]);
          }}
        />
      )}
    </section>
  );
}

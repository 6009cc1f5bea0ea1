import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { baseName, crumbsOf, formatBytes, formatDateTime, parentOf } from '../../common/format.js';
import { ApiError, messageOf } from '../../common/http.js';
import { FileIcon, FolderIcon, LinkIcon, UploadIcon } from '../../common/icons.js';
import { Modal } from '../../common/Modal.js';
import { filesHref } from '../lib/router.js';
import { createFolder, deleteFiles, listFiles } from '../api.js';
import { ShareDialog } from '../components/share-dialog/ShareDialog.js';
import type { DeletedFiles, FileEntry, FolderEntry, SelectedItem, SharePolicy } from '../types.js';
import { filesFromDrop, filesFromInput, uploadFile, UPLOAD_CANCELLED, type PendingUpload } from '../lib/uploads.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { usePagedList } from '../../common/usePagedList.js';

interface FilesViewProps {
  prefix: string;
  selection: SelectedItem[];
  onSelectionChange: (selection: SelectedItem[]) => void;
  policy?: SharePolicy | undefined;
}

type UploadStatus = 'queued' | 'uploading' | 'done' | 'failed' | 'cancelled';

interface UploadItem {
  id: number;
  name: string;
  path: string;
  loaded: number;
  total: number;
  status: UploadStatus;
  error?: string;
  abort: AbortController;
}

type Notice = { kind: 'error' | 'success'; text: string };

/** Files uploading at once; each large file also sends several parts at once (uploads.ts). */
const PARALLEL_UPLOADS = 3;
let nextUploadId = 0;

/** Folders may come as plain paths ("docs/") or as objects; both become {path,name}. */
function normalizeFolders(folders: (string | FolderEntry)[]): FolderEntry[] {
  return folders.map((folder) => {
    if (typeof folder === 'string') return { path: folder, name: baseName(folder) };
    return { path: folder.path, name: folder.name ?? baseName(folder.path) };
  });
}

const isActive = (item: UploadItem) => item.status === 'queued' || item.status === 'uploading';
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export function FilesView({ prefix, selection, onSelectionChange, policy }: FilesViewProps) {
  // One item per page loaded, so that every folder lists before every file.
  const [listing, loadPage] = usePagedList<{ folders: FolderEntry[]; files: FileEntry[] }>();
  const folders = listing.items.flatMap((page) => page.folders);
  const files = listing.items.flatMap((page) => page.files);
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const [dragDepth, setDragDepth] = useState(0);
  const [sharing, setSharing] = useState(false);
  const [creatingFolder, setCreatingFolder] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState<SelectedItem[]>();
  const [notice, setNotice] = useState<Notice>();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const prefixRef = useRef(prefix);
  prefixRef.current = prefix;

  useEffect(() => {
    // Not a JSX attribute in every typing: set the property that makes the picker choose folders.
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);

  const load = useCallback(
    (folder: string, cursor: string | null) =>
      loadPage(cursor, async () => {
        const page = await listFiles(folder, cursor);
        return { items: [{ folders: normalizeFolders(page.folders ?? []), files: page.files ?? [] }], nextCursor: page.nextCursor };
      }),
    [loadPage],
  );

  useEffect(() => {
    setNotice(undefined);
    void load(prefix, null);
  }, [prefix, load]);

  const updateUpload = (id: number, change: Partial<UploadItem>) =>
    setUploads((items) => items.map((item) => (item.id === id ? { ...item, ...change } : item)));

  const startUploads = (pending: PendingUpload[]) => {
    if (pending.length === 0) return;
    const added: UploadItem[] = pending.map(({ file, path }) => ({
      id: ++nextUploadId,
      name: path.slice(prefixRef.current.length) || file.name,
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
        updateUpload(item.id, { status: 'uploading' });
        try {
          await uploadFile(file, item.path, (loaded, total) => updateUpload(item.id, { loaded, total }), item.abort.signal);
          updateUpload(item.id, { status: 'done', loaded: file.size });
        } catch (error) {
          const wasCancelled = item.abort.signal.aborted || (error instanceof ApiError && error.code === UPLOAD_CANCELLED);
          updateUpload(item.id, wasCancelled ? { status: 'cancelled' } : { status: 'failed', error: messageOf(error) });
        }
      }
    };
    void Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, worker)).then(() => load(prefixRef.current, null));
  };

  const cancelUpload = (item: UploadItem) => {
    item.abort.abort();
    // A queued file never started: mark it at once instead of waiting for its turn.
    if (item.status === 'queued') updateUpload(item.id, { status: 'cancelled' });
  };

  /** Empty folders of a dropped tree have no file to carry them; they get a marker each. */
  const createEmptyFolders = async (paths: string[]) => {
    for (const path of paths) {
      await createFolder(path).catch((error: unknown) => {
        if (!(error instanceof ApiError && error.status === 409)) throw error;
      });
    }
  };

  const isSelected = (path: string) => selection.some((item) => item.path === path);
  const toggle = (item: SelectedItem, on: boolean) =>
    onSelectionChange(on ? [...selection.filter((s) => s.path !== item.path), item] : selection.filter((s) => s.path !== item.path));
  const pageItems: SelectedItem[] = [
    ...folders.map((folder) => ({ path: folder.path, name: folder.name, kind: 'folder' as const })),
    ...files.map((file) => ({ path: file.path, name: file.name, kind: 'file' as const })),
  ];
  const allOnPageSelected = pageItems.length > 0 && pageItems.every((item) => isSelected(item.path));
  const toggleAll = (on: boolean) => {
    const others = selection.filter((s) => !pageItems.some((item) => item.path === s.path));
    onSelectionChange(on ? [...others, ...pageItems] : others);
  };

  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  const dropHandlers = {
    onDragEnter: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragDepth((depth) => depth + 1);
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      setDragDepth((depth) => Math.max(0, depth - 1));
    },
    onDrop: (event: DragEvent) => {
      if (!event.dataTransfer) return;
      event.preventDefault();
      setDragDepth(0);
      filesFromDrop(event.dataTransfer, prefix)
        .then(async (picked) => {
          startUploads(picked.files);
          await createEmptyFolders(picked.emptyFolders);
          if (picked.files.length === 0 && picked.emptyFolders.length > 0) await load(prefixRef.current, null);
        })
        .catch((error: unknown) => setNotice({ kind: 'error', text: `Could not read the dropped files: ${messageOf(error)}` }));
    },
  };

  const crumbs = crumbsOf(prefix);
  const elsewhere = selection.filter((item) => parentOf(item.path) !== prefix).length;
  const empty = !listing.loading && !listing.error && pageItems.length === 0;
  const finishedCount = uploads.filter((item) => !isActive(item)).length;
  const counted = uploads.filter((item) => item.status !== 'cancelled');
  const overallTotal = counted.reduce((sum, item) => sum + item.total, 0);
  const overallLoaded = counted.reduce((sum, item) => sum + Math.min(item.loaded, item.total), 0);
  const overallPercent = overallTotal > 0 ? Math.floor((overallLoaded / overallTotal) * 100) : counted.every((item) => item.status === 'done') ? 100 : 0;
  const uploading = uploads.some(isActive);
  const doneCount = counted.filter((item) => item.status === 'done').length;

  return (
    <section class="view files-view" aria-labelledby="files-title" {...dropHandlers}>
      <div class="page-header">
        <div>
          <h1 id="files-title">My files</h1>
          <nav aria-label="Folder path" class="breadcrumbs" data-testid="breadcrumbs">
            <ol>
              <li>
                {crumbs.length === 0 ? <span aria-current="page">All files</span> : <a href={filesHref('')}>All files</a>}
              </li>
              {crumbs.map((crumb, index) => (
                <li key={crumb.path}>
                  {index === crumbs.length - 1 ? <span aria-current="page">{crumb.name}</span> : <a href={filesHref(crumb.path)}>{crumb.name}</a>}
                </li>
              ))}
            </ol>
          </nav>
        </div>
        <div class="page-actions">
          <input
            ref={fileInput}
            id="upload-input"
            class="visually-hidden"
            type="file"
            multiple
            tabIndex={-1}
            aria-hidden="true"
            data-testid="upload-input"
            onChange={(event) => {
              const input = event.currentTarget;
              startUploads(filesFromInput(input.files, prefix));
              input.value = '';
            }}
          />
          <input
            ref={folderInput}
            class="visually-hidden"
            type="file"
            multiple
            tabIndex={-1}
            aria-hidden="true"
            data-testid="upload-folder-input"
            onChange={(event) => {
              const input = event.currentTarget;
              startUploads(filesFromInput(input.files, prefix));
              input.value = '';
            }}
          />
          <button type="button" class="btn btn-ghost" onClick={() => setCreatingFolder(true)} data-testid="new-folder-button">
            <FolderIcon /> New folder
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => folderInput.current?.click()} data-testid="upload-folder-button">
            <UploadIcon /> Upload folder
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => fileInput.current?.click()} data-testid="upload-button">
            <UploadIcon /> Upload files
          </button>
          <button
            type="button"
            class="btn btn-primary"
            disabled={selection.length === 0}
            onClick={() => setSharing(true)}
            data-testid="share-button"
          >
            <LinkIcon /> Share{selection.length > 0 ? ` (${selection.length})` : ''}
          </button>
        </div>
      </div>

      {selection.length > 0 && (
        <div class="selection-bar" data-testid="selection-bar">
          <span>
            {plural(selection.length, 'item')} selected
            {elsewhere > 0 ? ` (${elsewhere} in other folders)` : ''}
          </span>
          <span class="selection-actions">
            <button type="button" class="btn-link" onClick={() => onSelectionChange([])}>
              Clear selection
            </button>
            <button type="button" class="btn btn-danger-ghost btn-small" onClick={() => setConfirmingDelete(selection)} data-testid="delete-button">
              Delete
            </button>
          </span>
        </div>
      )}

      {notice && (
        <p class={`alert ${notice.kind === 'error' ? 'alert-error' : 'alert-success'}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="files-notice">
          {notice.text}
        </p>
      )}

      {uploads.length > 0 && (
        <section class="card uploads" aria-labelledby="uploads-title" data-testid="uploads">
          <div class="uploads-header">
            <h2 id="uploads-title">Uploads</h2>
            {finishedCount > 0 && (
              <button type="button" class="btn-link" onClick={() => setUploads((items) => items.filter(isActive))}>
                Clear finished
              </button>
            )}
          </div>
          <div class="uploads-overall" data-testid="uploads-overall" data-percent={overallPercent}>
            <span data-testid="uploads-overall-text">
              {uploading
                ? `${doneCount} of ${plural(counted.length, 'file')} uploaded · ${overallPercent}% of ${formatBytes(overallTotal)}`
                : `${plural(doneCount, 'file')} uploaded${counted.some((item) => item.status === 'failed') ? ', some failed' : ''}`}
            </span>
            <progress max={100} value={overallPercent} aria-label="Overall upload progress" />
          </div>
          <ul>
            {uploads.map((item) => {
              const percent = item.total > 0 ? Math.floor((item.loaded / item.total) * 100) : item.status === 'done' ? 100 : 0;
              return (
                <li key={item.id} class={`upload upload-${item.status}`} data-testid="upload-item" data-status={item.status}>
                  <div class="upload-line">
                    <span class="upload-name" title={item.path}>
                      {item.name}
                    </span>
                    <span class="upload-status" data-testid="upload-status">
                      {item.status === 'queued' && 'Waiting…'}
                      {item.status === 'uploading' && `${percent}% of ${formatBytes(item.total)}`}
                      {item.status === 'done' && `Uploaded · ${formatBytes(item.total)}`}
                      {item.status === 'failed' && 'Failed'}
                      {item.status === 'cancelled' && 'Cancelled'}
                    </span>
                    {isActive(item) && (
                      <button type="button" class="btn-link" onClick={() => cancelUpload(item)} aria-label={`Cancel upload of ${item.name}`} data-testid="upload-cancel">
                        Cancel
                      </button>
                    )}
                  </div>
                  <progress max={100} value={percent} aria-label={`Upload progress of ${item.name}`} data-testid="upload-progress" />
                  {item.error && <p class="upload-error">{item.error}</p>}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <div class={`card table-card dropzone ${dragDepth > 0 ? 'is-dragging' : ''}`}>
        {dragDepth > 0 && (
          <div class="drop-overlay" aria-hidden="true">
            <UploadIcon />
            <span>Drop to upload to {crumbs.length ? crumbs[crumbs.length - 1]!.name : 'All files'}</span>
          </div>
        )}
        <table class="table" data-testid="file-table">
          <thead>
            <tr>
              <th class="col-check">
                <input
                  type="checkbox"
                  aria-label="Select everything in this folder"
                  checked={allOnPageSelected}
                  disabled={pageItems.length === 0}
                  onChange={(event) => toggleAll(event.currentTarget.checked)}
                />
              </th>
              <th>Name</th>
              <th class="col-size">Size</th>
              <th class="col-date">Modified</th>
            </tr>
          </thead>
          <tbody>
            {folders.map((folder) => (
              <tr key={folder.path} class={isSelected(folder.path) ? 'is-selected' : ''} data-testid="folder-row" data-path={folder.path}>
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select folder ${folder.name}`}
                    checked={isSelected(folder.path)}
                    onChange={(event) => toggle({ path: folder.path, name: folder.name, kind: 'folder' }, event.currentTarget.checked)}
                    data-testid="folder-checkbox"
                  />
                </td>
                <td class="col-name">
                  <a href={filesHref(folder.path)} class="entry-name" data-testid="folder-link">
                    <FolderIcon />
                    <span>{folder.name}</span>
                  </a>
                </td>
                <td class="col-size muted">Folder</td>
                <td class="col-date muted">—</td>
              </tr>
            ))}
            {files.map((file) => (
              <tr key={file.path} class={isSelected(file.path) ? 'is-selected' : ''} data-testid="file-row" data-path={file.path}>
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${file.name}`}
                    checked={isSelected(file.path)}
                    onChange={(event) => toggle({ path: file.path, name: file.name, kind: 'file' }, event.currentTarget.checked)}
                    data-testid="file-checkbox"
                  />
                </td>
                <td class="col-name">
                  <span class="entry-name">
                    <FileIcon />
                    <span data-testid="file-name">{file.name}</span>
                  </span>
                </td>
                <td class="col-size">{formatBytes(file.size)}</td>
                <td class="col-date muted">{file.lastModified ? formatDateTime(file.lastModified) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {listing.loading && (
          <Loading />
        )}
        {listing.error && (
          <LoadError message={listing.error} testId="files-error" onRetry={() => load(prefix, null)} />
        )}
        {empty && (
          <div class="empty-state" data-testid="files-empty">
            <UploadIcon />
            <p>{prefix ? 'This folder is empty.' : 'You have no files yet.'}</p>
            <p class="muted">Drop files or folders here, or use “Upload files”.</p>
          </div>
        )}
      </div>
      <LoadMore show={!!listing.nextCursor && !listing.loading} testId="files-load-more" onLoad={() => load(prefix, listing.nextCursor)} />

      {creatingFolder && (
        <NewFolderDialog
          prefix={prefix}
          onClose={(created) => {
            setCreatingFolder(false);
            if (created) {
              setNotice({ kind: 'success', text: `Folder “${created}” created.` });
              void load(prefixRef.current, null);
            }
          }}
        />
      )}

      {confirmingDelete && (
        <DeleteDialog
          items={confirmingDelete}
          onClose={(result) => {
            setConfirmingDelete(undefined);
            if (!result) return;
            const gone = new Set([...result.deleted.map((item) => item.path), ...result.notFound]);
            onSelectionChange(selection.filter((item) => !gone.has(item.path)));
            setNotice({
              kind: 'success',
              text: `Deleted ${plural(result.deleted.length, 'item')} (${plural(result.deletedObjects, 'stored object')}).${
                result.notFound.length ? ` ${plural(result.notFound.length, 'item was', 'items were')} already gone.` : ''
              }`,
            });
            void load(prefixRef.current, null);
          }}
        />
      )}

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

/** A folder name is one path segment; the server checks again and explains what it refuses. */
function folderNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Type a name for the folder.';
  if (name.includes('/') || name.includes('\\')) return 'A folder name cannot contain “/” or “\\”.';
  if (name === '.' || name === '..') return 'Choose another name: “.” and “..” are reserved.';
  if (name.trim() !== name) return 'A folder name cannot start or end with spaces.';
  return undefined;
}

function NewFolderDialog({ prefix, onClose }: { prefix: string; onClose: (created?: string) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const problem = folderNameProblem(name);
    if (problem) return setError(problem);
    setBusy(true);
    setError(undefined);
    try {
      await createFolder(`${prefix}${name}/`);
      onClose(name);
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  return (
    <Modal title="New folder" onClose={() => onClose()} testId="new-folder-dialog">
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="new-folder-name">Name</label>
          <input
            id="new-folder-name"
            type="text"
            autoFocus
            maxLength={255}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'new-folder-error' : undefined}
            data-testid="new-folder-name"
          />
        </div>
        {error && (
          <p id="new-folder-error" class="alert alert-error" role="alert" data-testid="new-folder-error">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" class="btn btn-ghost" onClick={() => onClose()}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="new-folder-submit">
            {busy ? 'Creating…' : 'Create folder'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteDialog({ items, onClose }: { items: SelectedItem[]; onClose: (result?: DeletedFiles) => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const folders = items.filter((item) => item.kind === 'folder').length;

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const total: DeletedFiles = { deleted: [], notFound: [], pending: [], deletedObjects: 0 };
    try {
      // A large folder takes several calls: the server stops in time and says what is left.
      for (let paths = items.map((item) => item.path); paths.length > 0; ) {
        const answer = await deleteFiles(paths);
        for (const entry of answer.deleted) {
          const known = total.deleted.find((item) => item.path === entry.path);
          if (known) known.objects += entry.objects;
          else total.deleted.push({ ...entry });
        }
        total.notFound.push(...answer.notFound.filter((path) => !total.deleted.some((item) => item.path === path)));
        total.deletedObjects += answer.deletedObjects;
        paths = answer.pending;
      }
      onClose(total);
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  const what = items.length === 1 ? `“${items[0]!.name}”` : plural(items.length, 'item');
  return (
    <Modal title={items.length === 1 ? 'Delete item' : 'Delete items'} onClose={() => onClose()} role="alertdialog" describedBy="delete-text" testId="delete-dialog">
      <p id="delete-text" data-testid="delete-text">
        Delete {what}?{folders > 0 ? ' Folders are deleted with everything in them.' : ''} This cannot be undone, and recipients of links that include{' '}
        {items.length === 1 ? 'it' : 'them'} lose access to the deleted files.
      </p>
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="btn btn-ghost" onClick={() => onClose()} autofocus data-testid="delete-keep">
          Keep
        </button>
        <button type="button" class="btn btn-danger" onClick={confirm} disabled={busy} data-testid="confirm-delete">
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </Modal>
  );
}

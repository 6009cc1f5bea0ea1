import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { baseName, crumbsOf, formatBytes, formatDateTime, parentOf } from '../common/format.js';
import { messageOf } from '../common/http.js';
import { FileIcon, FolderIcon, LinkIcon, UploadIcon } from '../common/icons.js';
import { filesHref } from './router.js';
import { api, withQuery } from './session.js';
import { ShareDialog } from './ShareDialog.js';
import type { FileEntry, FileListing, FolderEntry, SelectedItem, SharePolicy } from './types.js';
import { filesFromDrop, uploadFile, type PendingUpload } from './uploads.js';

interface FilesViewProps {
  prefix: string;
  selection: SelectedItem[];
  onSelectionChange: (selection: SelectedItem[]) => void;
  policy?: SharePolicy | undefined;
}

interface Listing {
  folders: FolderEntry[];
  files: FileEntry[];
  nextCursor: string | null;
  loading: boolean;
  error?: string;
}

interface UploadItem {
  id: number;
  name: string;
  path: string;
  loaded: number;
  total: number;
  status: 'queued' | 'uploading' | 'done' | 'failed';
  error?: string;
  abort: AbortController;
}

const PARALLEL_UPLOADS = 3;
let nextUploadId = 0;

/** Folders may come as plain paths ("docs/") or as objects; both become {path,name}. */
function normalizeFolders(folders: unknown[]): FolderEntry[] {
  return folders.map((folder) => {
    if (typeof folder === 'string') return { path: folder, name: baseName(folder) };
    const entry = folder as { path: string; name?: string };
    return { path: entry.path, name: entry.name ?? baseName(entry.path) };
  });
}

export function FilesView({ prefix, selection, onSelectionChange, policy }: FilesViewProps) {
  const [listing, setListing] = useState<Listing>({ folders: [], files: [], nextCursor: null, loading: true });
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const [dragDepth, setDragDepth] = useState(0);
  const [sharing, setSharing] = useState(false);
  const [notice, setNotice] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  // Each load gets a number; answers to an older load (another folder) are dropped.
  const loadSeq = useRef(0);
  const prefixRef = useRef(prefix);
  prefixRef.current = prefix;

  const load = useCallback(async (folder: string, cursor: string | null) => {
    const seq = ++loadSeq.current;
    setListing((current) => ({ ...(cursor ? current : { folders: [], files: [], nextCursor: null }), loading: true, error: undefined }));
    try {
      const page = await api<FileListing>('GET', withQuery('/api/files', { prefix: folder, cursor }));
      if (seq !== loadSeq.current) return;
      setListing((current) => ({
        folders: [...(cursor ? current.folders : []), ...normalizeFolders(page.folders ?? [])],
        files: [...(cursor ? current.files : []), ...(page.files ?? [])],
        nextCursor: page.nextCursor ?? null,
        loading: false,
      }));
    } catch (error) {
      if (seq !== loadSeq.current) return;
      setListing((current) => ({ ...current, loading: false, error: messageOf(error) }));
    }
  }, []);

  useEffect(() => {
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
    setUploads((items) => [...items.filter((item) => item.status !== 'done'), ...added]);
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
          updateUpload(item.id, { status: 'failed', error: messageOf(error) });
        }
      }
    };
    void Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, worker)).then(() =>
      load(prefixRef.current, null),
    );
  };

  const isSelected = (path: string) => selection.some((item) => item.path === path);
  const toggle = (item: SelectedItem, on: boolean) =>
    onSelectionChange(on ? [...selection.filter((s) => s.path !== item.path), item] : selection.filter((s) => s.path !== item.path));
  const pageItems: SelectedItem[] = [
    ...listing.folders.map((folder) => ({ path: folder.path, name: folder.name, kind: 'folder' as const })),
    ...listing.files.map((file) => ({ path: file.path, name: file.name, kind: 'file' as const })),
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
      filesFromDrop(event.dataTransfer, prefix).then(startUploads, (error: unknown) =>
        setNotice(`Could not read the dropped files: ${messageOf(error)}`),
      );
    },
  };

  const crumbs = crumbsOf(prefix);
  const elsewhere = selection.filter((item) => parentOf(item.path) !== prefix).length;
  const empty = !listing.loading && !listing.error && pageItems.length === 0;
  const finishedCount = uploads.filter((item) => item.status === 'done' || item.status === 'failed').length;

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
              startUploads([...(input.files ?? [])].map((file) => ({ file, path: prefix + file.name })));
              input.value = '';
            }}
          />
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
            {selection.length} {selection.length === 1 ? 'item' : 'items'} selected
            {elsewhere > 0 ? ` (${elsewhere} in other folders)` : ''}
          </span>
          <button type="button" class="btn-link" onClick={() => onSelectionChange([])}>
            Clear selection
          </button>
        </div>
      )}

      {notice && (
        <p class="alert alert-error" role="alert">
          {notice}
        </p>
      )}

      {uploads.length > 0 && (
        <section class="card uploads" aria-labelledby="uploads-title" data-testid="uploads">
          <div class="uploads-header">
            <h2 id="uploads-title">Uploads</h2>
            {finishedCount > 0 && (
              <button
                type="button"
                class="btn-link"
                onClick={() => setUploads((items) => items.filter((item) => item.status === 'queued' || item.status === 'uploading'))}
              >
                Clear finished
              </button>
            )}
          </div>
          <ul>
            {uploads.map((item) => {
              const percent = item.total > 0 ? Math.round((item.loaded / item.total) * 100) : item.status === 'done' ? 100 : 0;
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
                    </span>
                    {(item.status === 'queued' || item.status === 'uploading') && (
                      <button type="button" class="btn-link" onClick={() => item.abort.abort()} aria-label={`Cancel upload of ${item.name}`}>
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
            {listing.folders.map((folder) => (
              <tr key={folder.path} class={isSelected(folder.path) ? 'is-selected' : ''} data-testid="folder-row" data-path={folder.path}>
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select folder ${folder.name}`}
                    checked={isSelected(folder.path)}
                    onChange={(event) => toggle({ path: folder.path, name: folder.name, kind: 'folder' }, event.currentTarget.checked)}
                  />
                </td>
                <td class="col-name">
                  <a href={filesHref(folder.path)} class="entry-name">
                    <FolderIcon />
                    <span>{folder.name}</span>
                  </a>
                </td>
                <td class="col-size muted">Folder</td>
                <td class="col-date muted">—</td>
              </tr>
            ))}
            {listing.files.map((file) => (
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
          <p class="table-state" role="status">
            Loading…
          </p>
        )}
        {listing.error && (
          <div class="table-state">
            <p class="alert alert-error" role="alert" data-testid="files-error">
              {listing.error}
            </p>
            <button type="button" class="btn btn-secondary" onClick={() => load(prefix, null)}>
              Try again
            </button>
          </div>
        )}
        {empty && (
          <div class="empty-state" data-testid="files-empty">
            <UploadIcon />
            <p>{prefix ? 'This folder is empty.' : 'You have no files yet.'}</p>
            <p class="muted">Drop files here or use “Upload files”.</p>
          </div>
        )}
      </div>
      {listing.nextCursor && !listing.loading && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => load(prefix, listing.nextCursor)} data-testid="files-load-more">
            Load more
          </button>
        </div>
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

import { formatBytes } from '../../common/format.js';
import type { DownloadNote, Zipping } from '../hooks/useDownloads.js';

/** A zip on its way: how much is in it so far, and a way to stop it. */
export function ZipProgressNote({ zipping }: { zipping: Zipping | undefined }) {
  if (!zipping) return null;
  return (
    <div class="zip-progress alert alert-info" role="status" data-testid="zip-progress">
      <span data-testid="zip-progress-text">
        Zipping “{zipping.label}”: {zipping.progress.files}
        {zipping.total > 0 ? ` of ${zipping.total}` : ''} {(zipping.total || zipping.progress.files) === 1 ? 'file' : 'files'},{' '}
        {formatBytes(zipping.progress.bytes)}…
      </span>
      <button type="button" class="btn-link" onClick={() => zipping.controller.abort()} data-testid="zip-cancel">
        Cancel
      </button>
    </div>
  );
}

const noteClass = { error: 'alert-error', unavailable: 'alert-info', info: 'alert-success' } as const;

/** How the last download went. */
export function DownloadNoteLine({ note }: { note: DownloadNote | undefined }) {
  if (!note) return null;
  return (
    <p class={`alert ${noteClass[note.kind]}`} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="download-note">
      {note.text}
    </p>
  );
}

import { fmt, t } from '../i18n/index.js';
import type { DownloadNote, Zipping } from '../hooks/useDownloads.js';

/** A zip on its way: how much is in it so far, and a way to stop it. */
export function ZipProgressNote({ zipping }: { zipping: Zipping | undefined }) {
  if (!zipping) return null;
  const size = fmt().formatBytes(zipping.progress.bytes);
  return (
    <div class="zip-progress alert alert-info" role="status" data-testid="zip-progress">
      <span data-testid="zip-progress-text">
        {zipping.total > 0
          ? t('share.zip.progressOf', { label: zipping.label, done: zipping.progress.files, count: zipping.total, size })
          : t('share.zip.progress', { label: zipping.label, count: zipping.progress.files, size })}
      </span>
      <button type="button" class="btn-link" onClick={() => zipping.controller.abort()} data-testid="zip-cancel">
        {t('share.zip.cancel')}
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

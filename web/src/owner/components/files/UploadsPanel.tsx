import { useEffect, useState } from 'preact/hooks';
import { MiddleEllipsis } from '../../../common/MiddleEllipsis.js';
import { fmt, t } from '../../i18n/index.js';
import { isActive, type UploadItem } from '../../hooks/useUploadQueue.js';

interface UploadsPanelProps {
  uploads: UploadItem[];
  onCancel: (item: UploadItem) => void;
  onClearFinished: () => void;
}

/** Batches up to this size show their rows at once; bigger ones start as the one-line summary. */
const ROWS_SHOWN_OPEN = 5;

const percentOf = (loaded: number, total: number, done: boolean) => (total > 0 ? Math.floor((loaded / total) * 100) : done ? 100 : 0);

/** "Uploading 12 of 55, 1.2 GB left" while busy; "55 files uploaded, 2 failed" after. */
function summaryOf(uploads: UploadItem[], counted: UploadItem[], loaded: number, total: number): string {
  const failed = uploads.filter((item) => item.status === 'failed').length;
  const doneCount = counted.filter((item) => item.status === 'done').length;
  if (uploads.some(isActive)) {
    const started = counted.filter((item) => item.status !== 'queued').length;
    return t('files.uploads.busy', { started: Math.max(started, 1), total: counted.length, left: fmt().formatBytes(total - loaded) });
  }
  return failed ? t('files.uploads.doneFailed', { count: doneCount, failed }) : t('files.uploads.done', { count: doneCount });
}

/**
 * The uploads of this visit in a corner panel: a one-line summary with the overall progress,
 * the rows on demand. It clears itself once everything finished well (useUploadQueue); failures
 * stay until dismissed.
 */
export function UploadsPanel({ uploads, onCancel, onClearFinished }: UploadsPanelProps) {
  // Undefined follows the batch size; a press on Show or Hide decides from then on.
  const [chosen, setChosen] = useState<boolean>();
  useEffect(() => {
    if (uploads.length === 0) setChosen(undefined);
  }, [uploads.length]);
  if (uploads.length === 0) return null;
  const expanded = chosen ?? uploads.length <= ROWS_SHOWN_OPEN;
  const finishedCount = uploads.filter((item) => !isActive(item)).length;
  const counted = uploads.filter((item) => item.status !== 'cancelled');
  const overallTotal = counted.reduce((sum, item) => sum + item.total, 0);
  const overallLoaded = counted.reduce((sum, item) => sum + Math.min(item.loaded, item.total), 0);
  const overallPercent = percentOf(
    overallLoaded,
    overallTotal,
    counted.every((item) => item.status === 'done'),
  );
  const uploading = uploads.some(isActive);

  return (
    <section class="card uploads" aria-labelledby="uploads-title" data-testid="uploads" data-expanded={expanded}>
      <h2 id="uploads-title" class="visually-hidden">
        {t('files.uploads.title')}
      </h2>
      <div class="uploads-overall" data-testid="uploads-overall" data-percent={overallPercent}>
        <div class="uploads-bar">
          <span class="uploads-summary" role="status" data-testid="uploads-overall-text">
            {summaryOf(uploads, counted, overallLoaded, overallTotal)}
          </span>
          <button
            type="button"
            class="btn-link"
            aria-expanded={expanded}
            aria-controls="uploads-list"
            onClick={() => setChosen(!expanded)}
            data-testid="uploads-toggle"
          >
            {expanded ? t('files.uploads.hide') : t('files.uploads.show')}
          </button>
          {finishedCount > 0 && (
            <button type="button" class="btn-link" onClick={onClearFinished} data-testid="uploads-clear">
              {uploading ? t('files.uploads.clearFinished') : t('files.uploads.dismiss')}
            </button>
          )}
        </div>
        <progress max={100} value={overallPercent} aria-label={t('files.uploads.overall')} />
      </div>
      {expanded && (
        <ul id="uploads-list" class="uploads-list">
          {uploads.map((item) => (
            <UploadRow key={item.id} item={item} onCancel={onCancel} />
          ))}
        </ul>
      )}
    </section>
  );
}

function UploadRow({ item, onCancel }: { item: UploadItem; onCancel: (item: UploadItem) => void }) {
  const percent = percentOf(item.loaded, item.total, item.status === 'done');
  return (
    <li class={`upload upload-${item.status}`} data-testid="upload-item" data-status={item.status}>
      <div class="upload-line">
        <MiddleEllipsis text={item.name} class="upload-name" />
        <span class="upload-status" data-testid="upload-status">
          {item.status === 'queued' && t('files.uploads.waiting')}
          {item.status === 'uploading' && t('files.uploads.percent', { percent, size: fmt().formatBytes(item.total) })}
          {item.status === 'done' && t('files.uploads.uploaded', { size: fmt().formatBytes(item.total) })}
          {item.status === 'failed' && t('files.uploads.failed')}
          {item.status === 'cancelled' && t('files.uploads.cancelled')}
        </span>
        {isActive(item) && (
          <button
            type="button"
            class="btn-link"
            onClick={() => onCancel(item)}
            aria-label={t('files.uploads.cancelOf', { name: item.name })}
            data-testid="upload-cancel"
          >
            {t('files.uploads.cancel')}
          </button>
        )}
      </div>
      <progress max={100} value={percent} aria-label={t('files.uploads.progressOf', { name: item.name })} data-testid="upload-progress" />
      {item.error && <p class="upload-error">{item.error}</p>}
    </li>
  );
}

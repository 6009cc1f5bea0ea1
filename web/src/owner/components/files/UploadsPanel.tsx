import { formatBytes, plural } from '../../../common/format.js';
import { isActive, type UploadItem } from '../../hooks/useUploadQueue.js';

interface UploadsPanelProps {
  uploads: UploadItem[];
  onCancel: (item: UploadItem) => void;
  onClearFinished: () => void;
}

const percentOf = (loaded: number, total: number, done: boolean) => (total > 0 ? Math.floor((loaded / total) * 100) : done ? 100 : 0);

/** Every upload of this visit with its progress, and how far the whole batch is. */
export function UploadsPanel({ uploads, onCancel, onClearFinished }: UploadsPanelProps) {
  if (uploads.length === 0) return null;
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
  const doneCount = counted.filter((item) => item.status === 'done').length;

  return (
    <section class="card uploads" aria-labelledby="uploads-title" data-testid="uploads">
      <div class="uploads-header">
        <h2 id="uploads-title">Uploads</h2>
        {finishedCount > 0 && (
          <button type="button" class="btn-link" onClick={onClearFinished}>
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
        {uploads.map((item) => (
          <UploadRow key={item.id} item={item} onCancel={onCancel} />
        ))}
      </ul>
    </section>
  );
}

function UploadRow({ item, onCancel }: { item: UploadItem; onCancel: (item: UploadItem) => void }) {
  const percent = percentOf(item.loaded, item.total, item.status === 'done');
  return (
    <li class={`upload upload-${item.status}`} data-testid="upload-item" data-status={item.status}>
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
          <button
            type="button"
            class="btn-link"
            onClick={() => onCancel(item)}
            aria-label={`Cancel upload of ${item.name}`}
            data-testid="upload-cancel"
          >
            Cancel
          </button>
        )}
      </div>
      <progress max={100} value={percent} aria-label={`Upload progress of ${item.name}`} data-testid="upload-progress" />
      {item.error && <p class="upload-error">{item.error}</p>}
    </li>
  );
}

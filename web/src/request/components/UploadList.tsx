import { formatBytes } from '../../common/format.js';
import { isActive, type UploadItem } from '../hooks/useUploads.js';

const statusText: Record<UploadItem['status'], string> = {
  queued: 'Waiting',
  uploading: 'Sending',
  done: 'Received',
  failed: 'Not sent',
  cancelled: 'Cancelled',
  stopped: 'Not sent',
};

/** Every file of this visit: its progress, and a way to cancel it while it waits or sends. */
export function UploadList({
  items,
  onCancel,
  onCancelAll,
}: {
  items: UploadItem[];
  onCancel: (item: UploadItem) => void;
  onCancelAll: () => void;
}) {
  if (items.length === 0) return null;
  const active = items.filter(isActive).length;
  const received = items.filter((item) => item.status === 'done').length;
  return (
    <section class="upload-list" aria-labelledby="upload-list-title" data-testid="upload-list">
      <div class="upload-list-heading">
        <h2 id="upload-list-title">Your files</h2>
        <p class="muted" role="status" data-testid="upload-counts">
          {received} of {items.length} received{active ? `, ${active} on the way` : ''}
        </p>
        {active > 1 && (
          <button type="button" class="btn btn-ghost btn-small" onClick={onCancelAll} data-testid="cancel-all">
            Cancel all
          </button>
        )}
      </div>
      <ul>
        {items.map((item) => (
          <li key={item.id} class={`upload-row is-${item.status}`} data-testid="upload-row" data-name={item.name} data-status={item.status}>
            <div class="upload-row-main">
              <span class="upload-name" title={item.name}>
                {item.name}
              </span>
              <span class="muted upload-size">{formatBytes(item.total)}</span>
            </div>
            <progress
              value={item.status === 'done' ? item.total : item.loaded}
              max={item.total || 1}
              aria-label={`Progress of ${item.name}`}
              data-testid="upload-progress"
            />
            <div class="upload-row-status">
              <span data-testid="upload-status">
                {statusText[item.status]}
                {item.status === 'uploading' && item.total > 0 ? ` ${Math.floor((item.loaded / item.total) * 100)}%` : ''}
                {item.status === 'done' && item.storedName && item.storedName !== item.name ? ` as “${item.storedName}”` : ''}
              </span>
              {item.error && <span class="upload-error">{item.error}</span>}
              {isActive(item) && (
                <button
                  type="button"
                  class="btn btn-ghost btn-small"
                  onClick={() => onCancel(item)}
                  aria-label={`Cancel ${item.name}`}
                  data-testid="upload-cancel"
                >
                  Cancel
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

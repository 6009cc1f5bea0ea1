import { fmt, t } from '../i18n/index.js';
import { isActive, type UploadItem } from '../hooks/useUploads.js';

/** "Sending 40%", "Received as “report (2).pdf”", "Waiting". */
function statusOf(item: UploadItem): string {
  const status = t(`request.status.${item.status}`);
  if (item.status === 'uploading' && item.total > 0)
    return t('request.status.percent', { status, percent: Math.floor((item.loaded / item.total) * 100) });
  if (item.status === 'done' && item.storedName && item.storedName !== item.name)
    return t('request.status.storedAs', { status, name: item.storedName });
  return status;
}

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
        <h2 id="upload-list-title">{t('request.list.title')}</h2>
        <p class="muted" role="status" data-testid="upload-counts">
          {t(active ? 'request.list.countsActive' : 'request.list.counts', { received, total: items.length, active })}
        </p>
        {active > 1 && (
          <button type="button" class="btn btn-ghost btn-small" onClick={onCancelAll} data-testid="cancel-all">
            {t('request.list.cancelAll')}
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
              <span class="muted upload-size">{fmt().formatBytes(item.total)}</span>
            </div>
            <progress
              value={item.status === 'done' ? item.total : item.loaded}
              max={item.total || 1}
              aria-label={t('request.list.progress', { name: item.name })}
              data-testid="upload-progress"
            />
            <div class="upload-row-status">
              <span data-testid="upload-status">{statusOf(item)}</span>
              {item.error && <span class="upload-error">{item.error}</span>}
              {isActive(item) && (
                <button
                  type="button"
                  class="btn btn-ghost btn-small"
                  onClick={() => onCancel(item)}
                  aria-label={t('request.list.cancelNamed', { name: item.name })}
                  data-testid="upload-cancel"
                >
                  {t('request.list.cancel')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { CopyButton } from '../../../common/CopyButton.js';
import { MiddleEllipsis } from '../../../common/MiddleEllipsis.js';
import { shareTitle, statusLabel } from '../../lib/share-labels.js';
import type { Share } from '../../types.js';
import { fmt, t } from '../../i18n/index.js';

/** The top of a link's page: its name, state and age, and the way to cancel it. */
export function LinkHeader({ share, onCancel }: { share: Share; onCancel: () => void }) {
  return (
    <div class="page-header">
      <div class="detail-heading">
        <h1 id="link-detail-title" data-testid="link-detail-title">
          <MiddleEllipsis text={shareTitle(share)} />
        </h1>
        <p class="muted subtitle">
          <span class={`badge badge-${share.status}`} data-testid="link-detail-status">
            {statusLabel[share.status] ?? share.status}
          </span>{' '}
          {t('link.header.created', { time: fmt().formatDateTime(share.createdAt) })}
          {share.cancelledAt ? t('link.header.cancelled', { time: fmt().formatDateTime(share.cancelledAt) }) : ''}
        </p>
      </div>
      <div class="page-actions">
        {share.status === 'active' && (
          <button type="button" class="btn btn-danger-ghost" onClick={onCancel} data-testid="detail-cancel">
            {t('link.header.cancel')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The link itself, to copy or show as a QR code while it still opens; an expired or cancelled one is only shown. */
export function LinkAddress({ share, onShowQr }: { share: Pick<Share, 'url'> & { status?: string }; onShowQr: () => void }) {
  const usable = share.status === undefined || share.status === 'active';
  return (
    <div class="card detail-card link-address">
      <label for="detail-url" class="detail-label">
        {t('link.address.label')}
      </label>
      <div class="input-row">
        <input id="detail-url" type="text" readOnly value={share.url} data-testid="detail-url" onFocus={(e) => e.currentTarget.select()} />
        {usable && <CopyButton text={share.url} label={t('link.address.copy')} testId="detail-copy" />}
        {usable && (
          <button type="button" class="btn btn-secondary" onClick={onShowQr} data-testid="detail-qr">
            {t('link.address.qr')}
          </button>
        )}
      </div>
      {!usable && (
        <p class="hint" data-testid="detail-url-dead">
          {t('link.address.dead')}
        </p>
      )}
    </div>
  );
}

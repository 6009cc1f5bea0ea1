import { WithSlot } from '../../common/WithSlot.js';
import { fmt, t } from '../i18n/index.js';
import type { PublicRequest } from '../types.js';

/** Who asks, for what, and within which limits: all the uploader may know before sending. */
export function RequestSummary({ request }: { request: PublicRequest }) {
  const format = fmt();
  const files =
    request.maxFiles === null
      ? t('request.summary.anyNumber')
      : t('request.summary.upTo', { count: request.maxFiles, left: format.formatNumber(request.remainingFiles ?? 0) });
  return (
    <header class="request-summary">
      <p class="muted request-owner" data-testid="request-owner">
        <WithSlot text={t('request.summary.asks')} slot="owner">
          <strong>{request.ownerName}</strong>
        </WithSlot>
      </p>
      <h1 data-testid="request-title">{request.title}</h1>
      {request.message && (
        <p class="request-message" data-testid="request-message">
          {request.message}
        </p>
      )}
      <ul class="request-limits" data-testid="request-limits">
        <li>{files}</li>
        <li>
          {t('request.summary.bytes', {
            total: format.formatBytes(request.maxBytes),
            left: format.formatBytes(request.remainingBytes),
            perFile: format.formatBytes(request.maxFileBytes),
          })}
        </li>
        <li>
          {request.expiresAt
            ? t('request.summary.until', { date: format.formatDateTime(request.expiresAt) })
            : t('request.summary.noExpiry')}
        </li>
      </ul>
      <p class="hint">{t('request.summary.privacy', { owner: request.ownerName })}</p>
    </header>
  );
}

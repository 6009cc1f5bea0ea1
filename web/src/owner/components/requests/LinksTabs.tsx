import { t } from '../../i18n/index.js';

/** The owner's links come in two kinds, listed side by side: share links and file requests. */
export function LinksTabs({ current }: { current: 'shares' | 'requests' }) {
  return (
    <nav class="segmented links-tabs" aria-label={t('requests.tabs.kind')}>
      <a href="#/links" aria-current={current === 'shares' ? 'page' : undefined} data-testid="tab-shares">
        {t('requests.tabs.shares')}
      </a>
      <a href="#/requests" aria-current={current === 'requests' ? 'page' : undefined} data-testid="tab-requests">
        {t('requests.tabs.requests')}
      </a>
    </nav>
  );
}

import { useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { Modal } from '../../common/Modal.js';
import { fmt, t } from '../i18n/index.js';
import { linkHref } from '../lib/router.js';
import { firstAlias, shareTitle, statusLabel } from '../lib/share-labels.js';
import { cancelShare, cancelShares, listShares } from '../api.js';
import type { Share } from '../types.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { useStatusList, type StatusFilter } from '../hooks/useStatusList.js';
import { StatusFilterTabs } from '../components/StatusFilterTabs.js';
import { LinksTabs } from '../components/requests/LinksTabs.js';
import { problemText } from '../lib/problems.js';

const filterText: Record<StatusFilter, () => string> = {
  all: () => t('links.filter.all'),
  active: () => t('links.filter.active'),
  expired: () => t('links.filter.expired'),
  cancelled: () => t('links.filter.cancelled'),
};

const fetchShares = async (status: StatusFilter, cursor: string | null) => {
  const page = await listShares({ status, cursor });
  return { items: page.shares, nextCursor: page.nextCursor };
};

export function LinksView() {
  const list = useStatusList<Share>(fetchShares);
  const { listing, selected } = list;
  const [confirming, setConfirming] = useState<string[]>();
  const [cancelBusy, setCancelBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string>();

  const askCancel = (ids: string[]) => {
    setCancelError(undefined);
    setConfirming(ids);
  };

  const confirmCancel = async () => {
    if (!confirming) return;
    setCancelBusy(true);
    setCancelError(undefined);
    try {
      let count = confirming.length;
      if (confirming.length === 1) {
        await cancelShare(confirming[0]!);
      } else {
        const result = await cancelShares(confirming);
        count = result.cancelled.length;
      }
      setConfirming(undefined);
      await list.cancelled(confirming, t('links.cancelled', { count }));
    } catch (error) {
      setCancelError(problemText(error));
    } finally {
      setCancelBusy(false);
    }
  };

  const confirmCount = confirming?.length ?? 0;

  return (
    <section class="view links-view" aria-labelledby="links-title">
      <div class="page-header">
        <div>
          <h1 id="links-title">{t('links.title')}</h1>
          <p class="muted subtitle">{t('links.subtitle')}</p>
        </div>
        <div class="page-actions">
          {selected.length > 0 && (
            <button type="button" class="btn btn-danger" onClick={() => askCancel(selected)} data-testid="cancel-selected">
              {t('links.cancelSelected', { count: selected.length })}
            </button>
          )}
        </div>
      </div>

      <LinksTabs current="shares" />

      <StatusFilterTabs
        current={list.filter}
        onChange={list.setFilter}
        label={t('links.show')}
        text={(value) => filterText[value]()}
        testIdPrefix="filter-"
      />

      {list.notice && (
        <p class="alert alert-success" role="status" data-testid="links-notice">
          {list.notice}
        </p>
      )}

      <div class="card table-card">
        <table class="table links-table" data-testid="links-table">
          <thead>
            <tr>
              <th class="col-check">
                <input
                  type="checkbox"
                  aria-label={t('links.selectAll')}
                  checked={list.allSelected}
                  disabled={list.cancellable.length === 0}
                  onChange={(e) => list.selectAll(e.currentTarget.checked)}
                />
              </th>
              <th>{t('links.col.items')}</th>
              <th>{t('links.col.status')}</th>
              <th class="col-date">{t('links.col.created')}</th>
              <th class="col-date">{t('links.col.expires')}</th>
              <th class="col-num">{t('links.col.downloads')}</th>
              <th class="col-actions">
                <span class="visually-hidden">{t('links.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.items.map((share) => (
              <tr key={share.id} data-testid="link-row" data-share-id={share.id} class={list.isSelected(share.id) ? 'is-selected' : ''}>
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={t('links.selectOne', { title: shareTitle(share) })}
                    disabled={share.status !== 'active'}
                    checked={list.isSelected(share.id)}
                    onChange={(e) => list.toggle(share.id, e.currentTarget.checked)}
                    data-testid="link-checkbox"
                  />
                </td>
                <td class="col-name" data-label={t('links.col.items')}>
                  <a class="link-title link-open" href={linkHref(share.id)} data-testid="link-open" title={t('links.openTitle')}>
                    <MiddleEllipsis text={firstAlias(share)} testId="link-title" />
                    {share.items.length > 1 && <span class="link-more">{t('links.more', { count: share.items.length - 1 })}</span>}
                  </a>
                  <span class="link-meta muted">
                    {share.requiresPassword ? t('links.password') : t('links.noPassword')} ·{' '}
                    {share.allowDownload ? t('links.downloadsOn') : t('links.downloadsOff')}
                    {share.deviceBinding ? t('links.bound') : ''}
                  </span>
                </td>
                <td data-label={t('links.col.status')}>
                  <span class={`badge badge-${share.status}`} data-testid="link-status">
                    {statusLabel[share.status] ?? share.status}
                  </span>
                </td>
                <td class="col-date" data-label={t('links.col.created')} title={fmt().formatDateTime(share.createdAt)}>
                  {fmt().formatDate(share.createdAt)}
                </td>
                <td
                  class="col-date"
                  data-label={t('links.col.expires')}
                  title={share.expiresAt ? fmt().formatDateTime(share.expiresAt) : undefined}
                >
                  {share.expiresAt ? fmt().formatDate(share.expiresAt) : t('links.never')}
                </td>
                <td class="col-num" data-label={t('links.col.downloads')} data-testid="link-downloads">
                  {share.downloadCount}
                </td>
                <td class="col-actions">
                  <div class="row-actions">
                    <a
                      class="btn btn-secondary btn-small"
                      href={linkHref(share.id)}
                      aria-label={t('links.detailsOf', { title: shareTitle(share) })}
                      data-testid="link-details"
                    >
                      {t('links.details')}
                    </a>
                    {share.status === 'active' && (
                      <CopyButton
                        text={share.url}
                        label={t('links.copyLink')}
                        accessibleLabel={t('links.copyLinkFor', { title: shareTitle(share) })}
                        testId="link-copy"
                        class="btn-small"
                      />
                    )}
                    {share.status === 'active' && (
                      <button
                        type="button"
                        class="btn btn-danger-ghost btn-small"
                        onClick={() => askCancel([share.id])}
                        aria-label={t('links.cancelFor', { title: shareTitle(share) })}
                        data-testid="link-cancel"
                      >
                        {t('links.cancel')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {listing.loading && <Loading />}
        {listing.error && <LoadError message={listing.error} testId="links-error" onRetry={list.reload} />}
        {!listing.loading && !listing.error && listing.items.length === 0 && (
          <div class="empty-state" data-testid="links-empty">
            <p>{t(`links.empty.${list.filter}`)}</p>
            {list.filter === 'all' && (
              <>
                <p class="muted">{t('links.empty.hint')}</p>
                <a class="btn btn-primary" href="#/files/" data-testid="links-empty-action">
                  {t('links.empty.action')}
                </a>
              </>
            )}
          </div>
        )}
      </div>
      <LoadMore show={!!listing.nextCursor && !listing.loading} testId="links-load-more" onLoad={list.loadMore} />

      {confirming && (
        <Modal
          title={confirmCount === 1 ? t('links.confirm.titleOne') : t('links.confirm.titleMany')}
          onClose={() => setConfirming(undefined)}
          role="alertdialog"
          describedBy="confirm-cancel-text"
          testId="confirm-dialog"
        >
          <p id="confirm-cancel-text" data-testid="confirm-text">
            {confirmCount === 1 ? t('links.confirm.textOne') : t('links.confirm.textMany', { count: confirmCount })}
          </p>
          {cancelError && (
            <p class="alert alert-error" role="alert">
              {cancelError}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="btn btn-ghost" onClick={() => setConfirming(undefined)} data-testid="confirm-keep" autofocus>
              {confirmCount === 1 ? t('links.confirm.keepOne') : t('links.confirm.keepMany')}
            </button>
            <button type="button" class="btn btn-danger" onClick={confirmCancel} disabled={cancelBusy} data-testid="confirm-cancel">
              {cancelBusy
                ? t('links.confirm.cancelling')
                : confirmCount === 1
                  ? t('links.confirm.cancelOne')
                  : t('links.confirm.cancelMany', { count: confirmCount })}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

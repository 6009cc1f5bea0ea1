import { useCallback, useEffect, useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { Modal } from '../../common/Modal.js';
import { fmt, t } from '../i18n/index.js';
import { linkHref } from '../lib/router.js';
import { firstAlias, shareTitle, statusLabel } from '../lib/share-labels.js';
import { cancelShare, cancelShares, listShares } from '../api.js';
import type { Share, ShareStatus } from '../types.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { usePagedList } from '../../common/usePagedList.js';
import { LinksTabs } from '../components/requests/LinksTabs.js';
import { problemText } from '../lib/problems.js';

type Filter = 'all' | ShareStatus;

const filters: { value: Filter; label: () => string }[] = [
  { value: 'all', label: () => t('links.filter.all') },
  { value: 'active', label: () => t('links.filter.active') },
  { value: 'expired', label: () => t('links.filter.expired') },
  { value: 'cancelled', label: () => t('links.filter.cancelled') },
];

export function LinksView() {
  const [filter, setFilter] = useState<Filter>('all');
  const [listing, loadPage] = usePagedList<Share>();
  const [selected, setSelected] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<string[]>();
  const [cancelBusy, setCancelBusy] = useState(false);
  const [cancelError, setCancelError] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(
    (status: Filter, cursor: string | null) =>
      loadPage(cursor, async () => {
        const page = await listShares({ status, cursor });
        return { items: page.shares, nextCursor: page.nextCursor };
      }),
    [loadPage],
  );

  useEffect(() => {
    setSelected([]);
    setNotice(undefined);
    void load(filter, null);
  }, [filter, load]);

  const cancellable = listing.items.filter((share) => share.status === 'active');
  const allSelected = cancellable.length > 0 && cancellable.every((share) => selected.includes(share.id));

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
      setNotice(t('links.cancelled', { count }));
      setSelected((ids) => ids.filter((id) => !confirming.includes(id)));
      setConfirming(undefined);
      await load(filter, null);
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

      <div class="segmented" role="group" aria-label={t('links.show')}>
        {filters.map(({ value, label }) => (
          <button
            type="button"
            key={value}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
            data-testid={`filter-${value}`}
          >
            {label()}
          </button>
        ))}
      </div>

      {notice && (
        <p class="alert alert-success" role="status" data-testid="links-notice">
          {notice}
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
                  checked={allSelected}
                  disabled={cancellable.length === 0}
                  onChange={(e) => setSelected(e.currentTarget.checked ? cancellable.map((share) => share.id) : [])}
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
              <tr key={share.id} data-testid="link-row" data-share-id={share.id} class={selected.includes(share.id) ? 'is-selected' : ''}>
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={t('links.selectOne', { title: shareTitle(share) })}
                    disabled={share.status !== 'active'}
                    checked={selected.includes(share.id)}
                    onChange={(e) =>
                      setSelected((ids) => (e.currentTarget.checked ? [...ids, share.id] : ids.filter((id) => id !== share.id)))
                    }
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
        {listing.error && <LoadError message={listing.error} testId="links-error" onRetry={() => load(filter, null)} />}
        {!listing.loading && !listing.error && listing.items.length === 0 && (
          <div class="empty-state" data-testid="links-empty">
            <p>{t(`links.empty.${filter}`)}</p>
            {filter === 'all' && (
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
      <LoadMore show={!!listing.nextCursor && !listing.loading} testId="links-load-more" onLoad={() => load(filter, listing.nextCursor)} />

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

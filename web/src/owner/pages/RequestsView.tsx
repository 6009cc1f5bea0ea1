import { useCallback, useEffect, useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { messageOf } from '../../common/http.js';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { usePagedList } from '../../common/usePagedList.js';
import { cancelFileRequest, listFileRequests } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { fmt, t } from '../i18n/index.js';
import { LinksTabs } from '../components/requests/LinksTabs.js';
import { folderLabel, isFull } from '../lib/requests.js';
import { requestHref } from '../lib/router.js';
import { statusLabel } from '../lib/share-labels.js';
import type { FileRequest, ShareStatus } from '../types.js';

type Filter = 'all' | ShareStatus;

const filters: Filter[] = ['all', 'active', 'expired', 'cancelled'];

/** The owner's file requests (#/requests), with their links: paged, filtered by status, cancelled one or several at a time. */
export function RequestsView() {
  const [filter, setFilter] = useState<Filter>('all');
  const [listing, loadPage] = usePagedList<FileRequest>();
  const [selected, setSelected] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<string[]>();
  const [notice, setNotice] = useState<string>();

  const load = useCallback(
    (status: Filter, cursor: string | null) =>
      loadPage(cursor, async () => {
        const page = await listFileRequests({ status, cursor });
        return { items: page.requests, nextCursor: page.nextCursor };
      }),
    [loadPage],
  );

  useEffect(() => {
    setSelected([]);
    setNotice(undefined);
    void load(filter, null);
  }, [filter, load]);

  const cancellable = listing.items.filter((request) => request.status === 'active');
  const allSelected = cancellable.length > 0 && cancellable.every((request) => selected.includes(request.id));
  const toggle = (id: string, on: boolean) => setSelected((ids) => (on ? [...ids, id] : ids.filter((other) => other !== id)));

  /** Cancels each (the API cancels one at a time); resolves with a refusal in words, if any. */
  const cancel = async (): Promise<string | undefined> => {
    if (!confirming) return undefined;
    const results = await Promise.allSettled(confirming.map((id) => cancelFileRequest(id)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    const done = results.filter((result) => result.status === 'fulfilled').length;
    setNotice(t('reqs.cancelled', { count: done }));
    setSelected((ids) => ids.filter((id) => !confirming.includes(id)));
    await load(filter, null);
    return failed ? messageOf(failed.reason) : undefined;
  };

  return (
    <section class="view links-view" aria-labelledby="requests-title">
      <div class="page-header">
        <div>
          <h1 id="requests-title">{t('reqs.title')}</h1>
          <p class="muted subtitle">{t('reqs.subtitle')}</p>
        </div>
        <div class="page-actions">
          {selected.length > 0 && (
            <button type="button" class="btn btn-danger" onClick={() => setConfirming(selected)} data-testid="requests-cancel-selected">
              {t('reqs.cancelSelected', { count: selected.length })}
            </button>
          )}
        </div>
      </div>
      <LinksTabs current="requests" />
      <div class="segmented" role="group" aria-label={t('reqs.show')}>
        {filters.map((value) => (
          <button
            type="button"
            key={value}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
            data-testid={`request-filter-${value}`}
          >
            {t(`reqs.filter.${value}`)}
          </button>
        ))}
      </div>
      {notice && (
        <p class="alert alert-success" role="status" data-testid="requests-notice">
          {notice}
        </p>
      )}
      <div class="card table-card">
        <table class="table links-table" data-testid="requests-table">
          <thead>
            <tr>
              <th class="col-check">
                <input
                  type="checkbox"
                  aria-label={t('reqs.selectAll')}
                  checked={allSelected}
                  disabled={cancellable.length === 0}
                  onChange={(e) => setSelected(e.currentTarget.checked ? cancellable.map((request) => request.id) : [])}
                />
              </th>
              <th>{t('reqs.col.request')}</th>
              <th>{t('reqs.col.status')}</th>
              <th class="col-date">{t('reqs.col.created')}</th>
              <th class="col-date">{t('reqs.col.expires')}</th>
              <th class="col-num">{t('reqs.col.received')}</th>
              <th class="col-actions">
                <span class="visually-hidden">{t('reqs.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.items.map((request) => (
              <tr
                key={request.id}
                data-testid="request-row"
                data-request-id={request.id}
                class={selected.includes(request.id) ? 'is-selected' : ''}
              >
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={t('reqs.selectOne', { title: request.title })}
                    disabled={request.status !== 'active'}
                    checked={selected.includes(request.id)}
                    onChange={(e) => toggle(request.id, e.currentTarget.checked)}
                    data-testid="request-checkbox"
                  />
                </td>
                <td class="col-name" data-label={t('reqs.col.request')}>
                  <a class="link-title link-open" href={requestHref(request.id)} data-testid="request-open">
                    <MiddleEllipsis text={request.title} />
                  </a>
                  <span class="link-meta muted">
                    {t('reqs.into', { folder: folderLabel(request.folder) })} ·{' '}
                    {request.requiresPassword ? t('reqs.password') : t('reqs.noPassword')}
                  </span>
                </td>
                <td data-label={t('reqs.col.status')}>
                  <span class={`badge badge-${request.status}`} data-testid="request-status">
                    {statusLabel[request.status] ?? request.status}
                  </span>
                  {isFull(request) && <span class="badge badge-full">{t('reqs.full')}</span>}
                </td>
                <td class="col-date" data-label={t('reqs.col.created')} title={fmt().formatDateTime(request.createdAt)}>
                  {fmt().formatDate(request.createdAt)}
                </td>
                <td
                  class="col-date"
                  data-label={t('reqs.col.expires')}
                  title={request.expiresAt ? fmt().formatDateTime(request.expiresAt) : undefined}
                >
                  {request.expiresAt ? fmt().formatDate(request.expiresAt) : t('reqs.never')}
                </td>
                <td class="col-num" data-label={t('reqs.col.received')} data-testid="request-received">
                  {t('reqs.received', { count: request.filesReceived, size: fmt().formatBytes(request.bytesReceived) })}
                </td>
                <td class="col-actions">
                  <div class="row-actions">
                    <a
                      class="btn btn-secondary btn-small"
                      href={requestHref(request.id)}
                      aria-label={t('reqs.detailsOf', { title: request.title })}
                      data-testid="request-details"
                    >
                      {t('reqs.details')}
                    </a>
                    {request.status === 'active' && (
                      <CopyButton
                        text={request.url}
                        label={t('reqs.copyLink')}
                        accessibleLabel={t('reqs.copyLinkFor', { title: request.title })}
                        testId="request-copy"
                        class="btn-small"
                      />
                    )}
                    {request.status === 'active' && (
                      <button
                        type="button"
                        class="btn btn-danger-ghost btn-small"
                        onClick={() => setConfirming([request.id])}
                        aria-label={t('reqs.cancelFor', { title: request.title })}
                        data-testid="request-cancel"
                      >
                        {t('reqs.cancel')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {listing.loading && <Loading />}
        {listing.error && <LoadError message={listing.error} testId="requests-error" onRetry={() => load(filter, null)} />}
        {!listing.loading && !listing.error && listing.items.length === 0 && (
          <div class="empty-state" data-testid="requests-empty">
            <p>{t(`reqs.empty.${filter}`)}</p>
            {filter === 'all' && (
              <p class="muted">
                {t('reqs.empty.hintBefore')}
                <a href="#/files/">{t('reqs.empty.hintLink')}</a>
                {t('reqs.empty.hintAfter')}
              </p>
            )}
          </div>
        )}
      </div>
      <LoadMore
        show={!!listing.nextCursor && !listing.loading}
        testId="requests-load-more"
        onLoad={() => load(filter, listing.nextCursor)}
      />
      {confirming && (
        <ConfirmDialog
          title={confirming.length === 1 ? t('reqs.confirm.titleOne') : t('reqs.confirm.titleMany')}
          text={confirming.length === 1 ? t('reqs.confirm.textOne') : t('reqs.confirm.textMany', { count: confirming.length })}
          action={confirming.length === 1 ? t('reqs.confirm.actionOne') : t('reqs.confirm.actionMany', { count: confirming.length })}
          busyAction={t('reqs.confirm.cancelling')}
          danger
          testId="confirm-dialog"
          onConfirm={cancel}
          onClose={() => setConfirming(undefined)}
        />
      )}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { cancelFileRequest, listFileRequests } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { fmt, t } from '../i18n/index.js';
import { LinksTabs } from '../components/requests/LinksTabs.js';
import { folderLabel, isFull } from '../lib/requests.js';
import { requestHref } from '../lib/router.js';
import { statusLabel } from '../lib/share-labels.js';
import type { FileRequest } from '../types.js';
import { useStatusList, type StatusFilter } from '../hooks/useStatusList.js';
import { StatusFilterTabs } from '../components/StatusFilterTabs.js';
import { problemText } from '../lib/problems.js';

const fetchRequests = async (status: StatusFilter, cursor: string | null) => {
  const page = await listFileRequests({ status, cursor });
  return { items: page.requests, nextCursor: page.nextCursor };
};

/** The owner's file requests (#/requests), with their links: paged, filtered by status, cancelled one or several at a time. */
export function RequestsView() {
  const list = useStatusList<FileRequest>(fetchRequests);
  const { listing, selected } = list;
  const [confirming, setConfirming] = useState<string[]>();

  /** Cancels each (the API cancels one at a time); resolves with a refusal in words, if any. */
  const cancel = async (): Promise<string | undefined> => {
    if (!confirming) return undefined;
    const results = await Promise.allSettled(confirming.map((id) => cancelFileRequest(id)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    const done = results.filter((result) => result.status === 'fulfilled').length;
    await list.cancelled(confirming, t('reqs.cancelled', { count: done }));
    return failed ? problemText(failed.reason) : undefined;
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
      <StatusFilterTabs
        current={list.filter}
        onChange={list.setFilter}
        label={t('reqs.show')}
        text={(value) => t(`reqs.filter.${value}`)}
        testIdPrefix="request-filter-"
      />
      {list.notice && (
        <p class="alert alert-success" role="status" data-testid="requests-notice">
          {list.notice}
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
                  checked={list.allSelected}
                  disabled={list.cancellable.length === 0}
                  onChange={(e) => list.selectAll(e.currentTarget.checked)}
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
                class={list.isSelected(request.id) ? 'is-selected' : ''}
              >
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={t('reqs.selectOne', { title: request.title })}
                    disabled={request.status !== 'active'}
                    checked={list.isSelected(request.id)}
                    onChange={(e) => list.toggle(request.id, e.currentTarget.checked)}
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
        {listing.error && <LoadError message={listing.error} testId="requests-error" onRetry={list.reload} />}
        {!listing.loading && !listing.error && listing.items.length === 0 && (
          <div class="empty-state" data-testid="requests-empty">
            <p>{t(`reqs.empty.${list.filter}`)}</p>
            {list.filter === 'all' && (
              <p class="muted">
                {t('reqs.empty.hintBefore')}
                <a href="#/files/">{t('reqs.empty.hintLink')}</a>
                {t('reqs.empty.hintAfter')}
              </p>
            )}
          </div>
        )}
      </div>
      <LoadMore show={!!listing.nextCursor && !listing.loading} testId="requests-load-more" onLoad={list.loadMore} />
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

import { useCallback, useEffect, useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { formatBytes, formatDate, formatDateTime, plural } from '../../common/format.js';
import { messageOf } from '../../common/http.js';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { usePagedList } from '../../common/usePagedList.js';
import { cancelFileRequest, listFileRequests } from '../api.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { LinksTabs } from '../components/requests/LinksTabs.js';
import { folderLabel, isFull } from '../lib/requests.js';
import { requestHref } from '../lib/router.js';
import { statusLabel } from '../lib/share-labels.js';
import type { FileRequest, ShareStatus } from '../types.js';

type Filter = 'all' | ShareStatus;

const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'cancelled', label: 'Cancelled' },
];

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
    setNotice(done === 1 ? 'The file request was cancelled.' : `${done} file requests were cancelled.`);
    setSelected((ids) => ids.filter((id) => !confirming.includes(id)));
    await load(filter, null);
    return failed ? messageOf(failed.reason) : undefined;
  };

  return (
    <section class="view links-view" aria-labelledby="requests-title">
      <div class="page-header">
        <div>
          <h1 id="requests-title">My file requests</h1>
          <p class="muted subtitle">Upload links that let others send you files, newest first. Cancelling takes effect immediately.</p>
        </div>
        <div class="page-actions">
          {selected.length > 0 && (
            <button type="button" class="btn btn-danger" onClick={() => setConfirming(selected)} data-testid="requests-cancel-selected">
              Cancel selected ({selected.length})
            </button>
          )}
        </div>
      </div>
      <LinksTabs current="requests" />
      <div class="segmented" role="group" aria-label="Show file requests">
        {filters.map(({ value, label }) => (
          <button
            type="button"
            key={value}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
            data-testid={`request-filter-${value}`}
          >
            {label}
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
                  aria-label="Select all active file requests shown"
                  checked={allSelected}
                  disabled={cancellable.length === 0}
                  onChange={(e) => setSelected(e.currentTarget.checked ? cancellable.map((request) => request.id) : [])}
                />
              </th>
              <th>Request</th>
              <th>Status</th>
              <th class="col-date">Created</th>
              <th class="col-date">Expires</th>
              <th class="col-num">Received</th>
              <th class="col-actions">
                <span class="visually-hidden">Actions</span>
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
                    aria-label={`Select file request ${request.title}`}
                    disabled={request.status !== 'active'}
                    checked={selected.includes(request.id)}
                    onChange={(e) => toggle(request.id, e.currentTarget.checked)}
                    data-testid="request-checkbox"
                  />
                </td>
                <td class="col-name" data-label="Request">
                  <a class="link-title link-open" href={requestHref(request.id)} data-testid="request-open">
                    <MiddleEllipsis text={request.title} />
                  </a>
                  <span class="link-meta muted">
                    Into {folderLabel(request.folder)} · {request.requiresPassword ? 'Password' : 'No password'}
                  </span>
                </td>
                <td data-label="Status">
                  <span class={`badge badge-${request.status}`} data-testid="request-status">
                    {statusLabel[request.status] ?? request.status}
                  </span>
                  {isFull(request) && <span class="badge badge-full">Full</span>}
                </td>
                <td class="col-date" data-label="Created" title={formatDateTime(request.createdAt)}>
                  {formatDate(request.createdAt)}
                </td>
                <td class="col-date" data-label="Expires" title={request.expiresAt ? formatDateTime(request.expiresAt) : undefined}>
                  {request.expiresAt ? formatDate(request.expiresAt) : 'Never'}
                </td>
                <td class="col-num" data-label="Received" data-testid="request-received">
                  {plural(request.filesReceived, 'file')} · {formatBytes(request.bytesReceived)}
                </td>
                <td class="col-actions">
                  <div class="row-actions">
                    <a
                      class="btn btn-secondary btn-small"
                      href={requestHref(request.id)}
                      aria-label={`Details of ${request.title}`}
                      data-testid="request-details"
                    >
                      Details
                    </a>
                    {request.status === 'active' && (
                      <CopyButton
                        text={request.url}
                        label="Copy link"
                        accessibleLabel={`Copy link for ${request.title}`}
                        class="btn-small"
                      />
                    )}
                    {request.status === 'active' && (
                      <button
                        type="button"
                        class="btn btn-danger-ghost btn-small"
                        onClick={() => setConfirming([request.id])}
                        aria-label={`Cancel ${request.title}`}
                        data-testid="request-cancel"
                      >
                        Cancel
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
            <p>{filter === 'all' ? 'You have not asked anyone for files yet.' : `No ${filter} file requests.`}</p>
            {filter === 'all' && (
              <p class="muted">
                In <a href="#/files/">My files</a>, press “Request files” or use a folder’s menu.
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
          title={confirming.length === 1 ? 'Cancel file request' : 'Cancel file requests'}
          text={`${confirming.length === 1 ? 'Cancel this file request?' : `Cancel ${confirming.length} file requests?`} Uploads stop immediately; files that arrived stay in your folder.`}
          action={confirming.length === 1 ? 'Cancel request' : `Cancel ${confirming.length} requests`}
          busyAction="Cancelling…"
          danger
          testId="confirm-dialog"
          onConfirm={cancel}
          onClose={() => setConfirming(undefined)}
        />
      )}
    </section>
  );
}

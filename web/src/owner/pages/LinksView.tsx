import { useCallback, useEffect, useState } from 'preact/hooks';
import { CopyButton } from '../../common/CopyButton.js';
import { formatDate, formatDateTime } from '../../common/format.js';
import { messageOf } from '../../common/http.js';
import { MiddleEllipsis } from '../../common/MiddleEllipsis.js';
import { Modal } from '../../common/Modal.js';
import { linkHref } from '../lib/router.js';
import { firstAlias, shareTitle, statusLabel } from '../lib/share-labels.js';
import { cancelShare, cancelShares, listShares } from '../api.js';
import type { Share, ShareStatus } from '../types.js';
import { LoadError, LoadMore, Loading } from '../../common/ListStatus.js';
import { usePagedList } from '../../common/usePagedList.js';
import { LinksTabs } from '../components/requests/LinksTabs.js';

type Filter = 'all' | ShareStatus;

const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'expired', label: 'Expired' },
  { value: 'cancelled', label: 'Cancelled' },
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
      setNotice(count === 1 ? 'The link was cancelled.' : `${count} links were cancelled.`);
      setSelected((ids) => ids.filter((id) => !confirming.includes(id)));
      setConfirming(undefined);
      await load(filter, null);
    } catch (error) {
      setCancelError(messageOf(error));
    } finally {
      setCancelBusy(false);
    }
  };

  const confirmCount = confirming?.length ?? 0;

  return (
    <section class="view links-view" aria-labelledby="links-title">
      <div class="page-header">
        <div>
          <h1 id="links-title">My share links</h1>
          <p class="muted subtitle">Newest first. Open a link to change it or to see who opened it. Cancelling takes effect immediately.</p>
        </div>
        <div class="page-actions">
          {selected.length > 0 && (
            <button type="button" class="btn btn-danger" onClick={() => askCancel(selected)} data-testid="cancel-selected">
              Cancel selected ({selected.length})
            </button>
          )}
        </div>
      </div>

      <LinksTabs current="shares" />

      <div class="segmented" role="group" aria-label="Show links">
        {filters.map(({ value, label }) => (
          <button
            type="button"
            key={value}
            aria-pressed={filter === value}
            onClick={() => setFilter(value)}
            data-testid={`filter-${value}`}
          >
            {label}
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
                  aria-label="Select all active links shown"
                  checked={allSelected}
                  disabled={cancellable.length === 0}
                  onChange={(e) => setSelected(e.currentTarget.checked ? cancellable.map((share) => share.id) : [])}
                />
              </th>
              <th>Shared items</th>
              <th>Status</th>
              <th class="col-date">Created</th>
              <th class="col-date">Expires</th>
              <th class="col-num">Downloads</th>
              <th class="col-actions">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {listing.items.map((share) => (
              <tr key={share.id} data-testid="link-row" data-share-id={share.id} class={selected.includes(share.id) ? 'is-selected' : ''}>
                <td class="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select link for ${shareTitle(share)}`}
                    disabled={share.status !== 'active'}
                    checked={selected.includes(share.id)}
                    onChange={(e) =>
                      setSelected((ids) => (e.currentTarget.checked ? [...ids, share.id] : ids.filter((id) => id !== share.id)))
                    }
                    data-testid="link-checkbox"
                  />
                </td>
                <td class="col-name" data-label="Shared items">
                  <a
                    class="link-title link-open"
                    href={linkHref(share.id)}
                    data-testid="link-open"
                    title="Open the link's details and access log"
                  >
                    <MiddleEllipsis text={firstAlias(share)} testId="link-title" />
                    {share.items.length > 1 && <span class="link-more"> +{share.items.length - 1} more</span>}
                  </a>
                  <span class="link-meta muted">
                    {share.requiresPassword ? 'Password' : 'No password'} · {share.allowDownload ? 'Downloads on' : 'Downloads off'}
                    {share.deviceBinding ? ' · Bound to one device' : ''}
                  </span>
                </td>
                <td data-label="Status">
                  <span class={`badge badge-${share.status}`} data-testid="link-status">
                    {statusLabel[share.status] ?? share.status}
                  </span>
                </td>
                <td class="col-date" data-label="Created" title={formatDateTime(share.createdAt)}>
                  {formatDate(share.createdAt)}
                </td>
                <td class="col-date" data-label="Expires" title={share.expiresAt ? formatDateTime(share.expiresAt) : undefined}>
                  {share.expiresAt ? formatDate(share.expiresAt) : 'Never'}
                </td>
                <td class="col-num" data-label="Downloads" data-testid="link-downloads">
                  {share.downloadCount}
                </td>
                <td class="col-actions">
                  <div class="row-actions">
                    <a
                      class="btn btn-secondary btn-small"
                      href={linkHref(share.id)}
                      aria-label={`Details of the link for ${shareTitle(share)}`}
                      data-testid="link-details"
                    >
                      Details
                    </a>
                    {share.status === 'active' && (
                      <CopyButton
                        text={share.url}
                        label="Copy link"
                        accessibleLabel={`Copy link for ${shareTitle(share)}`}
                        testId="link-copy"
                        class="btn-small"
                      />
                    )}
                    {share.status === 'active' && (
                      <button
                        type="button"
                        class="btn btn-danger-ghost btn-small"
                        onClick={() => askCancel([share.id])}
                        aria-label={`Cancel link for ${shareTitle(share)}`}
                        data-testid="link-cancel"
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
        {listing.error && <LoadError message={listing.error} testId="links-error" onRetry={() => load(filter, null)} />}
        {!listing.loading && !listing.error && listing.items.length === 0 && (
          <div class="empty-state" data-testid="links-empty">
            <p>{filter === 'all' ? 'You have not shared anything yet.' : `No ${filter} links.`}</p>
            {filter === 'all' && (
              <>
                <p class="muted">Select files in My files and press “Share”.</p>
                <a class="btn btn-primary" href="#/files/" data-testid="links-empty-action">
                  Share something
                </a>
              </>
            )}
          </div>
        )}
      </div>
      <LoadMore show={!!listing.nextCursor && !listing.loading} testId="links-load-more" onLoad={() => load(filter, listing.nextCursor)} />

      {confirming && (
        <Modal
          title={confirmCount === 1 ? 'Cancel link' : 'Cancel links'}
          onClose={() => setConfirming(undefined)}
          role="alertdialog"
          describedBy="confirm-cancel-text"
          testId="confirm-dialog"
        >
          <p id="confirm-cancel-text" data-testid="confirm-text">
            {confirmCount === 1 ? 'Cancel this link?' : `Cancel ${confirmCount} links?`} Recipients lose access immediately.
          </p>
          {cancelError && (
            <p class="alert alert-error" role="alert">
              {cancelError}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="btn btn-ghost" onClick={() => setConfirming(undefined)} data-testid="confirm-keep" autofocus>
              Keep {confirmCount === 1 ? 'link' : 'links'}
            </button>
            <button type="button" class="btn btn-danger" onClick={confirmCancel} disabled={cancelBusy} data-testid="confirm-cancel">
              {cancelBusy ? 'Cancelling…' : confirmCount === 1 ? 'Cancel link' : `Cancel ${confirmCount} links`}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

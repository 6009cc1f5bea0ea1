import { formatBytes, formatDateTime } from '../../common/format.js';
import type { PublicShare, ShareSummaryCounts } from '../types.js';

/** "12 files · 4.2 MB", or "at least …" when the API stopped counting a very large share. */
function countsOf(summary: ShareSummaryCounts): string {
  const files = `${summary.fileCount.toLocaleString()} ${summary.fileCount === 1 ? 'file' : 'files'}`;
  return summary.complete ? `${files} · ${formatBytes(summary.totalBytes)}` : `At least ${files} · ${formatBytes(summary.totalBytes)}`;
}

/** Who shared the files (by their display name), how much, until when, and their message. */
export function ShareSummary({ share, summary }: { share: PublicShare; summary?: ShareSummaryCounts | undefined }) {
  return (
    <div class="share-summary" data-testid="share-summary">
      <h1>
        <span data-testid="share-owner">{share.ownerName || 'Someone'}</span> shared files with you
      </h1>
      {summary && (
        <p class="share-counts" data-testid="share-counts">
          {countsOf(summary)}
        </p>
      )}
      <p class="muted" data-testid="share-expiry">
        {share.expiresAt ? `Available until ${formatDateTime(share.expiresAt)}` : 'This link does not expire'}
      </p>
      {share.message && (
        <blockquote class="share-message" data-testid="share-message">
          {share.message}
        </blockquote>
      )}
    </div>
  );
}

import { fmt, t } from '../i18n/index.js';
import type { PublicShare, ShareSummaryCounts } from '../types.js';

/** "12 files · 4.2 MB", or "at least …" when the API stopped counting a very large share. */
function countsOf(summary: ShareSummaryCounts): string {
  const params = { count: summary.fileCount, size: fmt().formatBytes(summary.totalBytes) };
  return t(summary.complete ? 'share.summary.files' : 'share.summary.atLeastFiles', params);
}

/** "{owner} shared files with you", the name in its own element wherever the language puts it. */
function Heading({ owner }: { owner: string }) {
  const [before, after = ''] = t('share.summary.heading').split('{owner}');
  return (
    <>
      {before}
      <span data-testid="share-owner">{owner}</span>
      {after}
    </>
  );
}

/** Who shared the files (by their display name), how much, until when, and their message. */
export function ShareSummary({ share, summary }: { share: PublicShare; summary?: ShareSummaryCounts | undefined }) {
  return (
    <div class="share-summary" data-testid="share-summary">
      <h1>
        <Heading owner={share.ownerName || t('share.summary.someone')} />
      </h1>
      {summary && (
        <p class="share-counts" data-testid="share-counts">
          {countsOf(summary)}
        </p>
      )}
      <p class="muted" data-testid="share-expiry">
        {share.expiresAt ? t('share.summary.until', { date: fmt().formatDateTime(share.expiresAt) }) : t('share.summary.noExpiry')}
      </p>
      {share.message && (
        <blockquote class="share-message" data-testid="share-message">
          {share.message}
        </blockquote>
      )}
    </div>
  );
}

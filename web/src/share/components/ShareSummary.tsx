import { formatDateTime } from '../../common/format.js';
import type { PublicShare } from '../types.js';

/** Who shared the files, until when, and their message. */
export function ShareSummary({ share }: { share: PublicShare }) {
  return (
    <div class="share-summary" data-testid="share-summary">
      <h1>
        <span data-testid="share-owner">{share.ownerName || 'Someone'}</span> shared files with you
      </h1>
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

import { formatBytes, formatDateTime } from '../../common/format.js';
import type { PublicRequest } from '../types.js';

/** Who asks, for what, and within which limits: all the uploader may know before sending. */
export function RequestSummary({ request }: { request: PublicRequest }) {
  const files =
    request.maxFiles === null
      ? 'Any number of files'
      : `Up to ${request.maxFiles} ${request.maxFiles === 1 ? 'file' : 'files'} (${request.remainingFiles ?? 0} left)`;
  return (
    <header class="request-summary">
      <p class="muted request-owner" data-testid="request-owner">
        <strong>{request.ownerName}</strong> asks you to send files
      </p>
      <h1 data-testid="request-title">{request.title}</h1>
      {request.message && (
        <p class="request-message" data-testid="request-message">
          {request.message}
        </p>
      )}
      <ul class="request-limits" data-testid="request-limits">
        <li>{files}</li>
        <li>
          {formatBytes(request.maxBytes)} in all ({formatBytes(request.remainingBytes)} left), at most {formatBytes(request.maxFileBytes)}{' '}
          per file
        </li>
        <li>{request.expiresAt ? `Open until ${formatDateTime(request.expiresAt)}` : 'Does not expire'}</li>
      </ul>
      <p class="hint">Only {request.ownerName} sees what you send. You see only the files you send now.</p>
    </header>
  );
}

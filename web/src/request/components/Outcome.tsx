import { closedWhileSending, terminalMessages, type TerminalCode } from '../lib/messages.js';
import type { Stop, UploadItem } from '../hooks/useUploads.js';

/** The link cannot take files (unknown, closed, expired). */
export function Gone({ code }: { code: TerminalCode }) {
  const { title, text } = terminalMessages[code];
  return (
    <section class="card uploader-card outcome" data-testid="request-gone" data-code={code}>
      <h1>{title}</h1>
      <p class="muted">{text}</p>
    </section>
  );
}

/** The link could not be read (network, server). */
export function Unavailable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <section class="card uploader-card outcome" data-testid="request-unavailable">
      <h1>Could not open the upload link</h1>
      <p class="alert alert-error" role="alert">
        {message}
      </p>
      <button type="button" class="btn btn-primary" onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}

/**
 * What arrived and what did not, once nothing is on its way any more: after the last file, or
 * when the link closed (or the access ended) while files were being sent.
 */
export function Receipt({ items, stop }: { items: UploadItem[]; stop?: Stop | undefined }) {
  const arrived = items.filter((item) => item.status === 'done');
  const missing = items.filter((item) => item.status !== 'done');
  return (
    <section class="receipt" aria-labelledby="receipt-title" data-testid="receipt">
      {stop?.reason === 'closed' && (
        <p class="alert alert-error" role="alert" data-testid="stop-notice">
          {closedWhileSending[stop.code]} while your files were being sent. {arrived.length} of {items.length}{' '}
          {items.length === 1 ? 'file' : 'files'} arrived; the rest did not.
        </p>
      )}
      {stop?.reason === 'access-ended' && (
        <p class="alert alert-warning" role="alert" data-testid="stop-notice">
          Your access ended while your files were being sent. Enter your details again, then send the files that did not arrive.
        </p>
      )}
      <h2 id="receipt-title">{arrived.length === items.length ? 'All your files arrived' : 'What arrived'}</h2>
      {arrived.length > 0 ? (
        <ul class="receipt-list" data-testid="receipt-arrived">
          {arrived.map((item) => (
            <li key={item.id}>{item.storedName ?? item.name}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">Nothing arrived.</p>
      )}
      {missing.length > 0 && (
        <>
          <h3>Did not arrive</h3>
          <ul class="receipt-list receipt-missing" data-testid="receipt-missing">
            {missing.map((item) => (
              <li key={item.id}>{item.name}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

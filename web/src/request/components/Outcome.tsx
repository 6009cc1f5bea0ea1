import { ct } from '../../common/texts.js';
import { t } from '../i18n/index.js';
import { terminalMessage, type TerminalCode } from '../lib/messages.js';
import type { Stop, UploadItem } from '../hooks/useUploads.js';

/** The link cannot take files (unknown, closed, expired). */
export function Gone({ code }: { code: TerminalCode }) {
  const { title, text } = terminalMessage(code);
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
      <h1>{t('request.unavailable.title')}</h1>
      <p class="alert alert-error" role="alert">
        {message}
      </p>
      <button type="button" class="btn btn-primary" onClick={onRetry}>
        {ct('common.tryAgain')}
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
          {t(`request.closedWhileSending.${stop.code}`, { arrived: arrived.length, count: items.length })}
        </p>
      )}
      {stop?.reason === 'access-ended' && (
        <p class="alert alert-warning" role="alert" data-testid="stop-notice">
          {t('request.accessEndedWhileSending')}
        </p>
      )}
      <h2 id="receipt-title">{t(arrived.length === items.length ? 'request.receipt.allArrived' : 'request.receipt.whatArrived')}</h2>
      {arrived.length > 0 ? (
        <ul class="receipt-list" data-testid="receipt-arrived">
          {arrived.map((item) => (
            <li key={item.id}>{item.storedName ?? item.name}</li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('request.receipt.nothing')}</p>
      )}
      {missing.length > 0 && (
        <>
          <h3>{t('request.receipt.missing')}</h3>
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

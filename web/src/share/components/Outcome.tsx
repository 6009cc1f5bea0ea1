import { OutcomeIcon } from '../../common/icons.js';
import { ct } from '../../common/texts.js';
import { t } from '../i18n/index.js';
import { terminalMessage, type TerminalCode } from '../lib/messages.js';

/** The link cannot be used at all (not found, expired, cancelled, bound elsewhere): only why. */
export function Gone({ code }: { code: TerminalCode }) {
  const { title, detail } = terminalMessage(code);
  return (
    <section class="card recipient-card outcome" data-testid="share-outcome" data-code={code}>
      <OutcomeIcon />
      <h1 data-testid="outcome-title">{title}</h1>
      <p class="muted">{detail}</p>
    </section>
  );
}

/** The link could not be read this time (network, server): why, and another try. */
export function Unavailable({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <section class="card recipient-card outcome" data-testid="share-outcome" data-code="UNAVAILABLE">
      <h1>{t('share.unavailable.title')}</h1>
      <p class="alert alert-error" role="alert">
        {message}
      </p>
      <button type="button" class="btn btn-primary" onClick={onRetry}>
        {ct('common.tryAgain')}
      </button>
    </section>
  );
}

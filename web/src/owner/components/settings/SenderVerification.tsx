import { useState } from 'preact/hooks';
import { messageOf } from '../../../common/http.js';
import { WithSlot } from '../../../common/WithSlot.js';
import { confirmSenderCode, requestSenderCode } from '../../api.js';
import { fmt, t } from '../../i18n/index.js';
import type { SenderCodeSent, UserSettings } from '../../types.js';
import { problemText } from '../../lib/problems.js';

interface SenderVerificationProps {
  /** The code just sent: to which address, until when. */
  sent: SenderCodeSent;
  /** The address is proved and is now the sender. */
  onConfirmed: (settings: UserSettings) => void;
  onCancel: () => void;
}

/** "14:05" in the page's language. */
const timeOf = (iso: string) => new Intl.DateTimeFormat(fmt().locale, { timeStyle: 'short' }).format(new Date(iso));

/**
 * The second step of setting a new sender: ShareLink emailed a 6-digit code to the address,
 * and the person types it here. Only someone who reads that mailbox can send from it.
 */
export function SenderVerification({ sent: initial, onConfirmed, onCancel }: SenderVerificationProps) {
  const [sent, setSent] = useState(initial);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [resent, setResent] = useState(false);

  const confirm = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onConfirmed(await confirmSenderCode(sent.address, code.trim()));
    } catch (caught) {
      setError(messageOf(caught).replace(/^Invalid request body: code: /, t('sender.codePrefix')));
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setSent(await requestSenderCode(sent.address));
      setCode('');
      setResent(true);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={confirm} noValidate class="sender-verification" data-testid="sender-verification">
      <p class="alert alert-info" role="status" data-testid="sender-code-sent">
        <WithSlot text={t(resent ? 'sender.resent' : 'sender.sent', { time: timeOf(sent.expiresAt) })} slot="address">
          <strong>{sent.address}</strong>
        </WithSlot>
      </p>
      <div class="field">
        <label for="sender-code">{t('sender.codeLabel')}</label>
        <div class="input-row input-row-narrow">
          <input
            id="sender-code"
            type="text"
            inputMode="numeric"
            autocomplete="one-time-code"
            maxLength={6}
            pattern="[0-9]{6}"
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            aria-invalid={error ? true : undefined}
            data-testid="sender-code"
          />
          <button type="submit" class="btn btn-primary" disabled={busy || code.trim().length !== 6} data-testid="sender-code-confirm">
            {t(busy ? 'sender.checking' : 'sender.confirm')}
          </button>
        </div>
      </div>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="sender-code-error">
          {error}
        </p>
      )}
      <p class="hint">
        {t('sender.noEmail')}{' '}
        <button type="button" class="btn-link" onClick={() => void resend()} disabled={busy} data-testid="sender-code-resend">
          {t('sender.resend')}
        </button>{' '}
        {t('sender.or')}{' '}
        <button type="button" class="btn-link" onClick={onCancel} data-testid="sender-code-cancel">
          {t('sender.another')}
        </button>
      </p>
    </form>
  );
}

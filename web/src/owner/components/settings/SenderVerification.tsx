import { useState } from 'preact/hooks';
import { messageOf } from '../../../common/http.js';
import { confirmSenderCode, requestSenderCode } from '../../api.js';
import type { SenderCodeSent, UserSettings } from '../../types.js';

interface SenderVerificationProps {
  /** The code just sent: to which address, until when. */
  sent: SenderCodeSent;
  /** The address is proved and is now the sender. */
  onConfirmed: (settings: UserSettings) => void;
  onCancel: () => void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

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
      setError(messageOf(caught).replace(/^Invalid request body: code: /, 'Code: '));
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
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={confirm} noValidate class="sender-verification" data-testid="sender-verification">
      <p class="alert alert-info" role="status" data-testid="sender-code-sent">
        {resent ? 'A new code is on its way' : 'We emailed a 6-digit code'} to <strong>{sent.address}</strong>. Type it here to confirm that
        you read that mailbox; it works until {timeFormat.format(new Date(sent.expiresAt))}.
      </p>
      <div class="field">
        <label for="sender-code">Code from the email</label>
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
            {busy ? 'Checking…' : 'Confirm'}
          </button>
        </div>
      </div>
      {error && (
        <p class="alert alert-error" role="alert" data-testid="sender-code-error">
          {error}
        </p>
      )}
      <p class="hint">
        No email?{' '}
        <button type="button" class="btn-link" onClick={() => void resend()} disabled={busy} data-testid="sender-code-resend">
          Send a new code
        </button>{' '}
        or{' '}
        <button type="button" class="btn-link" onClick={onCancel} data-testid="sender-code-cancel">
          use another address
        </button>
      </p>
    </form>
  );
}

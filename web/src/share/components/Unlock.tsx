import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { LockIcon } from '../../common/icons.js';
import { recipientMessage } from '../lib/messages.js';
import { unlock } from '../lib/session.js';
import type { PublicShare } from '../types.js';
import { ShareSummary } from './ShareSummary.js';

interface UnlockProps {
  shareId: string;
  share: PublicShare;
  notice?: string | undefined;
  onOpened: (token: string) => void;
  onFatal: (error: unknown) => boolean;
}

/** The password form (or the Open button of a link without one) before the files. */
export function Unlock({ shareId, share, notice, onOpened, onFatal }: UnlockProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await unlock(shareId, share.requiresPassword ? password : undefined));
    } catch (caught) {
      if (onFatal(caught)) return;
      setError(recipientMessage(caught));
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'WRONG_PASSWORD') {
        setPassword('');
        input.current?.focus();
      }
    }
  };

  return (
    <section class="card recipient-card">
      <ShareSummary share={share} />
      {notice && !error && (
        <p class="alert alert-info" role="status" data-testid="unlock-notice">
          {notice}
        </p>
      )}
      <form class="unlock-form" onSubmit={submit} data-testid="unlock-form">
        {share.requiresPassword ? (
          <div class="field">
            <label for="share-password">
              <LockIcon /> Password
            </label>
            <div class="input-row">
              <input
                ref={input}
                id="share-password"
                type="password"
                autocomplete="off"
                autoFocus
                required
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'unlock-error' : 'unlock-hint'}
                data-testid="share-password"
              />
              <button type="submit" class="btn btn-primary" disabled={busy} data-testid="unlock-submit">
                {busy ? 'Checking…' : 'OK'}
              </button>
            </div>
            <p id="unlock-hint" class="hint">
              The person who shared this link gave you the password.
            </p>
          </div>
        ) : (
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="unlock-submit">
            {busy ? 'Opening…' : 'Open'}
          </button>
        )}
        {error && (
          <p id="unlock-error" class="alert alert-error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

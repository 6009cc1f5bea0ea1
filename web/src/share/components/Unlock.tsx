import { useEffect, useRef, useState } from 'preact/hooks';
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

/** "14:05" for a wait in seconds. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * Seconds left of a lock-out, ticking each second; undefined when there is none. The form stays
 * disabled until it ends, so a locked-out recipient cannot keep submitting.
 */
function useLockout(): [number | undefined, (seconds: number) => void] {
  const [until, setUntil] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) setUntil(undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  const left = until === undefined ? undefined : Math.max(0, Math.ceil((until - now) / 1000));
  return [
    left,
    (seconds) => {
      setNow(Date.now());
      setUntil(Date.now() + seconds * 1000);
    },
  ];
}

/** The password form (or the Open button of a link without one) before the files. */
export function Unlock({ shareId, share, notice, onOpened, onFatal }: UnlockProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [lockedFor, lockFor] = useLockout();
  const input = useRef<HTMLInputElement>(null);
  const locked = lockedFor !== undefined;

  useEffect(() => {
    // The lock-out is over: the message that asked to wait no longer holds.
    if (!locked) setError((current) => (current?.startsWith('Too many attempts') ? undefined : current));
  }, [locked]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (locked) return;
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await unlock(shareId, share.requiresPassword ? password : undefined));
    } catch (caught) {
      if (onFatal(caught)) return;
      setError(recipientMessage(caught));
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'TOO_MANY_ATTEMPTS') lockFor(caught.retryAfterSeconds ?? 900);
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
        <fieldset disabled={locked} class="unlock-fields">
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
                <button type="submit" class="btn btn-primary" disabled={busy || locked} data-testid="unlock-submit">
                  {busy ? 'Checking…' : 'OK'}
                </button>
              </div>
              <p id="unlock-hint" class="hint">
                The person who shared this link gave you the password.
              </p>
            </div>
          ) : (
            <button type="submit" class="btn btn-primary btn-block" disabled={busy || locked} data-testid="unlock-submit">
              {busy ? 'Opening…' : 'Open'}
            </button>
          )}
        </fieldset>
        {locked && (
          <p class="alert alert-error" role="status" aria-live="off" data-testid="unlock-countdown">
            Too many wrong passwords. You can try again in <strong data-testid="unlock-countdown-time">{clock(lockedFor)}</strong>.
          </p>
        )}
        {error && !locked && (
          <p id="unlock-error" class="alert alert-error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

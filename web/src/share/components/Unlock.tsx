import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { LockIcon } from '../../common/icons.js';
import { t } from '../i18n/index.js';
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

/** "… try again in 14:05", the time in its own element wherever the language puts it. */
function Countdown({ time }: { time: string }) {
  const [before, after = ''] = t('share.unlock.countdown').split('{time}');
  return (
    <>
      {before}
      <strong data-testid="unlock-countdown-time">{time}</strong>
      {after}
    </>
  );
}

/** The password form (or the Open button of a link without one) before the files. */
export function Unlock({ shareId, share, notice, onOpened, onFatal }: UnlockProps) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [lockedFor, lockFor] = useLockout();
  const input = useRef<HTMLInputElement>(null);
  const locked = lockedFor !== undefined;
  // The message that asked to wait, so it goes when the wait is over.
  const lockoutMessage = useRef<string | undefined>(undefined);

  useEffect(() => {
    // The lock-out is over: the message that asked to wait no longer holds.
    if (!locked) setError((current) => (lockoutMessage.current !== undefined && current === lockoutMessage.current ? undefined : current));
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
      const message = recipientMessage(caught);
      setError(message);
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'TOO_MANY_ATTEMPTS') {
        lockoutMessage.current = message;
        lockFor(caught.retryAfterSeconds ?? 900);
      }
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
                <LockIcon /> {t('share.unlock.password')}
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
                  {t(busy ? 'share.unlock.checking' : 'share.unlock.ok')}
                </button>
              </div>
              <p id="unlock-hint" class="hint">
                {t('share.unlock.hint')}
              </p>
            </div>
          ) : (
            <button type="submit" class="btn btn-primary btn-block" disabled={busy || locked} data-testid="unlock-submit">
              {t(busy ? 'share.unlock.opening' : 'share.unlock.open')}
            </button>
          )}
        </fieldset>
        {locked && (
          <p class="alert alert-error" role="status" aria-live="off" data-testid="unlock-countdown">
            <Countdown time={clock(lockedFor)} />
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

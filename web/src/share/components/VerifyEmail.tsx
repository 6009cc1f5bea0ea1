import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { LockIcon } from '../../common/icons.js';
import { requestCode } from '../api.js';
import { recipientMessage } from '../lib/messages.js';
import { unlock } from '../lib/session.js';
import type { PublicShare } from '../types.js';
import { t } from '../i18n/index.js';
import { ShareSummary } from './ShareSummary.js';

type Step = 'email' | 'code' | 'password';

/** "4:05" for a wait in seconds. */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** Seconds until `until` (epoch ms), ticking each second; undefined when there is nothing to count down. */
function useSecondsUntil(until: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === undefined ? undefined : Math.max(0, Math.ceil((until - now) / 1000));
}

interface VerifyEmailProps {
  shareId: string;
  share: PublicShare;
  notice?: string | undefined;
  onOpened: (token: string) => void;
  onFatal: (error: unknown) => boolean;
}

/** A verified link: the partner's email, then the code sent to it, then the password if the link has one. */
export function VerifyEmail({ shareId, share, notice, onOpened, onFatal }: VerifyEmailProps) {
  const [step, setStep] = useState<Step>('email');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [codeUntil, setCodeUntil] = useState<number>();
  const [waitUntil, setWaitUntil] = useState<number>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const codeLeft = useSecondsUntil(codeUntil);
  const waitLeft = useSecondsUntil(waitUntil);
  const waiting = waitLeft !== undefined && waitLeft > 0;
  const expired = step !== 'email' && codeLeft === 0;

  const failed = (caught: unknown) => {
    setBusy(false);
    if (onFatal(caught)) return;
    if (caught instanceof ApiError && caught.code === 'TOO_MANY_ATTEMPTS') {
      setWaitUntil(Date.now() + (caught.retryAfterSeconds ?? 900) * 1000);
      setError(undefined);
      return;
    }
    setError(recipientMessage(caught));
    if (caught instanceof ApiError && caught.code === 'WRONG_CODE') {
      setCode('');
      setStep('code');
      if (caught.message.includes('expired')) setCodeUntil(Date.now());
    }
    if (caught instanceof ApiError && caught.code === 'WRONG_PASSWORD') setPassword('');
  };

  const sendCode = async (event?: Event) => {
    event?.preventDefault();
    if (waiting) return;
    setBusy(true);
    setError(undefined);
    try {
      const sent = await requestCode(shareId, email.trim());
      setCodeUntil(Date.now() + sent.expiresIn * 1000);
      setCode('');
      setStep('code');
      setBusy(false);
    } catch (caught) {
      failed(caught);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (waiting || expired) return;
    if (step === 'code' && share.requiresPassword) {
      setError(undefined);
      setStep('password');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await unlock(shareId, share.requiresPassword ? password : undefined, { email: email.trim(), code }));
    } catch (caught) {
      failed(caught);
    }
  };

  return (
    <section class="card recipient-card" data-testid="verify-email">
      <ShareSummary share={share} />
      {notice && !error && (
        <p class="alert alert-info" role="status" data-testid="unlock-notice">
          {notice}
        </p>
      )}
      {step === 'email' ? (
        <form class="unlock-form" onSubmit={sendCode} data-testid="verify-email-form">
          <p class="hint">{t('share.verify.intro')}</p>
          <fieldset disabled={waiting} class="unlock-fields">
            <div class="field">
              <label for="verify-email-input">{t('share.verify.emailLabel')}</label>
              <div class="input-row">
                <input
                  id="verify-email-input"
                  type="email"
                  autocomplete="email"
                  autoFocus
                  required
                  value={email}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                  data-testid="verify-email-input"
                />
                <button type="submit" class="btn btn-primary" disabled={busy || waiting} data-testid="verify-send-code">
                  {busy ? t('share.verify.sending') : t('share.verify.sendCode')}
                </button>
              </div>
            </div>
          </fieldset>
        </form>
      ) : (
        <form class="unlock-form" onSubmit={submit} data-testid="verify-code-form">
          <p class="alert alert-info" role="status" data-testid="verify-code-sent">
            {t('share.verify.sent', { email: email.trim() })}
          </p>
          <fieldset disabled={waiting || expired} class="unlock-fields">
            {step === 'code' ? (
              <div class="field">
                <label for="verify-code-input">{t('share.verify.codeLabel')}</label>
                <div class="input-row">
                  <input
                    id="verify-code-input"
                    inputMode="numeric"
                    autocomplete="one-time-code"
                    pattern="[0-9]{6}"
                    maxLength={6}
                    autoFocus
                    required
                    value={code}
                    onInput={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
                    data-testid="verify-code-input"
                  />
                  <button type="submit" class="btn btn-primary" disabled={busy || waiting || expired} data-testid="verify-code-submit">
                    {busy ? t('share.verify.checking') : share.requiresPassword ? t('share.verify.next') : t('share.verify.open')}
                  </button>
                </div>
                <p class="hint">
                  {t('share.verify.codeHint')}{' '}
                  {codeLeft !== undefined && codeLeft > 0 && t('share.verify.expiresIn', { time: clock(codeLeft) })}
                </p>
              </div>
            ) : (
              <div class="field">
                <label for="verify-password-input">
                  <LockIcon /> {t('share.verify.passwordLabel')}
                </label>
                <div class="input-row">
                  <input
                    id="verify-password-input"
                    type="password"
                    autocomplete="off"
                    autoFocus
                    required
                    value={password}
                    onInput={(e) => setPassword(e.currentTarget.value)}
                    data-testid="share-password"
                  />
                  <button type="submit" class="btn btn-primary" disabled={busy || waiting || expired} data-testid="unlock-submit">
                    {busy ? t('share.verify.checking') : t('share.verify.open')}
                  </button>
                </div>
                <p class="hint">{t('share.verify.passwordHint')}</p>
              </div>
            )}
          </fieldset>
          {expired && (
            <p class="alert alert-warning" role="status" data-testid="verify-code-expired">
              {t('share.verify.expired')}
            </p>
          )}
          <p class="verify-links">
            <button
              type="button"
              class="btn btn-link"
              disabled={busy || waiting}
              onClick={() => void sendCode()}
              data-testid="verify-resend"
            >
              {t('share.verify.sendAgain')}
            </button>{' '}
            <button
              type="button"
              class="btn btn-link"
              disabled={busy}
              onClick={() => {
                setStep('email');
                setError(undefined);
                setCodeUntil(undefined);
              }}
              data-testid="verify-other-address"
            >
              {t('share.verify.otherAddress')}
            </button>
          </p>
        </form>
      )}
      {waiting && (
        <p class="alert alert-error" role="status" data-testid="verify-wait">
          {t('share.verify.wait', { time: clock(waitLeft) })}
        </p>
      )}
      {error && !waiting && (
        <p class="alert alert-error" role="alert" data-testid="unlock-error">
          {error}
        </p>
      )}
    </section>
  );
}

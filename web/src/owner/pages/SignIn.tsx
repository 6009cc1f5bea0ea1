import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { Logo } from '../../common/icons.js';
import { LanguageSwitcher } from '../../common/LanguageSwitcher.js';
import { errorText } from '../../common/texts.js';
import { t } from '../i18n/index.js';
import { completeNewPassword, signIn, type NewPasswordChallenge } from '../lib/session.js';

interface SignInProps {
  /** Why we are here, e.g. "Your session has ended." */
  notice?: string | undefined;
  onSignedIn: () => void;
}

interface FieldProps {
  id: string;
  label: string;
  type: 'email' | 'password';
  autocomplete: string;
  value: string;
  onInput: (value: string) => void;
  describedByError?: boolean;
  minLength?: number;
}

function Field({ id, label, type, autocomplete, value, onInput, describedByError, minLength }: FieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        // Preact's input types discriminate on one literal type; both of ours take the same attributes.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- without it tsc refuses the union (TS2322)
        type={type as 'email'}
        autocomplete={autocomplete}
        required
        minLength={minLength}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        aria-describedby={describedByError ? 'signin-error' : undefined}
        data-testid={id}
      />
    </div>
  );
}

/** The card both steps share: brand and language (chosen before signing in), title, intro, the form, and the error under it. */
function AuthCard(props: { title: string; intro: string; notice?: ComponentChildren; error?: string; children: ComponentChildren }) {
  return (
    <main class="auth-page">
      <div class="auth-card card">
        <div class="auth-top">
          <div class="brand brand-large">
            <Logo />
            <span>{t('common.brand')}</span>
          </div>
          <LanguageSwitcher />
        </div>
        <h1>{props.title}</h1>
        <p class="muted">{props.intro}</p>
        {props.notice}
        {props.children}
      </div>
    </main>
  );
}

function ErrorLine({ error }: { error?: string | undefined }) {
  return error ? (
    <p id="signin-error" class="alert alert-error" role="alert" data-testid="signin-error">
      {error}
    </p>
  ) : null;
}

export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<NewPasswordChallenge>();
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');

  /** Runs one sign-in step; any failure is shown under the form and nothing typed is lost. */
  const step = async (event: Event, work: () => Promise<void>) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (caught) {
      setError(errorText(caught));
    }
    setBusy(false);
  };

  const submit = (event: Event) =>
    step(event, async () => {
      const next = await signIn(email.trim(), password);
      if (next) setChallenge(next);
      else onSignedIn();
    });

  const choosePassword = (event: Event) =>
    step(event, async () => {
      if (!challenge) return;
      if (newPassword !== repeat) throw new ApiError(400, 'PASSWORDS_DIFFER', t('account.newPassword.differ'));
      await completeNewPassword(challenge, newPassword);
      onSignedIn();
    });

  if (challenge) {
    return (
      <AuthCard title={t('account.newPassword.title')} intro={t('account.newPassword.intro')}>
        <form onSubmit={choosePassword} data-testid="new-password-form">
          <Field
            id="new-password"
            label={t('account.newPassword.label')}
            type="password"
            autocomplete="new-password"
            minLength={8}
            value={newPassword}
            onInput={setNewPassword}
          />
          <Field
            id="new-password-repeat"
            label={t('account.newPassword.repeat')}
            type="password"
            autocomplete="new-password"
            value={repeat}
            onInput={setRepeat}
            describedByError={!!error}
          />
          <ErrorLine error={error} />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="new-password-submit">
            {busy ? t('account.newPassword.saving') : t('account.newPassword.submit')}
          </button>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t('account.signIn.title')}
      intro={t('account.signIn.intro')}
      notice={
        notice &&
        !error && (
          <p class="alert alert-info" role="status" data-testid="signin-notice">
            {notice}
          </p>
        )
      }
    >
      <form onSubmit={submit} data-testid="signin-form">
        <Field id="signin-email" label={t('account.signIn.email')} type="email" autocomplete="username" value={email} onInput={setEmail} />
        <Field
          id="signin-password"
          label={t('account.signIn.password')}
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={setPassword}
          describedByError={!!error}
        />
        <ErrorLine error={error} />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="signin-submit">
          {busy ? t('account.signIn.submitting') : t('account.signIn.submit')}
        </button>
      </form>
    </AuthCard>
  );
}

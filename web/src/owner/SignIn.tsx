import { useState } from 'preact/hooks';
import { messageOf } from '../common/http.js';
import { Logo } from '../common/icons.js';
import { completeNewPassword, signIn, type NewPasswordChallenge } from './session.js';

interface SignInProps {
  /** Why we are here, e.g. "Your session has ended." */
  notice?: string | undefined;
  onSignedIn: () => void;
}

export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<NewPasswordChallenge>();
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const next = await signIn(email.trim(), password);
      if (next) {
        setChallenge(next);
        setBusy(false);
        return;
      }
      onSignedIn();
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  const choosePassword = async (event: Event) => {
    event.preventDefault();
    if (!challenge) return;
    if (newPassword !== repeat) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await completeNewPassword(challenge, newPassword);
      onSignedIn();
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

  if (challenge) {
    return (
      <main class="auth-page">
        <div class="auth-card card">
          <div class="brand brand-large">
            <Logo />
            <span>ShareLink</span>
          </div>
          <h1>Choose your password</h1>
          <p class="muted">Your administrator created your account with a temporary password. Choose your own to continue.</p>
          <form onSubmit={choosePassword} data-testid="new-password-form">
            <div class="field">
              <label for="new-password">New password</label>
              <input
                id="new-password"
                type="password"
                autocomplete="new-password"
                required
                minLength={8}
                value={newPassword}
                onInput={(e) => setNewPassword(e.currentTarget.value)}
                data-testid="new-password"
              />
            </div>
            <div class="field">
              <label for="new-password-repeat">Repeat it</label>
              <input
                id="new-password-repeat"
                type="password"
                autocomplete="new-password"
                required
                value={repeat}
                onInput={(e) => setRepeat(e.currentTarget.value)}
                aria-describedby={error ? 'signin-error' : undefined}
                data-testid="new-password-repeat"
              />
            </div>
            {error && (
              <p id="signin-error" class="alert alert-error" role="alert" data-testid="signin-error">
                {error}
              </p>
            )}
            <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="new-password-submit">
              {busy ? 'Saving…' : 'Save and sign in'}
            </button>
          </form>
        </div>
      </main>
    );
  }

  return (
    <main class="auth-page">
      <div class="auth-card card">
        <div class="brand brand-large">
          <Logo />
          <span>ShareLink</span>
        </div>
        <h1>Sign in</h1>
        <p class="muted">Share files with a link, a password and an expiry date.</p>
        {notice && !error && (
          <p class="alert alert-info" role="status" data-testid="signin-notice">
            {notice}
          </p>
        )}
        <form onSubmit={submit} data-testid="signin-form">
          <div class="field">
            <label for="signin-email">Email</label>
            <input
              id="signin-email"
              type="email"
              autocomplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              data-testid="signin-email"
            />
          </div>
          <div class="field">
            <label for="signin-password">Password</label>
            <input
              id="signin-password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              aria-describedby={error ? 'signin-error' : undefined}
              data-testid="signin-password"
            />
          </div>
          {error && (
            <p id="signin-error" class="alert alert-error" role="alert" data-testid="signin-error">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="signin-submit">
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}

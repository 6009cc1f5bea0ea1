import { useState } from 'preact/hooks';
import { messageOf } from '../common/http.js';
import { Logo } from '../common/icons.js';
import { signIn } from './session.js';

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

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
      onSignedIn();
    } catch (caught) {
      setError(messageOf(caught));
      setBusy(false);
    }
  };

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

import { useEffect, useState } from 'preact/hooks';
import { Logo } from '../common/icons.js';
import { AdminView } from './pages/AdminView.js';
import { FilesView } from './pages/FilesView.js';
import { LinkDetail } from './pages/LinkDetail.js';
import { LinksView } from './pages/LinksView.js';
import { RequestDetail } from './pages/RequestDetail.js';
import { RequestsView } from './pages/RequestsView.js';
import { useRoute, type View } from './lib/router.js';
import { getMe } from './api.js';
import { hasSession, onSessionChange, signOut, whenUnauthorized } from './lib/session.js';
import { SignIn } from './pages/SignIn.js';
import { SettingsView } from './pages/SettingsView.js';
import type { Me, SelectedItem } from './types.js';
import { LanguageSwitcher } from '../common/LanguageSwitcher.js';
import { t } from './i18n/index.js';
import { problemText } from './lib/problems.js';

const viewTitles: Record<View, () => string> = {
  files: () => t('app.title.files'),
  links: () => t('app.title.links'),
  link: () => t('app.title.link'),
  requests: () => t('app.title.requests'),
  request: () => t('app.title.request'),
  admin: () => t('app.title.admin'),
  settings: () => t('app.title.settings'),
};

type Session =
  { state: 'signed-out'; notice?: string } | { state: 'loading' } | { state: 'error'; message: string } | { state: 'signed-in'; me: Me };

export function App() {
  const [session, setSession] = useState<Session>(() => (hasSession() ? { state: 'loading' } : { state: 'signed-out' }));
  const [selection, setSelection] = useState<SelectedItem[]>([]);
  const route = useRoute();

  useEffect(() => {
    whenUnauthorized((notice) => setSession({ state: 'signed-out', notice }));
    // Signing in or out in another tab does the same here.
    return onSessionChange((signedIn) => {
      if (!signedIn) setSelection([]);
      setSession((current) =>
        signedIn ? (current.state === 'signed-out' ? { state: 'loading' } : current) : { state: 'signed-out', notice: t('app.signedOut') },
      );
    });
  }, []);

  useEffect(() => {
    if (session.state !== 'loading') return;
    getMe().then(
      (me) => setSession({ state: 'signed-in', me }),
      (error: unknown) => {
        // A 401 already switched to sign-in through whenUnauthorized.
        if (hasSession()) setSession({ state: 'error', message: problemText(error) });
      },
    );
  }, [session.state]);

  useEffect(() => {
    // A link's page names itself once loaded.
    document.title = session.state === 'signed-in' ? `${viewTitles[route.view]()} · ShareLink` : `${t('app.title.signIn')} · ShareLink`;
  }, [session.state, route.view]);

  /** Re-reads /api/me after the policy or the sender changed, without leaving the page. */
  const refreshMe = () => {
    getMe().then(
      (me) => setSession((current) => (current.state === 'signed-in' ? { state: 'signed-in', me } : current)),
      () => {
        // Kept as it was: the next sign-in or reload reads it again.
      },
    );
  };

  const signedIn = session.state === 'signed-in';
  useEffect(() => {
    // A link's page offers expiry choices within the policy: read it fresh, an admin may have changed it.
    if (signedIn && (route.view === 'link' || route.view === 'request')) refreshMe();
  }, [signedIn, route.view]);

  if (session.state === 'signed-out') {
    return <SignIn notice={session.notice} onSignedIn={() => setSession({ state: 'loading' })} />;
  }
  if (session.state === 'loading') {
    return <p class="boot">{t('app.loading')}</p>;
  }
  if (session.state === 'error') {
    return (
      <main class="auth-page">
        <div class="card auth-card">
          <h1>{t('app.loadFailed')}</h1>
          <p class="alert alert-error" role="alert">
            {session.message}
          </p>
          <button type="button" class="btn btn-primary" onClick={() => setSession({ state: 'loading' })}>
            {t('app.retry')}
          </button>
        </div>
      </main>
    );
  }

  const { me } = session;
  const leave = () => {
    signOut();
    setSelection([]);
    setSession({ state: 'signed-out', notice: t('app.signedOut') });
  };

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="#/files/">
            <Logo />
            <span>{t('common.brand')}</span>
          </a>
          <nav class="mainnav" aria-label={t('app.nav')}>
            <a href="#/files/" aria-current={route.view === 'files' ? 'page' : undefined} data-testid="nav-files">
              {t('app.nav.files')}
            </a>
            <a
              href="#/links"
              aria-current={
                route.view === 'links' || route.view === 'requests'
                  ? 'page'
                  : route.view === 'link' || route.view === 'request'
                    ? 'location'
                    : undefined
              }
              data-testid="nav-links"
            >
              {t('app.nav.links')}
            </a>
            {me.isAdmin && (
              <a href="#/admin" aria-current={route.view === 'admin' ? 'page' : undefined} data-testid="nav-admin">
                {t('app.nav.admin')}
              </a>
            )}
            <a href="#/settings" aria-current={route.view === 'settings' ? 'page' : undefined} data-testid="nav-settings">
              {t('app.nav.settings')}
            </a>
          </nav>
          <div class="account">
            <LanguageSwitcher />
            <span class="account-email" data-testid="user-email" title={me.email}>
              {me.email}
            </span>

            <button type="button" class="btn btn-ghost btn-small" onClick={leave} data-testid="sign-out">
              {t('app.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" class="content" tabIndex={-1}>
        {route.view === 'links' ? (
          <LinksView />
        ) : route.view === 'link' ? (
          <LinkDetail id={route.id} policy={me.policy} />
        ) : route.view === 'requests' ? (
          <RequestsView />
        ) : route.view === 'request' ? (
          <RequestDetail id={route.id} policy={me.policy} />
        ) : route.view === 'admin' ? (
          <AdminView isAdmin={me.isAdmin} onSaved={refreshMe} />
        ) : route.view === 'settings' ? (
          <SettingsView email={me.email} onSaved={(notification) => setSession({ state: 'signed-in', me: { ...me, notification } })} />
        ) : (
          <FilesView prefix={route.prefix} selection={selection} onSelectionChange={setSelection} policy={me.policy} />
        )}
      </main>
    </div>
  );
}

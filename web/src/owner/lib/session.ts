import { ApiError, jsonInit, requestJson } from '../../common/http.js';
import { cognito, type CognitoReply } from './cognito.js';
import { t } from '../i18n/index.js';

/**
 * The owner's session. Cognito's refresh token is kept in localStorage, so every tab, a reload,
 * a bookmark and a link from an email stay signed in; each tab trades it for its own short-lived
 * ID token (InitiateAuth REFRESH_TOKEN_AUTH, as the Cognito client libraries do), held in memory
 * only. Signing out removes it, and the storage event signs out every other tab. docs/security.md
 * weighs this against XSS.
 */
const REFRESH_KEY = 'sharelink.refreshToken';
/** An ID token this close to its expiry is renewed before use, so a request never leaves with a dying one. */
const RENEW_BEFORE_MS = 60_000;

let idToken: string | undefined;
let renewing: Promise<string | null> | undefined;

function storedRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

/** Seconds since epoch at which the JWT expires, or undefined when it cannot be read. */
function expiryOf(token: string): number | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

const fresh = (token: string) => (expiryOf(token) ?? Infinity) * 1000 - RENEW_BEFORE_MS > Date.now();

/** Whether this browser holds a session (it may still turn out to be over when used). */
export function hasSession(): boolean {
  return Boolean((idToken && fresh(idToken)) || storedRefreshToken());
}

/** A usable ID token: the one in memory, or a new one for the stored refresh token; null when signed out. */
async function validToken(): Promise<string | null> {
  if (idToken && fresh(idToken)) return idToken;
  const refreshToken = storedRefreshToken();
  if (!refreshToken) return null;
  // One renewal at a time, however many requests are waiting for it.
  renewing ??= cognito('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } })
    .then(
      (reply) => {
        idToken = reply.AuthenticationResult?.IdToken;
        return idToken ?? null;
      },
      (error: unknown) => {
        // Refused (revoked or expired): the session is over. Unreachable or failing: keep it for the next try.
        if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) throw error;
        if (storedRefreshToken() === refreshToken) forget();
        return null;
      },
    )
    .finally(() => {
      renewing = undefined;
    });
  return renewing;
}

function forget(): void {
  idToken = undefined;
  try {
    localStorage.removeItem(REFRESH_KEY);
  } catch {
    // Storage blocked: nothing was kept there either.
  }
}

/** Ends the session in this tab and (through the storage event) in every other; the refresh token is revoked too. */
export function signOut(): void {
  const refreshToken = storedRefreshToken();
  forget();
  if (refreshToken) {
    cognito('RevokeToken', { Token: refreshToken }).catch(() => {
      // Best effort: the token is gone from this browser either way.
    });
  }
}

/** Cognito asks a user created by an administrator to choose their own password first. */
export interface NewPasswordChallenge {
  email: string;
  session: string;
}

function keepTokens(reply: CognitoReply): void {
  const token = reply.AuthenticationResult?.IdToken;
  if (!token) throw new ApiError(500, 'SIGN_IN_FAILED', t('account.session.failed'));
  idToken = token;
  const refreshToken = reply.AuthenticationResult?.RefreshToken;
  if (refreshToken) localStorage.setItem(REFRESH_KEY, refreshToken);
}

/** Signs in; answers the challenge to meet when the account still needs its own password. */
export async function signIn(email: string, password: string): Promise<NewPasswordChallenge | undefined> {
  const reply = await cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } });
  if (reply.ChallengeName === 'NEW_PASSWORD_REQUIRED' && reply.Session) return { email, session: reply.Session };
  if (reply.ChallengeName) {
    throw new ApiError(400, reply.ChallengeName, t('account.session.extraStep'));
  }
  keepTokens(reply);
  return undefined;
}

/** Sets the user's own password after an administrator created the account, and signs in. */
export async function completeNewPassword(challenge: NewPasswordChallenge, newPassword: string): Promise<void> {
  keepTokens(
    await cognito('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: challenge.session,
      ChallengeResponses: { USERNAME: challenge.email, NEW_PASSWORD: newPassword },
    }),
  );
}

/**
 * Another tab signed in (true) or out (false): this one follows. Returns the unsubscribe.
 * The storage event fires only in the other tabs of the same origin.
 */
export function onSessionChange(listener: (signedIn: boolean) => void): () => void {
  const handle = (event: StorageEvent) => {
    if (event.key !== REFRESH_KEY && event.key !== null) return;
    const signedIn = storedRefreshToken() !== null;
    if (!signedIn) idToken = undefined;
    listener(signedIn);
  };
  window.addEventListener('storage', handle);
  return () => window.removeEventListener('storage', handle);
}

type UnauthorizedListener = (message: string) => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The app registers how to go back to sign-in when the API says the session is over. */
export function whenUnauthorized(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

/** Read when needed, so it is in the language chosen at runtime. */
const sessionEnded = () => t('account.session.ended');

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = await validToken();
  if (!token) {
    const error = new ApiError(401, 'UNAUTHORIZED', sessionEnded());
    onUnauthorized(error.message);
    throw error;
  }
  try {
    return await requestJson<T>(path, jsonInit(method, body, { authorization: `Bearer ${token}` }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      // The ID token was refused: one more try with a renewed one before giving up.
      if (idToken === token) idToken = undefined;
      const renewed = await validToken().catch(() => null);
      if (renewed && renewed !== token) return requestJson<T>(path, jsonInit(method, body, { authorization: `Bearer ${renewed}` }));
      forget();
      onUnauthorized(sessionEnded());
    }
    throw error;
  }
}

/** Builds `path?name=value&…`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

import { ApiError, jsonInit, requestJson } from '../../common/http.js';

/**
 * Sign-in against Cognito (a plain InitiateAuth call, USER_PASSWORD_AUTH) and the owner's
 * API calls with the IdToken. The token lives in sessionStorage: it dies with the tab.
 */
interface AppConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
}

const TOKEN_KEY = 'sharelink.idToken';

let configPromise: Promise<AppConfig> | undefined;

function loadConfig(): Promise<AppConfig> {
  configPromise ??= requestJson<AppConfig>('/config.json', { cache: 'no-store' }).catch((error: unknown) => {
    configPromise = undefined;
    throw error;
  });
  return configPromise;
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

export function currentToken(): string | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const exp = expiryOf(token);
  if (exp !== undefined && exp * 1000 <= Date.now()) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return token;
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

const cognitoMessages: Record<string, string> = {
  NotAuthorizedException: 'Incorrect email or password.',
  UserNotFoundException: 'Incorrect email or password.',
  // cognito-local's answer to a wrong password.
  InvalidPasswordException: 'Incorrect email or password.',
  UserNotConfirmedException: 'Your account is not confirmed yet. Ask your administrator.',
  PasswordResetRequiredException: 'Your password must be reset. Ask your administrator.',
  TooManyRequestsException: 'Too many sign-in attempts. Wait a minute and try again.',
  LimitExceededException: 'Too many sign-in attempts. Wait a minute and try again.',
};

/** Cognito asks a user created by an administrator to choose their own password first. */
export interface NewPasswordChallenge {
  email: string;
  session: string;
}

interface CognitoReply {
  __type?: string;
  message?: string;
  ChallengeName?: string;
  Session?: string;
  AuthenticationResult?: { IdToken?: string };
}

async function cognito(target: 'InitiateAuth' | 'RespondToAuthChallenge', body: Record<string, unknown>): Promise<CognitoReply> {
  const config = await loadConfig();
  let response: Response;
  try {
    response = await fetch(config.cognitoEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}`,
      },
      body: JSON.stringify({ ClientId: config.userPoolClientId, ...body }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Could not reach the sign-in service. Check your connection and try again.');
  }
  const reply = (await response.json().catch(() => ({}))) as CognitoReply;
  if (!response.ok) {
    // Real Cognito may prefix the type ("com.amazonaws…#NotAuthorizedException").
    const type = (reply.__type ?? '').split('#').pop() ?? '';
    // Choosing a password: say which rule it breaks. Signing in: never say more than "incorrect".
    const choosing = target === 'RespondToAuthChallenge' && type === 'InvalidPasswordException';
    const message = choosing
      ? (reply.message ?? 'That password is too weak: use upper and lower case, digits and a symbol.')
      : cognitoMessages[type];
    throw new ApiError(response.status, type || 'SIGN_IN_FAILED', message ?? 'Sign-in failed. Please try again.');
  }
  return reply;
}

function keepToken(reply: CognitoReply): void {
  const token = reply.AuthenticationResult?.IdToken;
  if (!token) throw new ApiError(500, 'SIGN_IN_FAILED', 'Sign-in failed. Please try again.');
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Signs in; answers the challenge to meet when the account still needs its own password. */
export async function signIn(email: string, password: string): Promise<NewPasswordChallenge | undefined> {
  const reply = await cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password } });
  if (reply.ChallengeName === 'NEW_PASSWORD_REQUIRED' && reply.Session) return { email, session: reply.Session };
  if (reply.ChallengeName) {
    throw new ApiError(
      400,
      reply.ChallengeName,
      'Your account needs an extra sign-in step this app does not support yet. Ask your administrator.',
    );
  }
  keepToken(reply);
  return undefined;
}

/** Sets the user's own password after an administrator created the account, and signs in. */
export async function completeNewPassword(challenge: NewPasswordChallenge, newPassword: string): Promise<void> {
  keepToken(
    await cognito('RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: challenge.session,
      ChallengeResponses: { USERNAME: challenge.email, NEW_PASSWORD: newPassword },
    }),
  );
}

type UnauthorizedListener = (message: string) => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** The app registers how to go back to sign-in when the API says the session is over. */
export function whenUnauthorized(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const token = currentToken();
  if (!token) {
    const error = new ApiError(401, 'UNAUTHORIZED', 'Your session has ended. Please sign in again.');
    onUnauthorized(error.message);
    throw error;
  }
  try {
    return await requestJson<T>(path, jsonInit(method, body, { authorization: `Bearer ${token}` }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut();
      onUnauthorized('Your session has ended. Please sign in again.');
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

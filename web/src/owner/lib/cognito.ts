import { ApiError, requestJson } from '../../common/http.js';

/**
 * The few Cognito calls the app makes, as the Cognito client libraries make them: plain JSON
 * POSTs to the user pool's endpoint (InitiateAuth, RespondToAuthChallenge, RevokeToken).
 */
interface AppConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
}

let configPromise: Promise<AppConfig> | undefined;

function loadConfig(): Promise<AppConfig> {
  configPromise ??= requestJson<AppConfig>('/config.json', { cache: 'no-store' }).catch((error: unknown) => {
    configPromise = undefined;
    throw error;
  });
  return configPromise;
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

export interface CognitoReply {
  __type?: string;
  message?: string;
  ChallengeName?: string;
  Session?: string;
  AuthenticationResult?: { IdToken?: string; RefreshToken?: string };
}

type Target = 'InitiateAuth' | 'RespondToAuthChallenge' | 'RevokeToken';

export async function cognito(target: Target, body: Record<string, unknown>): Promise<CognitoReply> {
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

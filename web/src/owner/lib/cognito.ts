import { ApiError, requestJson } from '../../common/http.js';
import type accountEn from '../i18n/account.en.js';
import { fmt, t } from '../i18n/index.js';

type AccountKey = keyof typeof accountEn;

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

/** Cognito's error types, each with the sentence a person sees (a key of the catalog, read when shown). */
const cognitoMessages: Record<string, AccountKey> = {
  NotAuthorizedException: 'account.cognito.incorrect',
  UserNotFoundException: 'account.cognito.incorrect',
  // cognito-local's answer to a wrong password.
  InvalidPasswordException: 'account.cognito.incorrect',
  UserNotConfirmedException: 'account.cognito.notConfirmed',
  PasswordResetRequiredException: 'account.cognito.resetRequired',
  TooManyRequestsException: 'account.cognito.tooMany',
  LimitExceededException: 'account.cognito.tooMany',
};

export interface CognitoReply {
  __type?: string;
  message?: string;
  ChallengeName?: string;
  Session?: string;
  AuthenticationResult?: { IdToken?: string; RefreshToken?: string };
}

/** The password rule broken: Cognito's own words in English (it speaks no other language), our summary of the rules otherwise. */
function passwordRuleOf(reply: CognitoReply): string {
  return fmt().locale === 'en' && reply.message ? reply.message : t('account.cognito.weakPassword');
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
    throw new ApiError(0, 'NETWORK_ERROR', t('account.cognito.unreachable'));
  }
  const reply = (await response.json().catch(() => ({}))) as CognitoReply;
  if (!response.ok) {
    // Real Cognito may prefix the type ("com.amazonaws…#NotAuthorizedException").
    const type = (reply.__type ?? '').split('#').pop() ?? '';
    // Choosing a password: say which rule it breaks. Signing in: never say more than "incorrect".
    const choosing = target === 'RespondToAuthChallenge' && type === 'InvalidPasswordException';
    const message = choosing ? passwordRuleOf(reply) : t(cognitoMessages[type] ?? 'account.session.failed');
    throw new ApiError(response.status, type || 'SIGN_IN_FAILED', message);
  }
  return reply;
}

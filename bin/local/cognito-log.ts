/**
 * What the local runtime says about cognito-local's refusals and failures, in one line
 * each (cognito-process.ts turns its log into these). Never a password or a token: only
 * the call, the AWS error and the username the person typed.
 */

/** Sent by cognito-process.ts to the runtime over IPC. */
export type CognitoEvent =
  /** A call refused with a 400 (a wrong password, an unknown user…): printed unless the runtime is quiet. */
  | { kind: 'refused'; line: string }
  /** cognito-local failed (a 500): always printed. */
  | { kind: 'error'; line: string };

export interface Refusal {
  /** The X-Amz-Target operation, e.g. InitiateAuth. */
  target: string;
  /** The AWS error code cognito-local answered, e.g. InvalidPasswordException. */
  code: string;
  message: string;
  authFlow: string | undefined;
  username: string | undefined;
}

const MAX_TEXT = 200;

/** Control characters (a newline in a typed username) would forge log lines. */
export function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT)}…` : flat;
}

/** Why cognito-local refused a password sign-in, in words (its codes, which differ from Cognito's). */
const SIGN_IN_REASONS: Record<string, string> = {
  InvalidPasswordException: 'wrong password',
  // cognito-local answers an unknown username with NotAuthorizedException (Cognito with UserNotFoundException or NotAuthorized).
  NotAuthorizedException: 'no such user',
  UserNotFoundException: 'no such user',
  UserNotConfirmedException: 'account not confirmed',
  PasswordResetRequiredException: 'password reset required',
};

export function describeRefusal(refusal: Refusal): string {
  const detail = oneLine(`${refusal.message} (${refusal.code})`);
  if (refusal.target === 'InitiateAuth' && refusal.authFlow?.startsWith('REFRESH_TOKEN')) {
    return `session refresh refused: ${detail}`;
  }
  if (refusal.target === 'InitiateAuth' && refusal.username !== undefined) {
    return `sign-in refused for ${oneLine(refusal.username)} (${SIGN_IN_REASONS[refusal.code] ?? detail})`;
  }
  return `cognito-local refused ${oneLine(refusal.target)}: ${detail}`;
}

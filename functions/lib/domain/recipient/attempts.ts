import { AppError } from '../../errors.js';
import { verifyPassword } from '../passwords.js';
import type { AttemptCounter } from '../ports.js';

/**
 * The one brute-force rule for every link with a password (shares and file requests): at most
 * MAX_ATTEMPTS wrong passwords per link per client within the window. An attempt is reserved
 * with a conditional write *before* the password is checked (so parallel guesses cannot
 * overrun the limit) and given back when the password was right.
 */

/** 5 wrong passwords per link per client within 15 minutes (docs/api.md). */
export const MAX_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_SECONDS = 15 * 60;

/** Checks a password against a link's hash under the attempt limit: undefined when right, else the refusal. */
export async function checkLinkPassword(
  counter: AttemptCounter,
  linkId: string,
  client: string,
  nowMs: number,
  password: string | undefined,
  passwordHash: string,
): Promise<AppError | undefined> {
  const verdict = await counter.reserveAttempt(linkId, client, nowMs, MAX_ATTEMPTS, ATTEMPT_WINDOW_SECONDS);
  if (!verdict.allowed) {
    const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
    return new AppError('TOO_MANY_ATTEMPTS', `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      'retry-after': String(verdict.retryAfterSeconds),
    });
  }
  const ok = password !== undefined && (await verifyPassword(password, passwordHash));
  if (!ok) return new AppError('WRONG_PASSWORD', password ? 'Wrong password.' : 'This link needs a password.');
  await counter.refundAttempt(linkId, client);
  return undefined;
}

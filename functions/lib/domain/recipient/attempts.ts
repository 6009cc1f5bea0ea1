import { AppError } from '../../errors.js';
import { keys } from '../../contract/table.js';
import { verifyPassword } from '../passwords.js';
import type { AttemptCounters, Outbox, OutboxMessage } from '../ports.js';
import { CLIENT_WINDOW_SECONDS, MAX_FAILURES_PER_CLIENT, guardedCheck, type GuardOutcome } from '../throttle.js';

/**
 * The one brute-force rule for every link with a password (shares and file requests, one id
 * space): at most 5 wrong passwords per link per client within 15 minutes and 20 per link per
 * hour from all clients together (`throttle.ts`), then the link refuses every password until
 * the hour ends. Slots are reserved with conditional writes before the password is checked,
 * so parallel guesses cannot overrun a limit, and a right password gives its slots back.
 */

/** 5 wrong passwords per link per client within 15 minutes, 20 per link per hour (docs/api.md). */
export const MAX_ATTEMPTS = MAX_FAILURES_PER_CLIENT;
export const ATTEMPT_WINDOW_SECONDS = CLIENT_WINDOW_SECONDS;
/** Outbox items (the lock alert) are kept a day after the lock ends; the notify function sends them within seconds. */
const OUTBOX_RETENTION_SECONDS = 24 * 3600;

export interface PasswordCheckDeps {
  counters: AttemptCounters;
  outbox: Outbox;
  nowMs: number;
}

/** When the link locks: the owner's one alert email, as the link's own kind words it. */
export type LockAlert = (locked: { failures: number; lockedUntil: string }) => OutboxMessage;

function tooManyAttempts(refusal: Extract<GuardOutcome, { outcome: 'refused' }>): AppError {
  const minutes = Math.ceil(refusal.retryAfterSeconds / 60);
  const wait = `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  return new AppError(
    'TOO_MANY_ATTEMPTS',
    refusal.by === 'link' ? `This link is locked after too many wrong passwords. ${wait}` : `Too many wrong passwords. ${wait}`,
    { 'retry-after': String(refusal.retryAfterSeconds) },
  );
}

/**
 * Checks a password against a link's hash under the attempt limits: undefined when right, else
 * the refusal. The first wrong guess that locks the link queues one alert under the lock
 * window's key, which only the first writer gets, so racing guesses (or retries) never queue two.
 */
export async function checkLinkPassword(
  deps: PasswordCheckDeps,
  link: { id: string; client: string; lockAlert?: LockAlert },
  password: string | undefined,
  passwordHash: string,
): Promise<AppError | undefined> {
  const counters = { client: keys.attempts(link.id, link.client), link: keys.linkAttempts(link.id) };
  const result = await guardedCheck(deps.counters, counters, deps.nowMs, async () =>
    password === undefined ? false : verifyPassword(password, passwordHash),
  );
  if (result.outcome === 'refused') return tooManyAttempts(result);
  if (result.outcome === 'wrong') {
    if (result.locked && link.lockAlert) {
      const lockedUntilEpoch = Math.floor(Date.parse(result.locked.lockedUntil) / 1000);
      await deps.outbox.queue(
        keys.shareOutbox(link.id, `locked#${result.locked.windowStart}`),
        link.lockAlert(result.locked),
        lockedUntilEpoch + OUTBOX_RETENTION_SECONDS,
      );
    }
    return new AppError('WRONG_PASSWORD', password ? 'Wrong password.' : 'This link needs a password.');
  }
  return undefined;
}

import type { AttemptCounters, CounterKey } from './ports.js';

/**
 * The brute-force rule for anything opened with a password (share links; upload links reuse
 * it): at most 5 wrong passwords per client in 15 minutes, and at most 20 per link in an hour
 * from all clients together, after which the link refuses every attempt until that hour ends.
 *
 * Each attempt reserves a slot in both counters before the password is checked, so however
 * many requests race, no more than 5 (client) and 20 (link) are ever checked and wrong. A right
 * password gives its slots back. A request that finds every slot held by attempts still being
 * checked waits for them instead of being refused: a right password is never refused because
 * of other attempts in flight, only because of failures.
 */
export const MAX_FAILURES_PER_CLIENT = 5;
export const CLIENT_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_LINK = 20;
export const LINK_WINDOW_SECONDS = 60 * 60;

/**
 * How long a request waits for attempts in flight (each is one scrypt check, tens of
 * milliseconds): pauses doubling from 25 ms to at most 400 ms, 4 seconds in all, so a waiting
 * request costs about a dozen tries, not a hundred.
 */
const FIRST_PAUSE_MS = 25;
const LONGEST_PAUSE_MS = 400;
const BUSY_WAIT_LIMIT_MS = 4000;

export interface GuardCounters {
  /** This client's counter at this link. */
  client: CounterKey;
  /** The link's own counter, across all clients. */
  link: CounterKey;
}

export type GuardOutcome =
  | { outcome: 'right' }
  /** `locked`: this failure brought the link to its limit (the window that opened at `windowStart`). */
  | { outcome: 'wrong'; locked?: { windowStart: number; failures: number; lockedUntil: string } }
  | { outcome: 'refused'; by: 'client' | 'link'; retryAfterSeconds: number };

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type Held = { held: true; windowStart: number } | { held: false; retryAfterSeconds: number };

/**
 * A slot of one counter, waiting (boundedly) while all of them are held by attempts in flight:
 * refused only once the counter's failures reach the limit.
 */
export async function hold(counters: AttemptCounters, key: CounterKey, limit: number, windowSeconds: number, nowMs: number): Promise<Held> {
  for (let waited = 0, next = FIRST_PAUSE_MS; ; waited += next, next = Math.min(LONGEST_PAUSE_MS, next * 2)) {
    const reservation = await counters.reserve(key, nowMs, limit, windowSeconds);
    if (reservation.status === 'reserved') return { held: true, windowStart: reservation.windowStart };
    if (reservation.status === 'exhausted') return { held: false, retryAfterSeconds: reservation.retryAfterSeconds };
    // Slots still held after the wait belong to checks that never finished (a crashed instance):
    // refuse briefly rather than hold the request; they count as failures until the window ends.
    if (waited >= BUSY_WAIT_LIMIT_MS) return { held: false, retryAfterSeconds: 1 };
    await pause(next);
  }
}

/**
 * Runs `check` (the password comparison) only with a slot of both counters, and counts the
 * outcome: a right password frees its slots, a wrong one keeps them as failures.
 */
export async function guardedCheck(
  counters: AttemptCounters,
  keys: GuardCounters,
  nowMs: number,
  check: () => Promise<boolean>,
): Promise<GuardOutcome> {
  const client = await hold(counters, keys.client, MAX_FAILURES_PER_CLIENT, CLIENT_WINDOW_SECONDS, nowMs);
  if (!client.held) return { outcome: 'refused', by: 'client', retryAfterSeconds: client.retryAfterSeconds };
  const link = await hold(counters, keys.link, MAX_FAILURES_PER_LINK, LINK_WINDOW_SECONDS, nowMs);
  if (!link.held) {
    // The attempt is not checked, so the client's slot is not used.
    await counters.release(keys.client, client.windowStart);
    return { outcome: 'refused', by: 'link', retryAfterSeconds: link.retryAfterSeconds };
  }
  const release = () => Promise.all([counters.release(keys.client, client.windowStart), counters.release(keys.link, link.windowStart)]);
  let right: boolean;
  try {
    right = await check();
  } catch (error) {
    // A check that could not run revealed nothing: its slots are free again.
    await release();
    throw error;
  }
  if (right) {
    await release();
    return { outcome: 'right' };
  }
  const [, linkFailures] = await Promise.all([counters.fail(keys.client, client.windowStart), counters.fail(keys.link, link.windowStart)]);
  if (linkFailures < MAX_FAILURES_PER_LINK) return { outcome: 'wrong' };
  const lockedUntil = new Date((link.windowStart + LINK_WINDOW_SECONDS) * 1000).toISOString();
  return { outcome: 'wrong', locked: { windowStart: link.windowStart, failures: linkFailures, lockedUntil } };
}

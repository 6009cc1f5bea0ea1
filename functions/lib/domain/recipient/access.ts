import * as z from 'zod/mini';
import { keys } from '../../contract/table.js';
import { AppError } from '../../errors.js';
import { shareIdSchema } from '../ids.js';
import { verifyPassword } from '../passwords.js';
import type { AttemptCounters, FileStore, Outbox, ShareRepository } from '../ports.js';
import { assertOpen, publicView, type Share } from '../share.js';
import { CLIENT_WINDOW_SECONDS, MAX_FAILURES_PER_CLIENT, guardedCheck, type GuardOutcome } from '../throttle.js';
import { clientHash, deviceHash, issueToken, readToken, type AccessClaims } from '../tokens.js';
import { deny, record } from './log.js';

/** A recipient opening a link: what anyone may see before unlocking, the unlock, and the token check. */

/** 5 wrong passwords per link per client within 15 minutes, 20 per link per hour (docs/api.md, `throttle.ts`). */
export const MAX_ATTEMPTS = MAX_FAILURES_PER_CLIENT;
export const ATTEMPT_WINDOW_SECONDS = CLIENT_WINDOW_SECONDS;
/** Outbox items (the lock alert) are kept a day after the lock ends; the notify function sends them within seconds. */
const OUTBOX_RETENTION_SECONDS = 24 * 3600;

export const publicParamsSchema = z.strictObject({ id: z.string() });

export const deviceIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be 8-128 letters, digits, "-" or "_"'));

export const accessSchema = z.strictObject({
  password: z.optional(z.string().check(z.maxLength(256))),
  deviceId: deviceIdSchema,
});

export interface Recipient {
  sourceIp: string;
  userAgent: string;
}

export interface RecipientDeps {
  shares: ShareRepository;
  files: FileStore;
  /** Password attempts per client and per link. */
  counters: AttemptCounters;
  /** Where the lock alert to the owner is queued. */
  outbox: Outbox;
  signingKey: Buffer;
  nowMs: number;
}

/** The share if it can be used now; an expired or cancelled one is refused and logged. */
export async function openShare(deps: RecipientDeps, id: string, who: Recipient): Promise<Share> {
  const found = await deps.shares.get(id);
  try {
    return assertOpen(found, deps.nowMs);
  } catch (error) {
    if (found && error instanceof AppError) return deny(deps, found, who, error);
    throw error;
  }
}

export async function describeShare(shares: ShareRepository, id: string, nowMs: number) {
  return publicView(assertOpen(await shares.get(id), nowMs));
}

const deviceBound = () => new AppError('DEVICE_BOUND', 'This link is bound to another device.');

/** Unlock: password (rate limited), device binding, then a short-lived access token. */
export async function unlockShare(deps: RecipientDeps, id: string, input: z.output<typeof accessSchema>, who: Recipient) {
  const share = await openShare(deps, id, who);
  const device = deviceHash(input.deviceId);
  if (share.deviceBinding && share.boundDevice !== null && share.boundDevice !== device) {
    return deny(deps, share, who, deviceBound());
  }
  if (share.passwordHash !== null) {
    const { passwordHash } = share;
    const { password } = input;
    const counters = { client: keys.attempts(share.id, clientHash(deps.signingKey, who.sourceIp)), link: keys.linkAttempts(share.id) };
    const result = await guardedCheck(deps.counters, counters, deps.nowMs, async () =>
      password === undefined ? false : verifyPassword(password, passwordHash),
    );
    if (result.outcome === 'refused') return deny(deps, share, who, tooManyAttempts(result));
    if (result.outcome === 'wrong') {
      if (result.locked) await queueLockAlert(deps, share, result.locked);
      return deny(deps, share, who, new AppError('WRONG_PASSWORD', password ? 'Wrong password.' : 'This link needs a password.'));
    }
  }
  if (share.deviceBinding && share.boundDevice === null && !(await deps.shares.bindDevice(share.id, device))) {
    return deny(deps, share, who, deviceBound());
  }
  await record(deps, share, who, 'unlock');
  return issueToken(deps.signingKey, { sid: share.id, dev: device, pv: share.passwordVersion, av: share.accessVersion ?? 0 }, deps.nowMs);
}

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
 * One email to the owner when a link locks: queued under the lock window's key, which only the
 * first writer gets, so racing wrong guesses (or retries) never queue a second one.
 */
async function queueLockAlert(deps: RecipientDeps, share: Share, locked: { windowStart: number; failures: number; lockedUntil: string }) {
  const lockedUntilEpoch = Math.floor(Date.parse(locked.lockedUntil) / 1000);
  await deps.outbox.queue(
    keys.shareOutbox(share.id, `locked#${locked.windowStart}`),
    { kind: 'link-locked', shareId: share.id, failures: locked.failures, lockedUntil: locked.lockedUntil },
    lockedUntilEpoch + OUTBOX_RETENTION_SECONDS,
  );
}

/**
 * The current access version of the grant a token names: the link's own for tokens of whoever
 * holds the link. A per-person grant (a verified partner) will look up its own version here.
 */
function currentAccessVersion(share: Share, claims: AccessClaims): number | undefined {
  return claims.grant === undefined ? (share.accessVersion ?? 0) : undefined;
}

const invalidToken = () => new AppError('INVALID_TOKEN', 'Your access has expired. Enter the password again.');

/** Every request re-reads the share, so cancel, expiry, a new password and a reset binding take effect at once. */
export async function authorize(deps: RecipientDeps, id: string, authorization: string | undefined, who: Recipient): Promise<Share> {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  const claims = token ? readToken(deps.signingKey, token, deps.nowMs) : undefined;
  if (!claims || claims.sid !== id) throw invalidToken();
  const share = await openShare(deps, id, who);
  if (claims.pv !== share.passwordVersion || claims.av !== currentAccessVersion(share, claims)) throw invalidToken();
  if (share.deviceBinding && share.boundDevice !== null && share.boundDevice !== claims.dev) {
    return deny(deps, share, who, deviceBound());
  }
  return share;
}

/** A malformed id is simply a link that does not exist. */
export function shareIdOrNotFound(id: string): string {
  if (!shareIdSchema.safeParse(id).success)
    throw new AppError('SHARE_NOT_FOUND', 'This link does not exist. Check that you copied all of it.');
  return id;
}

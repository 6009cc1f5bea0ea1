import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import { shareIdSchema } from '../ids.js';
import type { AttemptCounters, FileStore, Outbox, ShareRepository } from '../ports.js';
import { assertOpen, publicView, type Share } from '../share.js';
import { clientHash, deviceHash, issueToken, readToken, type AccessClaims } from '../tokens.js';
import { checkLinkPassword } from './attempts.js';
import { deny, record } from './log.js';

/** A recipient opening a link: what anyone may see before unlocking, the unlock, and the token check. */

// The brute-force rule lives in attempts.ts, shared with file requests.
export { ATTEMPT_WINDOW_SECONDS, MAX_ATTEMPTS } from './attempts.js';

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
    const client = clientHash(deps.signingKey, who.sourceIp);
    const refusal = await checkLinkPassword(
      deps,
      {
        id: share.id,
        client,
        lockAlert: (locked) => ({ kind: 'link-locked', shareId: share.id, failures: locked.failures, lockedUntil: locked.lockedUntil }),
      },
      input.password,
      share.passwordHash,
    );
    if (refusal) return deny(deps, share, who, refusal);
  }
  if (share.deviceBinding && share.boundDevice === null && !(await deps.shares.bindDevice(share.id, device))) {
    return deny(deps, share, who, deviceBound());
  }
  await record(deps, share, who, 'unlock');
  return issueToken(deps.signingKey, { sid: share.id, dev: device, pv: share.passwordVersion, av: share.accessVersion ?? 0 }, deps.nowMs);
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

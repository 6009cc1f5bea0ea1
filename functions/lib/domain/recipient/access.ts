import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import { shareIdSchema } from '../ids.js';
import type { AttemptCounters, FileStore, Outbox, RecipientCodes, ShareRepository } from '../ports.js';
import { assertOpen, publicView, type Share } from '../share.js';
import { clientHash, deviceHash, issueToken, readToken, type AccessClaims } from '../tokens.js';
import { checkLinkPassword } from './attempts.js';
import { checkRecipientCode, recipientCodeSchema, wrongCode, type CodeCheck } from './codes.js';
import { activePartner, partnerEmailSchema } from './partners.js';
import { deny, record } from './log.js';

/** A recipient opening a link: what anyone may see before unlocking, the unlock, and the token check. */

// The brute-force rule lives in attempts.ts, shared with file requests.
export { ATTEMPT_WINDOW_SECONDS, MAX_ATTEMPTS } from './attempts.js';

export const publicParamsSchema = z.strictObject({ id: z.string() });

export const deviceIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be 8-128 letters, digits, "-" or "_"'));

export const accessSchema = z.strictObject({
  password: z.optional(z.string().check(z.maxLength(256))),
  deviceId: deviceIdSchema,
  /** Links with `verifyRecipients`: the partner's address and the code emailed to it. */
  email: z.optional(partnerEmailSchema),
  code: z.optional(recipientCodeSchema),
});

export interface Recipient {
  sourceIp: string;
  userAgent: string;
  /** The verified partner, as their access token names them. */
  email?: string;
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
  /** Verified partners' codes (links with `verifyRecipients`). */
  codes?: RecipientCodes;
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
  if (share.verifyRecipients) return unlockAsPartner(deps, share, input, who);
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
 * A verified partner's unlock: their code (checked, not yet used), the password if any, their
 * own device binding, and only then the code is used up (once, whatever races) and a token
 * naming them issued.
 */
async function unlockAsPartner(deps: RecipientDeps, share: Share, input: z.output<typeof accessSchema>, who: Recipient) {
  if (!deps.codes) throw new Error('unlockShare needs deps.codes for verified links');
  if (input.email === undefined || input.code === undefined) {
    return deny(deps, share, who, new AppError('WRONG_CODE', 'Enter your email address and the code sent to it.'));
  }
  let check: CodeCheck;
  try {
    check = await checkRecipientCode({ ...deps, codes: deps.codes }, share, input.email, input.code);
  } catch (error) {
    if (error instanceof AppError) return deny(deps, share, who, error);
    throw error;
  }
  // The code was right: it no longer counts against the address, whatever happens next.
  await check.release();
  const partner = activePartner(share.partners, check.key)!;
  const as: Recipient = { ...who, email: check.email };
  const device = deviceHash(input.deviceId);
  if (share.deviceBinding && partner.boundDevice !== null && partner.boundDevice !== device) return deny(deps, share, as, deviceBound());
  if (share.passwordHash !== null) {
    const refusal = await checkLinkPassword(
      deps,
      {
        id: share.id,
        client: clientHash(deps.signingKey, who.sourceIp),
        lockAlert: (locked) => ({ kind: 'link-locked', shareId: share.id, failures: locked.failures, lockedUntil: locked.lockedUntil }),
      },
      input.password,
      share.passwordHash,
    );
    if (refusal) return deny(deps, share, as, refusal);
  }
  if (!(await check.use())) return deny(deps, share, as, wrongCode(false));
  if (share.deviceBinding && partner.boundDevice === null && !(await deps.shares.bindPartnerDevice(share.id, check.key, device))) {
    return deny(deps, share, as, deviceBound());
  }
  await deps.shares.notePartner(share.id, check.key, 'openedAt', new Date(deps.nowMs).toISOString()).catch(() => undefined);
  await record(deps, share, as, 'unlock');
  return issueToken(
    deps.signingKey,
    { sid: share.id, dev: device, pv: share.passwordVersion, grant: check.key, em: check.email, av: partner.version },
    deps.nowMs,
  );
}

/**
 * The current access version of the grant a token names: the link's own for tokens of whoever
 * holds the link, a verified partner's own (undefined once they are revoked or removed).
 */
function currentAccessVersion(share: Share, claims: AccessClaims): number | undefined {
  if (claims.grant === undefined) return share.verifyRecipients ? undefined : (share.accessVersion ?? 0);
  return activePartner(share.partners, claims.grant)?.version;
}

const invalidToken = () => new AppError('INVALID_TOKEN', 'Your access has expired. Enter the password again.');

/**
 * Every request re-reads the share, so cancel, expiry, a new password and a reset binding take effect at once.
 * Returns the share and the token's claims (its device binds transfers; its email names a verified partner).
 */
export async function authorize(
  deps: RecipientDeps,
  id: string,
  authorization: string | undefined,
  who: Recipient,
): Promise<{ share: Share; claims: AccessClaims }> {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  const claims = token ? readToken(deps.signingKey, token, deps.nowMs) : undefined;
  if (!claims || claims.sid !== id) throw invalidToken();
  const share = await openShare(deps, id, who);
  if (claims.pv !== share.passwordVersion || claims.av !== currentAccessVersion(share, claims)) throw invalidToken();
  const bound = claims.grant === undefined ? share.boundDevice : (activePartner(share.partners, claims.grant)?.boundDevice ?? null);
  if (share.deviceBinding && bound !== null && bound !== claims.dev) {
    return deny(deps, share, claims.em === undefined ? who : { ...who, email: claims.em }, deviceBound());
  }
  return { share, claims };
}

/** A malformed id is simply a link that does not exist. */
export function shareIdOrNotFound(id: string): string {
  if (!shareIdSchema.safeParse(id).success)
    throw new AppError('SHARE_NOT_FOUND', 'This link does not exist. Check that you copied all of it.');
  return id;
}

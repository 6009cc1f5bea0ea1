import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { keys } from '../../contract/table.js';
import { AppError } from '../../errors.js';
import { localeSchema } from '../locale.js';
import type { AttemptCounters, Outbox } from '../ports.js';
import { seal } from '../sealed.js';
import { currentSender, senderProblem, type SenderDeps } from '../senders.js';
import { hold } from '../throttle.js';
import { emailSchema } from './settings.js';

/**
 * Proving a sender address: ShareLink emails a 6-digit code to it (through the outbox and the
 * notify function, like every email) and the user types it back. Codes are stored only as an
 * HMAC, work for 10 minutes and once; a user gets at most 5 codes an hour and 5 wrong tries
 * per address in 15 minutes, each counted with a conditional write.
 */
export const SENDER_CODE_SECONDS = 10 * 60;
export const MAX_CODES_PER_HOUR = 5;
const CODES_WINDOW_SECONDS = 60 * 60;
export const MAX_WRONG_CODES = 5;
const WRONG_CODES_WINDOW_SECONDS = 15 * 60;
/** The outbox item only has to reach the notify function (seconds); a day covers every retry. */
const OUTBOX_RETENTION_SECONDS = 24 * 3600;
/** The purpose the code is sealed under for the notify function (`sealed.ts`). */
export const SENDER_CODE_PURPOSE = 'sender-code';

export const senderCodeRequestSchema = z.strictObject({ address: emailSchema, locale: localeSchema });
export const senderCodeConfirmSchema = z.strictObject({
  address: emailSchema,
  code: z.string().check(z.regex(/^\d{6}$/, 'must be the 6-digit code from the email')),
});

export interface SenderVerificationDeps extends SenderDeps {
  counters: AttemptCounters;
  outbox: Outbox;
  signingKey: Buffer;
  nowMs: number;
}

export interface VerifyingUser {
  userId: string;
}

/** The context a code is hashed and sealed in: this user, this address. */
export const senderCodeContext = (userId: string, address: string) => `${userId}|${address.toLowerCase()}`;

function codeHash(signingKey: Buffer, userId: string, address: string, code: string): string {
  return createHmac('sha256', signingKey)
    .update(`sender-code|${senderCodeContext(userId, address)}|${code}`)
    .digest('base64url');
}

const retryIn = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
};

/** The address must be one this deployment may send from, and the user's own sender must be theirs to set. */
async function assertMaySet(deps: SenderVerificationDeps, address: string): Promise<void> {
  const problem = senderProblem(deps.identity, address);
  if (problem) throw new AppError(deps.identity.mode === 'off' ? 'EMAIL_DISABLED' : 'SENDER_NOT_ALLOWED', problem);
  const { adminNotificationSender } = await deps.shares.getTenantSettings();
  if (adminNotificationSender) {
    throw new AppError(
      'ADMIN_SENDER_ENFORCED',
      `Emails are sent from the administrator's address ${adminNotificationSender}; your own sender cannot be set.`,
    );
  }
}

/** Sends a new code to the address (an earlier one stops working). */
export async function sendSenderCode(deps: SenderVerificationDeps, user: VerifyingUser, input: z.output<typeof senderCodeRequestSchema>) {
  const address = input.address.toLowerCase();
  await assertMaySet(deps, address);
  const counter = keys.userAttempts(user.userId, 'sender-codes');
  const slot = await hold(deps.counters, counter, MAX_CODES_PER_HOUR, CODES_WINDOW_SECONDS, deps.nowMs);
  if (!slot.held) {
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      `You asked for ${MAX_CODES_PER_HOUR} codes within an hour. ${retryIn(slot.retryAfterSeconds)}`,
      {
        'retry-after': String(slot.retryAfterSeconds),
      },
    );
  }
  // Every code sent counts, whatever becomes of it: the slot is kept as used.
  await deps.counters.fail(counter, slot.windowStart);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAtEpoch = Math.floor(deps.nowMs / 1000) + SENDER_CODE_SECONDS;
  const expiresAt = new Date(expiresAtEpoch * 1000).toISOString();
  // Stored before it is sent, so the code works the moment the email arrives.
  await deps.proofs.putCode(user.userId, address, codeHash(deps.signingKey, user.userId, address, code), expiresAtEpoch);
  await deps.outbox.queue(
    keys.userOutbox(user.userId, `sender-code#${randomBytes(9).toString('base64url')}`),
    {
      kind: 'sender-code',
      userId: user.userId,
      to: address,
      sealedCode: seal(deps.signingKey, SENDER_CODE_PURPOSE, senderCodeContext(user.userId, address), code),
      expiresAt,
      ...(input.locale ? { locale: input.locale } : {}),
    },
    expiresAtEpoch + OUTBOX_RETENTION_SECONDS,
  );
  return { address, expiresAt };
}

/** Checks the code; when right, the address is proved and becomes the user's sender. */
export async function confirmSenderCode(
  deps: SenderVerificationDeps,
  user: VerifyingUser,
  input: z.output<typeof senderCodeConfirmSchema>,
) {
  const address = input.address.toLowerCase();
  await assertMaySet(deps, address);
  const counter = keys.userAttempts(user.userId, `sender-confirm#${address}`);
  const slot = await hold(deps.counters, counter, MAX_WRONG_CODES, WRONG_CODES_WINDOW_SECONDS, deps.nowMs);
  if (!slot.held) {
    throw new AppError('TOO_MANY_ATTEMPTS', `Too many wrong codes for ${address}. ${retryIn(slot.retryAfterSeconds)}`, {
      'retry-after': String(slot.retryAfterSeconds),
    });
  }
  const proof = await deps.proofs.get(user.userId, address);
  const given = Buffer.from(codeHash(deps.signingKey, user.userId, address, input.code));
  const pending = proof?.codeHash ? Buffer.from(proof.codeHash) : undefined;
  const expired = !proof?.codeExpiresAt || proof.codeExpiresAt * 1000 <= deps.nowMs;
  const matches = pending !== undefined && pending.length === given.length && timingSafeEqual(pending, given);
  // `prove` consumes the code only while it is still the pending one: a code works once.
  const proved =
    matches && !expired && (await deps.proofs.prove(user.userId, address, 'code', new Date(deps.nowMs).toISOString(), proof.codeHash!));
  if (!proved) {
    await deps.counters.fail(counter, slot.windowStart);
    throw new AppError(
      'SENDER_CODE_INVALID',
      matches || (pending !== undefined && expired)
        ? 'This code has expired. Send a new one.'
        : 'Wrong code. Check the latest email: codes from earlier emails no longer work.',
    );
  }
  await deps.counters.release(counter, slot.windowStart);
  await deps.shares.putUserSettings(user.userId, { notificationSender: address });
  return currentSender(deps, user.userId);
}

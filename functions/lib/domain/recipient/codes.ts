import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { keys } from '../../contract/table.js';
import { AppError } from '../../errors.js';
import type { RecipientCodes } from '../ports.js';
import { seal } from '../sealed.js';
import type { Share } from '../share.js';
import { hold } from '../throttle.js';
import { activePartner, partnerEmailSchema, partnerKey } from './partners.js';
import type { Recipient, RecipientDeps } from './access.js';

/**
 * Email codes for verified recipients. A code is 6 digits, works once for 10 minutes, is bound
 * to the link and the address, and only its HMAC (under the signing key) is stored. Each address
 * may ask for 3 codes per 15 minutes and a link sends at most 30 codes an hour; each address may
 * type 5 wrong codes per 15 minutes. Every count is a conditional write.
 */
export const RECIPIENT_CODE_SECONDS = 10 * 60;
export const MAX_CODES_PER_ADDRESS = 3;
export const CODE_REQUEST_WINDOW_SECONDS = 15 * 60;
export const MAX_CODES_PER_LINK = 30;
export const LINK_CODES_WINDOW_SECONDS = 60 * 60;
export const MAX_WRONG_CODES = 5;
export const WRONG_CODES_WINDOW_SECONDS = 15 * 60;
/** The outbox item only has to reach the notify function (seconds); a day covers every retry. */
const OUTBOX_RETENTION_SECONDS = 24 * 3600;
/** The purpose a code is sealed under for the notify function (`sealed.ts`). */
export const RECIPIENT_CODE_PURPOSE = 'recipient-code';

export const codeRequestSchema = z.strictObject({ email: partnerEmailSchema });
export const recipientCodeSchema = z.string().check(z.regex(/^\d{6}$/, 'must be the 6-digit code from the email'));

export interface CodeDeps extends RecipientDeps {
  codes: RecipientCodes;
}

/** The context a code is hashed and sealed in: this link, this address. */
export const recipientCodeContext = (shareId: string, email: string) => `${shareId}|${email}`;

export function recipientCodeHash(signingKey: Buffer, shareId: string, email: string, code: string): string {
  return createHmac('sha256', signingKey)
    .update(`recipient-code|${recipientCodeContext(shareId, email)}|${code}`)
    .digest('base64url');
}

const minutes = (seconds: number) => {
  const count = Math.max(1, Math.ceil(seconds / 60));
  return `${count} minute${count === 1 ? '' : 's'}`;
};

const tooMany = (message: string, retryAfterSeconds: number) =>
  new AppError('TOO_MANY_ATTEMPTS', `${message} Try again in ${minutes(retryAfterSeconds)}.`, {
    'retry-after': String(Math.max(1, retryAfterSeconds)),
  });

export function assertVerified(share: Share): void {
  if (!share.verifyRecipients) throw new AppError('POLICY_VIOLATION', 'This link does not use email codes: open it with its password.');
}

/**
 * Sends a code to the address if it is one of the link's partners. The answer, and the writes
 * made, are the same for an address that is not (it gets nothing), so the page never learns who
 * is on the list; the counters count every address alike.
 */
export async function requestRecipientCode(deps: CodeDeps, share: Share, input: z.output<typeof codeRequestSchema>, who: Recipient) {
  void who;
  assertVerified(share);
  const email = input.email;
  const key = partnerKey(email);
  const nowEpoch = Math.floor(deps.nowMs / 1000);
  const addressWindow = Math.floor(nowEpoch / CODE_REQUEST_WINDOW_SECONDS);
  const addressWindowEnd = (addressWindow + 1) * CODE_REQUEST_WINDOW_SECONDS;
  if (!(await deps.counters.take(keys.codeRequests(share.id, key, addressWindow), 1, MAX_CODES_PER_ADDRESS, addressWindowEnd + 3600))) {
    throw tooMany(`${MAX_CODES_PER_ADDRESS} codes were already sent for this address.`, addressWindowEnd - nowEpoch);
  }
  const linkWindow = Math.floor(nowEpoch / LINK_CODES_WINDOW_SECONDS);
  const linkWindowEnd = (linkWindow + 1) * LINK_CODES_WINDOW_SECONDS;
  if (!(await deps.counters.take(keys.linkCodes(share.id, linkWindow), 1, MAX_CODES_PER_LINK, linkWindowEnd + 3600))) {
    throw tooMany('This link has sent as many codes as it may this hour.', linkWindowEnd - nowEpoch);
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAtEpoch = nowEpoch + RECIPIENT_CODE_SECONDS;
  const expiresAt = new Date(expiresAtEpoch * 1000).toISOString();
  // Stored for every address (a code nobody receives opens nothing): the same writes either way.
  await deps.codes.put(share.id, key, { codeHash: recipientCodeHash(deps.signingKey, share.id, email, code), expiresAt: expiresAtEpoch });
  if (activePartner(share.partners, key)) {
    await deps.outbox.queue(
      keys.shareOutbox(share.id, `code#${randomBytes(9).toString('base64url')}`),
      {
        kind: 'recipient-code',
        shareId: share.id,
        to: email,
        sealedCode: seal(deps.signingKey, RECIPIENT_CODE_PURPOSE, recipientCodeContext(share.id, email), code),
        expiresAt,
      },
      expiresAtEpoch + OUTBOX_RETENTION_SECONDS,
    );
  }
  return { expiresAt, expiresIn: RECIPIENT_CODE_SECONDS };
}

export const wrongCode = (expired: boolean) =>
  new AppError(
    'WRONG_CODE',
    expired ? 'This code has expired. Ask for a new one.' : 'Wrong code. Check the latest email: codes from earlier emails no longer work.',
  );

/** A code check in progress: `use` consumes the code (once), `fail` counts a wrong one, `release` frees the slot. */
export interface CodeCheck {
  email: string;
  key: string;
  use(): Promise<boolean>;
  release(): Promise<void>;
  fail(): Promise<void>;
}

/**
 * Checks a partner's code without using it up yet (the password and device come next), with a
 * slot of the address's wrong-code counter held. Throws WRONG_CODE (counted) or TOO_MANY_ATTEMPTS.
 */
export async function checkRecipientCode(deps: CodeDeps, share: Share, emailInput: string, code: string): Promise<CodeCheck> {
  const email = emailInput.trim().toLowerCase();
  const key = partnerKey(email);
  const counter = keys.codeAttempts(share.id, key);
  const slot = await hold(deps.counters, counter, MAX_WRONG_CODES, WRONG_CODES_WINDOW_SECONDS, deps.nowMs);
  if (!slot.held) throw tooMany('Too many wrong codes for this address.', slot.retryAfterSeconds);
  const given = recipientCodeHash(deps.signingKey, share.id, email, code);
  const check: CodeCheck = {
    email,
    key,
    use: () => deps.codes.consume(share.id, key, given, Math.floor(deps.nowMs / 1000)),
    release: () => deps.counters.release(counter, slot.windowStart),
    fail: async () => {
      await deps.counters.fail(counter, slot.windowStart);
    },
  };
  const pending = await deps.codes.get(share.id, key);
  const matches =
    pending !== undefined && pending.codeHash.length === given.length && timingSafeEqual(Buffer.from(pending.codeHash), Buffer.from(given));
  const expired = pending !== undefined && pending.expiresAt * 1000 <= deps.nowMs;
  if (!matches || expired || !activePartner(share.partners, key)) {
    await check.fail();
    throw wrongCode(matches && expired);
  }
  return check;
}

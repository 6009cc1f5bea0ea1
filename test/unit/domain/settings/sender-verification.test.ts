import { beforeEach, describe, expect, it } from 'vitest';
import { open } from '../../../../functions/lib/domain/sealed.js';
import type { SenderIdentity } from '../../../../functions/lib/domain/senders.js';
import {
  MAX_CODES_PER_HOUR,
  SENDER_CODE_PURPOSE,
  SENDER_CODE_SECONDS,
  confirmSenderCode,
  sendSenderCode,
  senderCodeConfirmSchema,
  senderCodeContext,
  type SenderVerificationDeps,
} from '../../../../functions/lib/domain/settings/sender-verification.js';
import { MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MINUTE, NOW, OWNER, failureOf } from '../../fixtures.js';

const KEY = Buffer.from('sender-verification-test-key');
const ADDRESS = 'files@example.com';
const USER = { userId: OWNER.userId };

let shares: MemoryShareRepository;
let security: MemorySecurityStore;
let identity: SenderIdentity;
const depsAt = (nowMs = NOW): SenderVerificationDeps => ({
  shares,
  proofs: security,
  identity,
  counters: security,
  outbox: security,
  signingKey: KEY,
  nowMs,
});

/** The code in the last queued email, as the notify function opens it. */
function lastCode(): string {
  const queued = security.outbox.at(-1)!.message;
  if (queued.kind !== 'sender-code') throw new Error('no sender code queued');
  return open(KEY, SENDER_CODE_PURPOSE, senderCodeContext(queued.userId, queued.to), queued.sealedCode)!;
}
const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

beforeEach(() => {
  shares = new MemoryShareRepository();
  security = new MemorySecurityStore();
  identity = { mode: 'local' };
});

describe('sending a code to a sender address', () => {
  it('queues one email to that address with a 6-digit code, sealed, and stores only its hash', async () => {
    const result = await sendSenderCode(depsAt(), USER, { address: 'Files@Example.com' });
    expect(result).toEqual({ address: ADDRESS, expiresAt: new Date(NOW + SENDER_CODE_SECONDS * 1000).toISOString() });
    expect(security.outbox).toHaveLength(1);
    const queued = security.outbox[0]!;
    expect(queued.key.pk).toBe(`USER#${OWNER.userId}`);
    expect(queued.message).toMatchObject({ kind: 'sender-code', userId: OWNER.userId, to: ADDRESS });
    const code = lastCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(queued)).not.toContain(code);
    const proof = await security.get(OWNER.userId, ADDRESS);
    expect(proof).toMatchObject({ provenAt: null, codeExpiresAt: Math.floor(NOW / 1000) + SENDER_CODE_SECONDS });
    expect(proof!.codeHash).not.toContain(code);
  });

  it(`sends at most ${MAX_CODES_PER_HOUR} codes an hour per user, then 429`, async () => {
    for (let i = 0; i < MAX_CODES_PER_HOUR; i++) await sendSenderCode(depsAt(NOW + i * MINUTE), USER, { address: `a${i}@example.com` });
    const error = await failureOf(sendSenderCode(depsAt(NOW + 10 * MINUTE), USER, { address: 'another@example.com' }));
    expect(error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
    expect(error.message).toBe('You asked for 5 codes within an hour. Try again in 50 minutes.');
    expect(security.outbox).toHaveLength(MAX_CODES_PER_HOUR);
    await expect(sendSenderCode(depsAt(NOW + 60 * MINUTE), USER, { address: 'another@example.com' })).resolves.toBeDefined();
  });

  it('refuses an address outside the SES identity, and any address when email is off', async () => {
    identity = { mode: 'domain', domain: 'corp.example' };
    await expect(sendSenderCode(depsAt(), USER, { address: ADDRESS })).rejects.toMatchObject({ code: 'SENDER_NOT_ALLOWED', status: 400 });
    identity = { mode: 'off' };
    await expect(sendSenderCode(depsAt(), USER, { address: ADDRESS })).rejects.toMatchObject({ code: 'EMAIL_DISABLED', status: 400 });
    expect(security.outbox).toEqual([]);
  });

  it('refuses while the administrator enforces a system sender (409)', async () => {
    shares.tenant.adminNotificationSender = 'noreply@corp.example';
    await expect(sendSenderCode(depsAt(), USER, { address: ADDRESS })).rejects.toMatchObject({
      code: 'ADMIN_SENDER_ENFORCED',
      status: 409,
    });
  });
});

describe('confirming the code', () => {
  it('proves the address and makes it the sender', async () => {
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    const result = await confirmSenderCode(depsAt(NOW + MINUTE), USER, { address: ADDRESS, code: lastCode() });
    expect(result).toEqual({ mode: 'user', sender: ADDRESS, editable: true });
    expect(await shares.getUserSettings(OWNER.userId)).toEqual({ notificationSender: ADDRESS });
    expect(await security.get(OWNER.userId, ADDRESS)).toMatchObject({ provenBy: 'code', codeHash: null });
  });

  it('works once', async () => {
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    const code = lastCode();
    await confirmSenderCode(depsAt(), USER, { address: ADDRESS, code });
    await expect(confirmSenderCode(depsAt(), USER, { address: ADDRESS, code })).rejects.toMatchObject({ code: 'SENDER_CODE_INVALID' });
  });

  it('refuses a wrong code (400 SENDER_CODE_INVALID), proving nothing', async () => {
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    await expect(confirmSenderCode(depsAt(), USER, { address: ADDRESS, code: wrongCodeFor(lastCode()) })).rejects.toMatchObject({
      code: 'SENDER_CODE_INVALID',
      status: 400,
      message: 'Wrong code. Check the latest email: codes from earlier emails no longer work.',
    });
    expect((await security.get(OWNER.userId, ADDRESS))!.provenAt).toBeNull();
    expect(await shares.getUserSettings(OWNER.userId)).toEqual({ notificationSender: null });
  });

  it('refuses a code after 10 minutes', async () => {
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    await expect(
      confirmSenderCode(depsAt(NOW + SENDER_CODE_SECONDS * 1000), USER, { address: ADDRESS, code: lastCode() }),
    ).rejects.toMatchObject({ code: 'SENDER_CODE_INVALID', message: 'This code has expired. Send a new one.' });
  });

  it('refuses the code of an earlier email once a new one was sent', async () => {
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    const first = lastCode();
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    const second = lastCode();
    if (first !== second) {
      await expect(confirmSenderCode(depsAt(), USER, { address: ADDRESS, code: first })).rejects.toMatchObject({
        code: 'SENDER_CODE_INVALID',
      });
    }
    await expect(confirmSenderCode(depsAt(), USER, { address: ADDRESS, code: second })).resolves.toMatchObject({ sender: ADDRESS });
  });

  it("does not accept one user's code for another user", async () => {
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    await expect(confirmSenderCode(depsAt(), { userId: 'someone-else' }, { address: ADDRESS, code: lastCode() })).rejects.toMatchObject({
      code: 'SENDER_CODE_INVALID',
    });
  });

  it('allows 5 wrong codes per address in 15 minutes, however many race, then 429 even for the right one', async () => {
    await sendSenderCode(depsAt(), USER, { address: ADDRESS });
    const code = lastCode();
    const wrong = Array.from({ length: 9 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const results = await Promise.allSettled(wrong.map((guess) => confirmSenderCode(depsAt(), USER, { address: ADDRESS, code: guess })));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'SENDER_CODE_INVALID')).toHaveLength(5);
    expect(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS')).toHaveLength(4);
    await expect(confirmSenderCode(depsAt(), USER, { address: ADDRESS, code })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('takes only six digits', () => {
    for (const code of ['12345', '1234567', 'abcdef', ' 123456']) {
      expect(senderCodeConfirmSchema.safeParse({ address: ADDRESS, code }).success).toBe(false);
    }
  });
});

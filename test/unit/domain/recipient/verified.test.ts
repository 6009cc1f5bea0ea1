import { beforeEach, describe, expect, it } from 'vitest';
import { updateShare, updateShareSchema } from '../../../../functions/lib/domain/links/manage.js';
import { authorize, unlockShare } from '../../../../functions/lib/domain/recipient/access.js';
import {
  RECIPIENT_CODE_PURPOSE,
  codeRequestSchema,
  recipientCodeContext,
  recipientCodeHash,
  requestRecipientCode,
} from '../../../../functions/lib/domain/recipient/codes.js';
import { partnerKey, partnersFor } from '../../../../functions/lib/domain/recipient/partners.js';
import { open } from '../../../../functions/lib/domain/sealed.js';
import type { Share } from '../../../../functions/lib/domain/share.js';
import { readToken } from '../../../../functions/lib/domain/tokens.js';
import { createShareSchema } from '../../../../functions/lib/domain/links/create.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MemoryRecipientCodes } from '../../../support/memory-codes.js';
import { MINUTE, NOW, OWNER, aShare } from '../../fixtures.js';

const KEY = Buffer.from('verified-recipients-test-key');
const SAM = 'sam@partner.example';
const KIM = 'kim@partner.example';
const WHO = { sourceIp: '198.51.100.7', userAgent: 'UA' };
let shares: MemoryShareRepository;
let security: MemorySecurityStore;
let codes: MemoryRecipientCodes;

const deps = (nowMs = NOW) => ({
  shares,
  files: new MemoryFileStore(),
  counters: security,
  outbox: security,
  codes,
  signingKey: KEY,
  nowMs,
});
const ownerDeps = (nowMs = NOW) => ({
  shares,
  baseUrl: 'https://share.example.com',
  nowMs,
  counters: security,
  outbox: security,
  proofs: security,
  identity: { mode: 'local' as const },
});

function verifiedShare(overrides: Partial<Share> = {}): Share {
  return shares.put(
    aShare({
      recipients: [SAM, KIM],
      verifyRecipients: true,
      partners: partnersFor([SAM, KIM], new Date(NOW).toISOString()),
      ...overrides,
    }),
  );
}

const codeMessages = () => security.outbox.map((queued) => queued.message).filter((message) => message.kind === 'recipient-code');

/** Asks for a code for `email` and reads it back from the outbox item the notify function would send. */
async function codeFor(share: Share, email: string, nowMs = NOW): Promise<string> {
  const before = codeMessages().length;
  await requestRecipientCode(deps(nowMs), (await shares.get(share.id))!, codeRequestSchema.parse({ email }), WHO);
  const message = codeMessages()[before];
  if (message?.kind !== 'recipient-code') throw new Error(`no code was queued for ${email}`);
  return open(KEY, RECIPIENT_CODE_PURPOSE, recipientCodeContext(share.id, message.to), message.sealedCode)!;
}

const unlock = (share: Share, body: { email?: string; code?: string; deviceId?: string; password?: string }, nowMs = NOW) =>
  unlockShare(deps(nowMs), share.id, { deviceId: 'device-0001', ...body }, WHO);

beforeEach(() => {
  shares = new MemoryShareRepository();
  security = new MemorySecurityStore();
  codes = new MemoryRecipientCodes();
  shares.tenant.adminNotificationSender = 'noreply@share.example.com';
});

describe('email codes', () => {
  it('are stored only as an HMAC bound to link and address, work once, and name the partner in the token', async () => {
    const share = verifiedShare();
    const code = await codeFor(share, SAM);
    expect(code).toMatch(/^\d{6}$/);
    const stored = [...codes.codes.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.codeHash).toBe(recipientCodeHash(KEY, share.id, SAM, code));
    expect(JSON.stringify([...codes.codes.entries()])).not.toContain(code);

    const { token } = await unlock(share, { email: SAM, code });
    expect(readToken(KEY, token, NOW)).toMatchObject({ sid: share.id, em: SAM, grant: partnerKey(SAM) });
    await expect(unlock(share, { email: SAM, code })).rejects.toMatchObject({ code: 'WRONG_CODE', status: 401 });
    // The access log names the partner.
    expect(shares.events.filter((e) => e.event.kind === 'unlock').map((e) => e.event.email)).toEqual([SAM]);
    expect((await shares.get(share.id))!.partners![partnerKey(SAM)]!.openedAt).toBe(new Date(NOW).toISOString());
  });

  it('expire after 10 minutes, and only the latest one works', async () => {
    const share = verifiedShare();
    const first = await codeFor(share, SAM);
    await expect(unlock(share, { email: SAM, code: first }, NOW + 10 * MINUTE)).rejects.toMatchObject({
      code: 'WRONG_CODE',
      message: expect.stringContaining('expired'),
    });
    const second = await codeFor(share, SAM, NOW + MINUTE);
    const third = await codeFor(share, SAM, NOW + 2 * MINUTE);
    if (second !== third)
      await expect(unlock(share, { email: SAM, code: second }, NOW + 2 * MINUTE)).rejects.toMatchObject({ code: 'WRONG_CODE' });
    await expect(unlock(share, { email: SAM, code: third }, NOW + 2 * MINUTE)).resolves.toHaveProperty('token');
  });

  it('of another link or another address do not open this one', async () => {
    const share = verifiedShare();
    const other = verifiedShare();
    const otherCode = await codeFor(other, SAM);
    await expect(unlock(share, { email: SAM, code: otherCode })).rejects.toMatchObject({ code: 'WRONG_CODE' });
    const kimCode = await codeFor(share, KIM);
    await expect(unlock(share, { email: SAM, code: kimCode })).rejects.toMatchObject({ code: 'WRONG_CODE' });
    await expect(unlock(share, {})).rejects.toMatchObject({ code: 'WRONG_CODE' });
  });

  it('give an unlisted address the same answer and no email; addresses are normalised', async () => {
    const share = verifiedShare();
    const listed = await requestRecipientCode(deps(), share, codeRequestSchema.parse({ email: '  SAM@Partner.Example ' }), WHO);
    const unlisted = await requestRecipientCode(deps(), share, codeRequestSchema.parse({ email: 'eve@elsewhere.example' }), WHO);
    expect(Object.keys(unlisted)).toEqual(Object.keys(listed));
    expect(codeMessages()).toEqual([expect.objectContaining({ to: SAM })]);
    expect(codeRequestSchema.safeParse({ email: 'not an address' }).success).toBe(false);
  });

  it('are refused on a link without verified recipients', async () => {
    const share = shares.put(aShare());
    await expect(requestRecipientCode(deps(), share, { email: SAM }, WHO)).rejects.toMatchObject({ status: 400 });
    expect(createShareSchema.parse({ items: [{ path: 'a.txt' }], verifyRecipients: true }).verifyRecipients).toBe(true);
  });
});

describe('rate limits under parallel requests', () => {
  it('send 3 codes per address per 15 minutes out of 100 parallel requests', async () => {
    const share = verifiedShare();
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => requestRecipientCode(deps(), share, { email: SAM }, WHO)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    const refusals = results.filter((result) => result.status === 'rejected').map((result) => result.reason);
    expect(refusals).toHaveLength(97);
    expect(
      refusals.every(
        (error: { code: string; headers: Record<string, string> }) =>
          error.code === 'TOO_MANY_ATTEMPTS' && Number(error.headers['retry-after']) > 0,
      ),
    ).toBe(true);
    expect(codeMessages()).toHaveLength(3);
    // Another address still gets its own.
    await expect(requestRecipientCode(deps(), share, { email: KIM }, WHO)).resolves.toHaveProperty('expiresAt');
  });

  it('cap the codes a link sends per hour, whoever asks', async () => {
    const share = verifiedShare();
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, index) => requestRecipientCode(deps(), share, { email: `guest${index}@elsewhere.example` }, WHO)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(30);
    await expect(requestRecipientCode(deps(), share, { email: SAM }, WHO)).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      status: 429,
    });
    expect(codeMessages()).toHaveLength(0);
  });

  it('refuse every code after 5 wrong ones for an address, the right one too', async () => {
    const share = verifiedShare();
    const code = await codeFor(share, SAM);
    const wrong = code === '000000' ? '111111' : '000000';
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => unlock(share, { email: SAM, code: wrong })));
    const codesSeen = results.map((result) => (result as PromiseRejectedResult).reason.code as string);
    expect(codesSeen.filter((seen) => seen === 'WRONG_CODE')).toHaveLength(5);
    expect(codesSeen.filter((seen) => seen === 'TOO_MANY_ATTEMPTS')).toHaveLength(15);
    await expect(unlock(share, { email: SAM, code })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('use a code once however many requests race with it', async () => {
    const share = verifiedShare();
    const code = await codeFor(share, SAM);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => unlock(share, { email: SAM, code })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('device binding per partner', () => {
  it('binds one device of a partner out of 10 racing, while another partner still gets in', async () => {
    const share = verifiedShare({ deviceBinding: true });
    const code = await codeFor(share, SAM);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) => unlock(share, { email: SAM, code, deviceId: `sam-device-${index}0000` })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const binds = await Promise.all(
      Array.from({ length: 10 }, (_, index) => shares.bindPartnerDevice(share.id, partnerKey(KIM), `kim-${index}`)),
    );
    expect(binds.filter(Boolean)).toHaveLength(1);
    await shares.editPartners(share.id, OWNER.userId, [{ op: 'resetDevice', key: partnerKey(KIM) }], [SAM, KIM]);

    await expect(unlock(share, { email: KIM, code: await codeFor(share, KIM), deviceId: 'kim-device-00001' })).resolves.toHaveProperty(
      'token',
    );
    // Sam's second device is told it is bound, with a right code (in the next window: the race's losers counted as wrong codes).
    const later = NOW + 16 * MINUTE;
    await expect(
      unlock(share, { email: SAM, code: await codeFor(share, SAM, later), deviceId: 'sam-other-device' }, later),
    ).rejects.toMatchObject({
      code: 'DEVICE_BOUND',
    });
  });
});

describe('revocation', () => {
  it("revoking a partner ends their tokens and codes; others keep theirs; a device reset ends the partner's tokens", async () => {
    const share = verifiedShare({ deviceBinding: true });
    const sam = await unlock(share, { email: SAM, code: await codeFor(share, SAM), deviceId: 'sam-device-0001' });
    const kim = await unlock(share, { email: KIM, code: await codeFor(share, KIM), deviceId: 'kim-device-0001' });
    const check = (token: string) => authorize(deps(), share.id, `Bearer ${token}`, WHO);
    // The token names its partner: the access log, alerts and watermark use it.
    await expect(check(sam.token)).resolves.toMatchObject({ share: { id: share.id }, claims: { em: SAM } });

    const view = await updateShare(ownerDeps(), OWNER.userId, share.id, updateShareSchema.parse({ partners: { revoke: [SAM] } }));
    expect(view.partners.find((partner) => partner.email === SAM)).toMatchObject({ status: 'revoked' });
    await expect(check(sam.token)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(check(kim.token)).resolves.toMatchObject({ share: { id: share.id }, claims: { em: KIM } });
    const before = codeMessages().length;
    await requestRecipientCode(deps(), (await shares.get(share.id))!, { email: SAM }, WHO);
    expect(codeMessages()).toHaveLength(before);

    await updateShare(ownerDeps(), OWNER.userId, share.id, updateShareSchema.parse({ partners: { resetDevice: [KIM] } }));
    await expect(check(kim.token)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(unlock(share, { email: KIM, code: await codeFor(share, KIM), deviceId: 'kim-device-0002' })).resolves.toHaveProperty(
      'token',
    );
  });

  it('adding a partner queues an invitation, removing one ends their access; resend queues another', async () => {
    const share = verifiedShare();
    const sam = await unlock(share, { email: SAM, code: await codeFor(share, SAM) });
    const view = await updateShare(
      ownerDeps(),
      OWNER.userId,
      share.id,
      updateShareSchema.parse({ partners: { add: [' Lee@Partner.Example'], remove: [SAM], resend: [KIM] } }),
    );
    expect(view.recipients).toEqual([KIM, 'lee@partner.example']);
    expect(view.partners.map((partner) => partner.email)).toEqual([KIM, 'lee@partner.example']);
    const invites = security.outbox.map((queued) => queued.message).filter((message) => message.kind === 'partner-invite');
    expect(invites.map((invite) => (invite.kind === 'partner-invite' ? invite.to : '')).sort()).toEqual([KIM, 'lee@partner.example']);
    await expect(authorize(deps(), share.id, `Bearer ${sam.token}`, WHO)).rejects.toMatchObject({ code: 'INVALID_TOKEN' });
    await expect(
      updateShare(ownerDeps(), OWNER.userId, share.id, updateShareSchema.parse({ partners: { revoke: ['nobody@elsewhere.example'] } })),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('a refused partner edit changes nothing else of the edit: no new password, no new expiry', async () => {
    const share = shares.put(aShare({ recipients: [SAM] }));
    const before = structuredClone(await shares.get(share.id));
    await expect(
      updateShare(
        ownerDeps(),
        OWNER.userId,
        share.id,
        updateShareSchema.parse({ regeneratePassword: true, expiry: { days: 3 }, partners: { revoke: [SAM] } }),
      ),
    ).rejects.toMatchObject({ code: 'POLICY_VIOLATION' });
    expect(await shares.get(share.id)).toEqual(before);
  });
});

/**
 * Verified recipients end to end against the local runtime: partners get a code by email (read
 * from the local SES store), open the link with it, and the owner sees who did what.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, deviceId, randomBytes, signIn, upload, uniquePath } from './client.js';
import { partnerAddress, proveSender, sentTo, storedEmails, waitForEmails, type StoredEmail } from './notifications-inbox.js';

const baseUrl = inject('baseUrl');
const inboxUrl = inject('inboxUrl');
const USER_SENDER = 'demo.files@example.com';
let owner: string;
let file: string;

const isCode = (email: StoredEmail) => /^Your ShareLink code: \d{6}$/.test(email.subject);
const codesTo = async (address: string) => (await storedEmails(inboxUrl)).filter((email) => sentTo(address)(email) && isCode(email));

/** Asks for a code for `address` and reads the newest one from the inbox. */
async function codeFor(shareId: string, address: string): Promise<string> {
  const before = (await codesTo(address)).length;
  const asked = await call('POST', `/api/public/shares/${shareId}/codes`, { body: { email: address } });
  expect(asked.status, JSON.stringify(asked.body)).toBe(202);
  const emails = await waitForEmails(inboxUrl, (email) => sentTo(address)(email) && isCode(email), before + 1);
  return /(\d{6})$/.exec(emails.at(-1)!.subject)![1]!;
}

async function verifiedLink(partners: string[], extra: Record<string, unknown> = {}) {
  const reply = await call('POST', '/api/shares', {
    token: owner,
    body: { items: [{ path: file }], password: { mode: 'none' }, recipients: partners, verifyRecipients: true, ...extra },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; verifyRecipients: boolean };
}

beforeAll(async () => {
  owner = await signIn(inject('demoEmail'), inject('demoPassword'));
  file = uniquePath('Q3 report.pdf');
  await upload(owner, file, randomBytes(2048));
  await proveSender(baseUrl, inboxUrl, owner, USER_SENDER);
});

afterAll(async () => {
  expect((await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: null } })).status).toBe(200);
});

describe('verified recipients', () => {
  it('let a listed partner in with the code from their email, once, and log them by address', async () => {
    const [sam, kim] = [partnerAddress(), partnerAddress()];
    const link = await verifiedLink([sam, kim]);
    expect(link.verifyRecipients).toBe(true);
    // The invitation says a code will be needed.
    const [invite] = await waitForEmails(inboxUrl, (email) => sentTo(sam)(email) && !isCode(email));
    expect(invite!.body.text).toContain('6-digit code');
    expect((await call('GET', `/api/public/shares/${link.id}`)).body).toMatchObject({ verifyRecipients: true, requiresPassword: false });

    // Case and spaces do not matter.
    const before = (await codesTo(sam)).length;
    const asked = await call('POST', `/api/public/shares/${link.id}/codes`, { body: { email: `  ${sam.toUpperCase()} ` } });
    expect(asked.status).toBe(202);
    const code = /(\d{6})$/.exec(
      (await waitForEmails(inboxUrl, (email) => sentTo(sam)(email) && isCode(email), before + 1)).at(-1)!.subject,
    )![1]!;

    const device = deviceId();
    const opened = await call('POST', `/api/public/shares/${link.id}/access`, { body: { email: sam, code, deviceId: device } });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const again = await call('POST', `/api/public/shares/${link.id}/access`, { body: { email: sam, code, deviceId: device } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('WRONG_CODE');
    // A link-wide unlock without a code is refused.
    expect((await call('POST', `/api/public/shares/${link.id}/access`, { body: { deviceId: device } })).body.error.code).toBe('WRONG_CODE');

    const token = opened.body.token as string;
    const list = await call('GET', `/api/public/shares/${link.id}/files`, { token });
    expect(list.status).toBe(200);
    const download = await call('POST', `/api/public/shares/${link.id}/downloads`, {
      token,
      body: { fileId: list.body.entries[0].fileId },
    });
    expect(download.status).toBe(200);

    const events = await call('GET', `/api/shares/${link.id}/events`, { token: owner });
    const named = (events.body.events as { kind: string; email?: string }[]).filter(
      (event) => event.kind === 'unlock' || event.kind === 'download',
    );
    expect(named.map((event) => [event.kind, event.email]).sort()).toEqual([
      ['download', sam],
      ['unlock', sam],
    ]);
    const detail = await call('GET', `/api/shares/${link.id}`, { token: owner });
    expect(detail.body.partners).toEqual([
      expect.objectContaining({ email: sam, status: 'downloaded', openedAt: expect.any(String), downloadedAt: expect.any(String) }),
      expect.objectContaining({ email: kim, status: 'invited', openedAt: null }),
    ]);
  });

  it('give an unlisted address the same answer and no email; a malformed one is 400', async () => {
    const [sam, stranger] = [partnerAddress(), partnerAddress()];
    const link = await verifiedLink([sam]);
    const listed = await call('POST', `/api/public/shares/${link.id}/codes`, { body: { email: sam } });
    const unlisted = await call('POST', `/api/public/shares/${link.id}/codes`, { body: { email: stranger } });
    expect([listed.status, unlisted.status]).toEqual([202, 202]);
    expect(Object.keys(unlisted.body).sort()).toEqual(Object.keys(listed.body).sort());
    await waitForEmails(inboxUrl, (email) => sentTo(sam)(email) && isCode(email));
    // The listed partner's code arrived; the stranger's request (made at the same time) sent nothing.
    expect((await storedEmails(inboxUrl)).filter(sentTo(stranger))).toEqual([]);
    const malformed = await call('POST', `/api/public/shares/${link.id}/codes`, { body: { email: 'not-an-address' } });
    expect(malformed.status).toBe(400);
  });

  it('stop a revoked partner at once while others keep their access, and resend an invitation', async () => {
    const [sam, kim] = [partnerAddress(), partnerAddress()];
    const link = await verifiedLink([sam, kim]);
    const open = async (address: string) => {
      const reply = await call('POST', `/api/public/shares/${link.id}/access`, {
        body: { email: address, code: await codeFor(link.id, address), deviceId: deviceId() },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body.token as string;
    };
    const [samToken, kimToken] = [await open(sam), await open(kim)];

    const revoked = await call('PATCH', `/api/shares/${link.id}`, { token: owner, body: { partners: { revoke: [sam] } } });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.partners.find((partner: { email: string }) => partner.email === sam).status).toBe('revoked');
    expect((await call('GET', `/api/public/shares/${link.id}/files`, { token: samToken })).status).toBe(401);
    expect((await call('GET', `/api/public/shares/${link.id}/files`, { token: kimToken })).status).toBe(200);
    // A revoked partner gets the same answer and no code.
    const codesBefore = (await codesTo(sam)).length;
    expect((await call('POST', `/api/public/shares/${link.id}/codes`, { body: { email: sam } })).status).toBe(202);

    const invitesBefore = (await storedEmails(inboxUrl)).filter((email) => sentTo(kim)(email) && !isCode(email)).length;
    const resent = await call('PATCH', `/api/shares/${link.id}`, { token: owner, body: { partners: { resend: [kim] } } });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    await waitForEmails(inboxUrl, (email) => sentTo(kim)(email) && !isCode(email), invitesBefore + 1);
    expect(await codesTo(sam)).toHaveLength(codesBefore);
  });
});

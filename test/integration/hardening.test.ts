/**
 * The security hardening against the local runtime (docs/security.md): the password throttle
 * across clients (requests from other loopback addresses: the server, bound to 127.0.0.1,
 * sees each as its own client), a right password never refused for attempts in flight, proven
 * senders only, verified names, a device reset revoking the old token, and the name rules.
 * Tenant settings and the demo owner's sender go back to the defaults afterwards.
 */
import { request } from 'node:http';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientConfig } from '../../bin/local/aws.js';
import { keys } from '../../functions/lib/contract/table.js';
import { appConfig } from '../support/local-runtime.js';
import { baseUrl, call, deviceId, randomBytes, signIn, upload, uniquePath, type Reply } from './client.js';
import { codeIn, partnerAddress, sentTo, storedEmails, waitForEmails } from './notifications-inbox.js';

const inboxUrl = inject('inboxUrl');
const demoEmail = inject('demoEmail');
const demoName = inject('demoName');
const PASSWORD = 'Right-horse-battery-9';

const DEFAULT_TENANT_SETTINGS = {
  adminNotificationSender: null,
  deviceBindingEnabled: false,
  requirePassword: false,
  defaultExpiryDays: 7,
  maxExpiryDays: null,
};

let owner: string;
let admin: string;
let ownerId: string;
let file: string;

const setTenant = async (changes: Record<string, unknown>) => {
  const reply = await call('PUT', '/api/admin/settings', { token: admin, body: { ...DEFAULT_TENANT_SETTINGS, ...changes } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as Record<string, unknown>;
};

async function share(body: Record<string, unknown> = {}) {
  const reply = await call('POST', '/api/shares', {
    token: owner,
    body: {
      items: [{ path: file, alias: `${uniquePath('x').split('/')[0]}.txt` }],
      password: { mode: 'custom', value: PASSWORD },
      ...body,
    },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; items: { alias: string }[] };
}

/** POST from a chosen loopback address, as another client on the network would. */
function postFrom(localAddress: string, path: string, body: unknown): Promise<Reply> {
  const url = new URL(path, baseUrl());
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: new Headers() });
        });
      },
    );
    sent.on('error', reject);
    sent.end(payload);
  });
}

const unlockFrom = (localAddress: string, id: string, password: string, device = deviceId()) =>
  postFrom(localAddress, `/api/public/shares/${id}/access`, { password, deviceId: device });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  [owner, admin] = await Promise.all([signIn(demoEmail, inject('demoPassword')), signIn(inject('adminEmail'), inject('demoPassword'))]);
  ownerId = (JSON.parse(Buffer.from(owner.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
  file = uniquePath('hardening.txt');
  await upload(owner, file, randomBytes(256));
  await setTenant({});
});

afterAll(async () => {
  await setTenant({ dailyPartnerEmailLimit: 200 });
  expect((await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: null } })).status).toBe(200);
});

describe('the password throttle across clients', () => {
  it('checks at most 20 wrong passwords from 5 clients × 5, then refuses a new client with the right one, and emails the owner once', async () => {
    const created = await share();
    const clients = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];
    const guesses = clients.flatMap((address) =>
      Array.from({ length: 5 }, (_, i) => unlockFrom(address, created.id, `wrong-${address}-${i}`)),
    );
    const statuses = (await Promise.all(guesses)).map((reply) => reply.status);
    // 401 = a guess that was checked (and wrong); 429 = refused unchecked.
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);

    const newcomer = await unlockFrom('127.0.0.7', created.id, PASSWORD);
    expect(newcomer.status).toBe(429);
    expect(newcomer.body.error).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      message: expect.stringMatching(/^This link is locked after too many wrong passwords\. Try again in (59|60) minutes\.$/),
    });

    const locked = (email: { subject: string }) => email.subject === `Link locked: ${created.items[0]!.alias}`;
    const [alert] = await waitForEmails(inboxUrl, (email) => sentTo(demoEmail)(email) && locked(email));
    expect(alert!.body.text).toContain('had 20 wrong passwords within an hour');
    // More refused attempts, and time for any duplicate to arrive: still exactly one.
    await unlockFrom('127.0.0.8', created.id, 'one-more-wrong');
    await sleep(3000);
    expect((await storedEmails(inboxUrl)).filter((email) => sentTo(demoEmail)(email) && locked(email))).toHaveLength(1);
  });

  it('lets 10 parallel right passwords from one client all in', async () => {
    const created = await share();
    const replies = await Promise.all(Array.from({ length: 10 }, () => unlockFrom('127.0.0.9', created.id, PASSWORD)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
  });

  it('still checks at most 5 of 12 parallel wrong guesses from one client', async () => {
    const created = await share();
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => unlockFrom('127.0.0.10', created.id, `parallel-wrong-${i}`)));
    expect(replies.filter((reply) => reply.status === 401)).toHaveLength(5);
    expect(replies.filter((reply) => reply.status === 429)).toHaveLength(7);
  });

  it('refuses a custom password shorter than 8 characters', async () => {
    const reply = await call('POST', '/api/shares', {
      token: owner,
      body: { items: [{ path: file }], password: { mode: 'custom', value: 'Abc-123' } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/password\.value: must be at least 8 characters/);
  });
});

describe('senders', () => {
  it('never uses an address the owner did not prove: refused when saved, and not used when planted before proofs existed', async () => {
    const address = `ceo-${Date.now().toString(36)}@example.com`;
    const refused = await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: address } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('SENDER_NOT_VERIFIED');

    // A sender saved before proofs were required (written behind the API).
    const db = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(inject('dynamoEndpoint'))));
    try {
      await db.send(
        new PutCommand({ TableName: inject('tableName'), Item: { ...keys.userSettings(ownerId), notificationSender: address } }),
      );
    } finally {
      db.destroy();
    }
    expect((await call('GET', '/api/me/settings', { token: owner })).body).toEqual({
      notificationSender: address,
      notificationSenderVerified: false,
    });
    expect((await call('GET', '/api/me', { token: owner })).body.notification).toEqual({ mode: 'user', sender: null, editable: true });
    const partner = partnerAddress();
    const create = await call('POST', '/api/shares', { token: owner, body: { items: [{ path: file }], recipients: [partner] } });
    expect(create.status).toBe(400);
    expect(create.body.error.code).toBe('NOTIFICATION_SENDER_NOT_CONFIGURED');
    await sleep(1500);
    expect((await storedEmails(inboxUrl)).filter((email) => email.from.includes(address))).toEqual([]);
  });

  it('proves an address with the code emailed to it: a wrong code is refused, the right one makes it the sender', async () => {
    const address = `files-${Date.now().toString(36)}@example.com`;
    const sent = await call('POST', '/api/me/sender-verification', { token: owner, body: { address } });
    expect(sent.status).toBe(202);
    expect(sent.body.address).toBe(address);
    const [email] = await waitForEmails(inboxUrl, sentTo(address));
    const code = codeIn(email!);
    expect(email!.from).not.toBe(address);

    const wrong = await call('POST', '/api/me/sender-verification/confirm', {
      token: owner,
      body: { address, code: String((Number(code) + 1) % 1_000_000).padStart(6, '0') },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('SENDER_CODE_INVALID');

    const confirmed = await call('POST', '/api/me/sender-verification/confirm', { token: owner, body: { address, code } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.notification).toEqual({ mode: 'user', sender: address, editable: true });
    const again = await call('POST', '/api/me/sender-verification/confirm', { token: owner, body: { address, code } });
    expect(again.body.error.code).toBe('SENDER_CODE_INVALID');

    const partner = partnerAddress();
    expect((await call('POST', '/api/shares', { token: owner, body: { items: [{ path: file }], recipients: [partner] } })).status).toBe(
      201,
    );
    const [partnerEmail] = await waitForEmails(inboxUrl, sentTo(partner));
    expect(partnerEmail!.from).toBe(address);
    expect(partnerEmail!.subject).toMatch(new RegExp(`^${demoName} shared`));
  });

  it('caps partner emails per owner and day (a tenant setting, optional in PUT and always in GET)', async () => {
    await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: demoEmail } });
    const saved = await setTenant({ dailyPartnerEmailLimit: 1 });
    expect(saved.dailyPartnerEmailLimit).toBe(1);
    // Left out of a later PUT: unchanged, and still in GET.
    await setTenant({ deviceBindingEnabled: false });
    expect((await call('GET', '/api/admin/settings', { token: admin })).body.dailyPartnerEmailLimit).toBe(1);
    const refused = await call('POST', '/api/shares', {
      token: owner,
      body: { items: [{ path: file }], recipients: [partnerAddress(), partnerAddress()] },
    });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('EMAIL_LIMIT_REACHED');
    await setTenant({ dailyPartnerEmailLimit: 200 });
  });

  it('takes an administrator sender without a code, and tells the web app email is on and from where', async () => {
    const me = await call('GET', '/api/me', { token: owner });
    expect(me.body).toMatchObject({ email: demoEmail, name: demoName, emailSending: { enabled: true, mode: 'local' } });
    try {
      await setTenant({ adminNotificationSender: 'noreply@sharelink.example' });
      expect((await call('GET', '/api/me', { token: owner })).body.notification).toEqual({
        mode: 'admin',
        sender: 'noreply@sharelink.example',
        editable: false,
      });
    } finally {
      await setTenant({});
    }
  });
});

describe('what recipients see', () => {
  it('names the owner by the name an administrator gave them', async () => {
    const created = await share();
    const view = await call('GET', `/api/public/shares/${created.id}`);
    expect(view.body.ownerName).toBe(demoName);
  });

  it('never shows an address Cognito has not verified, nor takes it as a sender', async () => {
    // An account whose address is not verified (as after an unverified change without keepOriginal).
    const config = await appConfig(baseUrl());
    const cognito = new CognitoIdentityProviderClient(clientConfig(config.cognitoEndpoint));
    const email = `unverified-${Date.now().toString(36)}@example.com`;
    const password = 'Unverified-pass-1';
    try {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: config.userPoolId,
          Username: email,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'false' },
          ],
          MessageAction: 'SUPPRESS',
        }),
      );
      await cognito.send(
        new AdminSetUserPasswordCommand({ UserPoolId: config.userPoolId, Username: email, Password: password, Permanent: true }),
      );
    } finally {
      cognito.destroy();
    }
    const token = await signIn(email, password);
    expect((await call('GET', '/api/me', { token })).body.email).toBe('');
    const path = uniquePath('mine.txt');
    await upload(token, path, randomBytes(8));
    const created = await call('POST', '/api/shares', { token, body: { items: [{ path }], password: { mode: 'none' } } });
    expect(created.status).toBe(201);
    const view = await call('GET', `/api/public/shares/${created.body.id}`);
    expect(view.body.ownerName).toBe('A ShareLink user');
    expect(JSON.stringify(view.body)).not.toContain(email);
    const sender = await call('PUT', '/api/me/settings', { token, body: { notificationSender: email } });
    expect(sender.body.error.code).toBe('SENDER_NOT_VERIFIED');
  });
});

describe('device binding reset', () => {
  it("revokes the old device's token at once, before any other device binds", async () => {
    await setTenant({ deviceBindingEnabled: true });
    try {
      const created = await share({ deviceBinding: true });
      const device = deviceId();
      const unlocked = await call('POST', `/api/public/shares/${created.id}/access`, { body: { password: PASSWORD, deviceId: device } });
      expect(unlocked.status).toBe(200);
      const token = unlocked.body.token as string;
      expect((await call('GET', `/api/public/shares/${created.id}/files`, { token })).status).toBe(200);
      const reset = await call('PATCH', `/api/shares/${created.id}`, { token: owner, body: { resetDeviceBinding: true } });
      expect(reset.status).toBe(200);
      const after = await call('GET', `/api/public/shares/${created.id}/files`, { token });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('INVALID_TOKEN');
    } finally {
      await setTenant({});
    }
  });
});

describe('names', () => {
  it('refuses an alias with a right-to-left override, naming the character', async () => {
    const reply = await call('POST', '/api/shares', { token: owner, body: { items: [{ path: file, alias: 'invoice\u202efdp.exe' }] } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE');
  });

  it('refuses a zero-width space in an uploaded file name and a bidi isolate in a folder name', async () => {
    const uploadReply = await call('POST', '/api/files/uploads', {
      token: owner,
      body: { path: `${uniquePath('a')}\u200b.txt`, size: 1, contentType: 'text/plain' },
    });
    expect(uploadReply.status).toBe(400);
    expect(uploadReply.body.error.message).toContain('U+200B ZERO WIDTH SPACE');
    const folder = await call('POST', '/api/folders', { token: owner, body: { path: `q3\u2066report` } });
    expect(folder.status).toBe(400);
    expect(folder.body.error.message).toContain('U+2066 LEFT-TO-RIGHT ISOLATE');
  });

  it('stores a name typed in NFD as NFC, and refuses two items of one share that would show the same name', async () => {
    const folder = uniquePath('x').split('/')[0]!;
    await upload(owner, `${folder}/a/cafe\u0301.txt`, randomBytes(8));
    await upload(owner, `${folder}/b/CAF\u00c9.txt`, randomBytes(8));
    const listing = await call('GET', `/api/files?prefix=${encodeURIComponent(`${folder}/a/`)}`, { token: owner });
    expect(listing.body.files.map((entry: { name: string }) => entry.name)).toEqual(['caf\u00e9.txt']);
    const clash = await call('POST', '/api/shares', {
      token: owner,
      body: { items: [{ path: `${folder}/a/caf\u00e9.txt` }, { path: `${folder}/b/CAF\u00c9.txt` }] },
    });
    expect(clash.status).toBe(400);
    expect(clash.body.error.message).toMatch(/would both be named/);
    const aliased = await call('POST', '/api/shares', {
      token: owner,
      body: { items: [{ path: `${folder}/a/caf\u00e9.txt` }, { path: `${folder}/b/CAF\u00c9.txt`, alias: 'Cafe\u0301 (2).txt' }] },
    });
    expect(aliased.status).toBe(201);
    expect(aliased.body.items.map((item: { alias: string }) => item.alias)).toEqual(['caf\u00e9.txt', 'Caf\u00e9 (2).txt']);
  });
});

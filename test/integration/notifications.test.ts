/**
 * Email notifications end to end against the local runtime: the API writes the share or the
 * download, the table stream reaches the notify function, and the email lands in the local
 * SES store. Tenant settings and the demo owner's sender go back to the defaults afterwards.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, deviceId, randomBytes, signIn, upload, uniquePath } from './client.js';
import { linkIn, partnerAddress, proveSender, sentTo, storedEmails, waitForEmails, type StoredEmail } from './notifications-inbox.js';

const baseUrl = inject('baseUrl');
const inboxUrl = inject('inboxUrl');
const demoEmail = inject('demoEmail');
const demoName = inject('demoName');
const adminEmail = inject('adminEmail');
const password = inject('demoPassword');

interface TenantSettings {
  adminNotificationSender: string | null;
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: number;
  maxExpiryDays: number | null;
}
const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  adminNotificationSender: null,
  deviceBindingEnabled: false,
  requirePassword: false,
  defaultExpiryDays: 7,
  maxExpiryDays: null,
};
const USER_SENDER = 'demo.files@example.com';
const ADMIN_SENDER = 'noreply@sharelink.example';
const XSS = '<img src=x onerror=alert(1)>';

let owner: string;
let admin: string;
let file: string;

const setTenant = async (settings: Partial<TenantSettings>) => {
  const reply = await call('PUT', '/api/admin/settings', { token: admin, body: { ...DEFAULT_TENANT_SETTINGS, ...settings } });
  expect(reply.status).toBe(200);
};
const setOwnSender = (notificationSender: string | null) => call('PUT', '/api/me/settings', { token: owner, body: { notificationSender } });

async function share(body: Record<string, unknown>) {
  const reply = await call('POST', '/api/shares', { token: owner, body: { items: [{ path: file }], ...body } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; url: string; password?: string };
}

beforeAll(async () => {
  [owner, admin] = await Promise.all([signIn(demoEmail, password), signIn(adminEmail, password)]);
  file = uniquePath('q3-report.pdf');
  await upload(owner, file, randomBytes(2048));
  await setTenant({});
  // A user's own sender must be proved: the code emailed to it, typed back.
  await proveSender(baseUrl, inboxUrl, owner, USER_SENDER);
});

afterAll(async () => {
  await setTenant({});
  expect((await setOwnSender(null)).status).toBe(200);
});

describe('partner emails', () => {
  it("reach each partner from the owner's own sender with the link, the owner, the message and no password", async () => {
    const partner = partnerAddress();
    const created = await share({ recipients: [partner], message: 'The Q3 numbers, see you Monday.' });
    const [email] = (await waitForEmails(inboxUrl, sentTo(partner))) as [StoredEmail];
    expect(email.from).toBe(USER_SENDER);
    expect(email.replyTo).toEqual([demoEmail]);
    // Recipients see the name an administrator gave the owner; replies go to the verified address.
    expect(email.subject).toBe(`${demoName} shared "q3-report.pdf" with you`);
    expect(linkIn(email.body.html!)).toBe(`${baseUrl}/s/${created.id}`);
    expect(created.url).toBe(`${baseUrl}/s/${created.id}`);
    for (const part of [email.body.text!, email.body.html!]) {
      expect(part).toContain(created.url);
      expect(part).toContain(demoName);
      expect(part).toContain('The Q3 numbers, see you Monday.');
      expect(part).toMatch(/expires on \d{1,2} \w+ \d{4} at \d\d:\d\d UTC/);
      expect(part).not.toContain(created.password!);
    }
    expect(email.body.text).toContain('will give it to you separately');
  });

  it('carry the password when the owner asks for it', async () => {
    const partner = partnerAddress();
    const created = await share({ recipients: [partner], includePasswordInEmail: true });
    const [email] = (await waitForEmails(inboxUrl, sentTo(partner))) as [StoredEmail];
    expect(created.password).toMatch(/^\S{8}$/);
    expect(email.body.text).toContain(`Password: ${created.password}`);
    expect(email.body.html).toContain(created.password);
  });

  it('go to every recipient, once each', async () => {
    const partners = [partnerAddress(), partnerAddress(), partnerAddress()];
    await share({ recipients: partners, password: { mode: 'none' } });
    for (const partner of partners) await waitForEmails(inboxUrl, sentTo(partner));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const emails = await storedEmails(inboxUrl);
    expect(partners.map((partner) => emails.filter(sentTo(partner)).length)).toEqual([1, 1, 1]);
  });

  it('show an alias like <img src=x onerror=alert(1)> as text, never as markup', async () => {
    const partner = partnerAddress();
    await share({ items: [{ path: file, alias: XSS }], recipients: [partner], message: `<script>alert("message")</script>` });
    const [email] = (await waitForEmails(inboxUrl, sentTo(partner))) as [StoredEmail];
    expect(email.body.html).not.toContain('<img src=x');
    expect(email.body.html).not.toContain('<script>');
    expect(email.body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.body.html).toContain('&lt;script&gt;alert(&quot;message&quot;)&lt;/script&gt;');
    expect(email.body.text).toContain(XSS);
    expect(email.subject).toBe(`${demoName} shared "${XSS}" with you`);
  });
});

describe('sender modes', () => {
  it("in administrator mode every email comes from the administrator's sender and the owner's own cannot be set (409)", async () => {
    try {
      await setTenant({ adminNotificationSender: ADMIN_SENDER });
      const me = await call('GET', '/api/me', { token: owner });
      expect(me.body.notification).toEqual({ mode: 'admin', sender: ADMIN_SENDER, editable: false });
      const refused = await setOwnSender('someone.else@example.com');
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('ADMIN_SENDER_ENFORCED');

      const partner = partnerAddress();
      await share({ recipients: [partner] });
      const [email] = (await waitForEmails(inboxUrl, sentTo(partner))) as [StoredEmail];
      expect(email.from).toBe(ADMIN_SENDER);
      expect(email.replyTo).toEqual([demoEmail]);
    } finally {
      await setTenant({});
    }
    const me = await call('GET', '/api/me', { token: owner });
    expect(me.body.notification).toEqual({ mode: 'user', sender: USER_SENDER, editable: true });
  });

  it('refuses recipients when no sender is configured in either mode (400 NOTIFICATION_SENDER_NOT_CONFIGURED), and sends nothing', async () => {
    const partner = partnerAddress();
    try {
      expect((await setOwnSender(null)).status).toBe(200);
      const refused = await call('POST', '/api/shares', { token: owner, body: { items: [{ path: file }], recipients: [partner] } });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('NOTIFICATION_SENDER_NOT_CONFIGURED');
      // Without recipients the same owner still shares.
      await share({});
    } finally {
      expect((await setOwnSender(USER_SENDER)).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await storedEmails(inboxUrl)).filter(sentTo(partner))).toEqual([]);
  });
});

describe('download alerts', () => {
  it('email the owner which file was downloaded, when and by which device: one per recipient within 10 minutes', async () => {
    const second = uniquePath('appendix.csv');
    await upload(owner, second, randomBytes(64));
    const created = await share({
      items: [{ path: file }, { path: second, alias: 'appendix.csv' }],
      password: { mode: 'none' },
      notifyOnDownload: true,
    });
    const access = await call('POST', `/api/public/shares/${created.id}/access`, { body: { deviceId: deviceId() } });
    expect(access.status).toBe(200);
    const files = await call('GET', `/api/public/shares/${created.id}/files`, { token: access.body.token });
    const idOf = (name: string) => files.body.entries.find((entry: { name: string }) => entry.name === name).fileId as string;
    const download = async (name: string) => {
      const reply = await call('POST', `/api/public/shares/${created.id}/downloads`, {
        token: access.body.token,
        body: { fileId: idOf(name) },
      });
      expect(reply.status).toBe(200);
    };
    await download('q3-report.pdf');
    await download('q3-report.pdf');
    await download('appendix.csv');

    const alertsFor = (email: StoredEmail) =>
      email.destination.to.includes(demoEmail) && email.body.text!.includes(`/#/links/${created.id}`);
    await waitForEmails(inboxUrl, (email) => alertsFor(email) && email.subject === 'Downloaded: q3-report.pdf');
    // The stream delivers in write order: once a later link's alert is out, all three downloads above were handled.
    const marker = await share({ password: { mode: 'none' }, notifyOnDownload: true });
    const markerAccess = await call('POST', `/api/public/shares/${marker.id}/access`, { body: { deviceId: deviceId() } });
    const markerFiles = await call('GET', `/api/public/shares/${marker.id}/files`, { token: markerAccess.body.token });
    await call('POST', `/api/public/shares/${marker.id}/downloads`, {
      token: markerAccess.body.token,
      body: { fileId: markerFiles.body.entries[0].fileId },
    });
    await waitForEmails(inboxUrl, (email) => email.body.text!.includes(`/#/links/${marker.id}`));
    const alerts = (await storedEmails(inboxUrl)).filter(alertsFor);
    expect(alerts.map((email) => email.subject)).toEqual(['Downloaded: q3-report.pdf']);
    const report = alerts[0]!;
    expect(report.from).toBe(USER_SENDER);
    expect(report.body.text).toMatch(/When: \d{1,2} \w+ \d{4} at \d\d:\d\d UTC/);
    expect(report.body.text).toMatch(/Device: \S+/);
    const events = await call('GET', `/api/shares/${created.id}/events`, { token: owner });
    expect(events.body.events.filter((event: { kind: string }) => event.kind === 'download')).toHaveLength(3);
    const client = events.body.events.find((event: { kind: string }) => event.kind === 'download').client as string;
    expect(report.body.text).toContain(`Client: ${client}`);
  });

  it('are not sent when the owner did not ask for them', async () => {
    const created = await share({ password: { mode: 'none' } });
    const access = await call('POST', `/api/public/shares/${created.id}/access`, { body: { deviceId: deviceId() } });
    const files = await call('GET', `/api/public/shares/${created.id}/files`, { token: access.body.token });
    expect(
      (
        await call('POST', `/api/public/shares/${created.id}/downloads`, {
          token: access.body.token,
          body: { fileId: files.body.entries[0].fileId },
        })
      ).status,
    ).toBe(200);
    // DynamoDB Local streams the table through one shard, in write order: once the alert of a
    // later download is out, the notify function has handled the first download too.
    const marker = await share({ password: { mode: 'none' }, notifyOnDownload: true });
    const markerAccess = await call('POST', `/api/public/shares/${marker.id}/access`, { body: { deviceId: deviceId() } });
    const markerFiles = await call('GET', `/api/public/shares/${marker.id}/files`, { token: markerAccess.body.token });
    await call('POST', `/api/public/shares/${marker.id}/downloads`, {
      token: markerAccess.body.token,
      body: { fileId: markerFiles.body.entries[0].fileId },
    });
    await waitForEmails(inboxUrl, (email) => email.body.text!.includes(`/#/links/${marker.id}`));
    expect((await storedEmails(inboxUrl)).filter((email) => email.body.text!.includes(`/#/links/${created.id}`))).toEqual([]);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { createShare, createShareSchema } from '../../../../functions/lib/domain/links/create.js';
import {
  DOWNLOAD_ALERT_WINDOW_SECONDS,
  HELD_PASSWORD_SECONDS,
  jobFor,
  openPassword,
  partnerPasswordHold,
  processChanges,
  sealPassword,
  sealingKey,
  senderFor,
  type NotifyDeps,
  type StreamItem,
} from '../../../../functions/lib/domain/notify/notifications.js';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import type { Share } from '../../../../functions/lib/domain/share.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MINUTE, NOW, OWNER, aShare } from '../../fixtures.js';
import { MemoryLog, MemoryNotificationStore, RecordingMailer } from '../../../support/memory-notifications.js';

const BASE_URL = 'https://share.example.com';
const SIGNING_KEY = Buffer.from('unit-test-signing-key-for-notifications');
const USER_SENDER = 'owner.sender@example.com';
const ADMIN_SENDER = 'noreply@corp.example';

let shares: MemoryShareRepository;
let store: MemoryNotificationStore;
let mailer: RecordingMailer;
let log: MemoryLog;
let proofs: MemorySecurityStore;
let now: number;
let deps: NotifyDeps;
let sequence = 0;

beforeEach(() => {
  shares = new MemoryShareRepository();
  store = new MemoryNotificationStore();
  mailer = new RecordingMailer();
  log = new MemoryLog();
  now = NOW;
  proofs = new MemorySecurityStore();
  const identity = { mode: 'local' } as const;
  deps = { shares, store, proofs, identity, mailer, signingKey: async () => SIGNING_KEY, baseUrl: BASE_URL, now: () => now, log };
  shares.userSettings.set(OWNER.userId, { notificationSender: USER_SENDER });
  proofs.proven(OWNER.userId, USER_SENDER);
});

const nextId = () => String(++sequence).padStart(21, '0');

/** The stream record DynamoDB writes when a share is created. */
const shareInserted = (share: Share): StreamItem => ({
  id: nextId(),
  change: {
    eventName: 'INSERT',
    keys: { pk: `SHARE#${share.id}`, sk: 'META' },
    newImage: { pk: `SHARE#${share.id}`, sk: 'META', ...share },
  },
});

/** The stream record of a recipient's download (as recipient-access.ts records it). */
const downloaded = (
  share: Share,
  file: string,
  atMs: number,
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
  extra: { client?: string; fileCount?: number; names?: string[]; transferId?: string } = {},
): StreamItem => {
  const at = new Date(atMs).toISOString();
  const sk = `EVENT#${at}#${Math.random().toString(16).slice(2, 10)}`;
  return {
    id: nextId(),
    change: {
      eventName: 'INSERT',
      keys: { pk: `SHARE#${share.id}`, sk },
      newImage: { pk: `SHARE#${share.id}`, sk, kind: 'download', at, file, client: 'clientHash123', userAgent, ...extra },
    },
  };
};

const withRecipients = (overrides: Partial<Share> = {}) =>
  shares.put(aShare({ recipients: ['anna@partner.example', 'ben@partner.example'], message: 'Numbers for Q3', ...overrides }));

describe('partner emails', () => {
  it('sends one email per recipient with the link, owner, message and expiry, replies going to the owner', async () => {
    const share = withRecipients();
    expect(await processChanges(deps, [shareInserted(share)])).toEqual([]);
    expect(mailer.sent.map((email) => email.to).sort()).toEqual(['anna@partner.example', 'ben@partner.example']);
    for (const email of mailer.sent) {
      expect(email).toMatchObject({ from: USER_SENDER, replyTo: OWNER.email });
      expect(email.text).toContain(`${BASE_URL}/s/${share.id}`);
      expect(email.text).toContain('Numbers for Q3');
      expect(email.text).toContain(OWNER.email);
      expect(email.text).toContain('8 March 2026');
    }
  });

  it('sends from the administrator sender when one is set, whatever the owner configured', async () => {
    shares.tenant.adminNotificationSender = ADMIN_SENDER;
    await processChanges(deps, [shareInserted(withRecipients())]);
    expect(mailer.sent.map((email) => email.from)).toEqual([ADMIN_SENDER, ADMIN_SENDER]);
  });

  it('resolves the sender when sending, not when the share was created', async () => {
    const share = withRecipients();
    shares.userSettings.set(OWNER.userId, { notificationSender: 'changed@example.com' });
    proofs.proven(OWNER.userId, 'changed@example.com');
    await processChanges(deps, [shareInserted(share)]);
    expect(mailer.sent.map((email) => email.from)).toEqual(['changed@example.com', 'changed@example.com']);
  });

  it('sends each address once, however it is capitalised', async () => {
    await processChanges(deps, [shareInserted(withRecipients({ recipients: ['Anna@Partner.example', 'anna@partner.example'] }))]);
    expect(mailer.sent.map((email) => email.to)).toEqual(['anna@partner.example']);
  });

  it('sends nothing for a link cancelled or expired before the emails went out', async () => {
    const cancelled = withRecipients({ status: 'cancelled', cancelledAt: new Date(NOW).toISOString() });
    const expired = withRecipients({ expiresAt: new Date(NOW - MINUTE).toISOString() });
    expect(await processChanges(deps, [shareInserted(cancelled), shareInserted(expired)])).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('fails the record (to be retried) when no sender exists at send time', async () => {
    shares.userSettings.delete(OWNER.userId);
    const item = shareInserted(withRecipients());
    expect(await processChanges(deps, [item])).toEqual([item.id]);
    expect(mailer.sent).toEqual([]);
  });

  it('after a failure half way, the retry sends only to those who did not get it (no duplicates)', async () => {
    const share = withRecipients({ recipients: ['a@partner.example', 'b@partner.example', 'c@partner.example'] });
    const item = shareInserted(share);
    let calls = 0;
    const flaky = {
      send: async (email: Parameters<RecordingMailer['send']>[0]) =>
        ++calls === 2 ? Promise.reject(new Error('SES down')) : mailer.send(email),
    };
    expect(await processChanges({ ...deps, mailer: flaky }, [item])).toEqual([item.id]);
    expect(mailer.sent.map((email) => email.to)).toEqual(['a@partner.example']);
    expect(await processChanges({ ...deps, mailer: flaky }, [item])).toEqual([]);
    expect(await processChanges({ ...deps, mailer: flaky }, [item])).toEqual([]);
    expect(mailer.sent.map((email) => email.to)).toEqual(['a@partner.example', 'b@partner.example', 'c@partner.example']);
  });
});

// createShare hashes passwords with scrypt: slow on a busy machine.
describe('the password in partner emails', { timeout: 30_000 }, () => {
  const files = () => new MemoryFileStore(() => NOW).putObject(keyOf(OWNER.userId, 'docs/report.pdf'), 10);
  const create = (body: Record<string, unknown>) =>
    createShare(
      {
        shares,
        files: files(),
        baseUrl: BASE_URL,
        nowMs: NOW,
        partnerPassword: partnerPasswordHold(store, deps.signingKey),
        identity: deps.identity,
        proofs,
        counters: proofs,
      },
      OWNER,
      createShareSchema.parse({ items: [{ path: 'docs/report.pdf' }], recipients: ['anna@partner.example'], ...body }),
    );
  const insertOf = async (id: string) => shareInserted((await shares.get(id))!);

  it('is held only sealed (never in plain text), and only when the owner asked for it', async () => {
    const asked = await create({ includePasswordInEmail: true });
    const held = store.passwords.get(asked.id)!;
    expect(held.held.sealed).not.toContain(asked.password!);
    expect(held.expiresAtEpoch).toBe(Math.floor(NOW / 1000) + HELD_PASSWORD_SECONDS);
    const notAsked = await create({});
    expect(store.passwords.has(notAsked.id)).toBe(false);
  });

  it('goes into the email when asked for, and the held copy is deleted once every email is out', async () => {
    const created = await create({ includePasswordInEmail: true, password: { mode: 'custom', value: 'correct horse' } });
    await processChanges(deps, [await insertOf(created.id)]);
    expect(mailer.sent[0]!.text).toContain('Password: correct horse');
    expect(store.passwords.has(created.id)).toBe(false);
  });

  it('stays out of the email unless asked for', async () => {
    const created = await create({});
    await processChanges(deps, [await insertOf(created.id)]);
    expect(mailer.sent[0]!.text).not.toContain(created.password!);
    expect(mailer.sent[0]!.html).not.toContain(created.password!);
  });

  it('is left out once the owner regenerated the password (the held one is stale)', async () => {
    const created = await create({ includePasswordInEmail: true });
    await shares.update(created.id, OWNER.userId, {}, true);
    await processChanges(deps, [await insertOf(created.id)]);
    expect(mailer.sent[0]!.text).not.toContain(created.password!);
  });

  it('is left out once its hold expired, and the email still goes', async () => {
    const created = await create({ includePasswordInEmail: true });
    now = NOW + HELD_PASSWORD_SECONDS * 1000;
    await processChanges(deps, [await insertOf(created.id)]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.text).not.toContain(created.password!);
  });

  it('seals with AES-256-GCM bound to the share id: another id, another key or a changed byte does not open it', () => {
    const key = sealingKey(SIGNING_KEY);
    const sealed = sealPassword(key, 'share-a', 'K7pQ2mXa');
    expect(openPassword(key, 'share-a', sealed)).toBe('K7pQ2mXa');
    expect(openPassword(key, 'share-b', sealed)).toBeUndefined();
    expect(openPassword(sealingKey(Buffer.from('another key')), 'share-a', sealed)).toBeUndefined();
    const [version, iv, data, tag] = sealed.split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0]! ^= 1;
    expect(openPassword(key, 'share-a', [version, iv, flipped.toString('base64url'), tag].join('.'))).toBeUndefined();
    expect(sealPassword(key, 'share-a', 'K7pQ2mXa')).not.toBe(sealed);
  });
});

describe('download alerts', () => {
  const alerting = (overrides: Partial<Share> = {}) =>
    shares.put(
      aShare({
        notifyOnDownload: true,
        items: [
          { path: 'a.pdf', alias: 'a.pdf', kind: 'file' },
          { path: 'b.pdf', alias: 'b.pdf', kind: 'file' },
        ],
        ...overrides,
      }),
    );

  it('emails the owner which file, when and from which device', async () => {
    const share = alerting();
    await processChanges(deps, [downloaded(share, 'a.pdf', NOW)]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ from: USER_SENDER, to: OWNER.email, subject: 'Downloaded: a.pdf' });
    expect(mailer.sent[0]!.text).toContain('Firefox 128 on Linux');
    expect(mailer.sent[0]!.text).toContain('clientHash123');
    expect(mailer.sent[0]!.text).toContain(`${BASE_URL}/#/links/${share.id}`);
  });

  it('sends nothing when the owner did not ask for alerts', async () => {
    await processChanges(deps, [downloaded(alerting({ notifyOnDownload: false }), 'a.pdf', NOW)]);
    expect(mailer.sent).toEqual([]);
  });

  it('sends at most one per recipient client per 10 minutes, whatever they download; another client has its own window', async () => {
    const share = alerting();
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';
    await processChanges(deps, [
      downloaded(share, 'a.pdf', NOW),
      downloaded(share, 'a.pdf', NOW + 5_000),
      downloaded(share, 'b.pdf', NOW + 6_000),
      downloaded(share, 'b.pdf', NOW + 7_000, ua, { client: 'otherClient456' }),
      downloaded(share, 'a.pdf', NOW + DOWNLOAD_ALERT_WINDOW_SECONDS * 1000 - 1000),
    ]);
    expect(mailer.sent.map((email) => email.subject)).toEqual(['Downloaded: a.pdf', 'Downloaded: b.pdf']);
    expect(mailer.sent[1]!.text).toContain('otherClient456');
    await processChanges(deps, [downloaded(share, 'b.pdf', NOW + DOWNLOAD_ALERT_WINDOW_SECONDS * 1000)]);
    expect(mailer.sent.map((email) => email.subject)).toEqual(['Downloaded: a.pdf', 'Downloaded: b.pdf', 'Downloaded: b.pdf']);
  });

  it("names a zip's files and folders and its file count, in one email", async () => {
    const share = alerting();
    const names = ['a.pdf', 'Photos/', ...Array.from({ length: 25 }, (_, i) => `extra-${i}.txt`)];
    await processChanges(deps, [
      downloaded(share, 'a.pdf, Photos/, extra-0.txt and 24 more', NOW, undefined, { fileCount: 412, names, transferId: 'T'.repeat(22) }),
    ]);
    expect(mailer.sent).toHaveLength(1);
    const [email] = mailer.sent;
    expect(email!.subject).toBe('Downloaded as a zip: a.pdf, Photos/, extra-0.txt and 24 more (412 files)');
    expect(email!.text).toContain('Someone downloaded 412 files as one zip');
    expect(email!.text).toContain('- Photos/');
    expect(email!.text).toContain('- extra-17.txt');
    expect(email!.text).not.toContain('- extra-18.txt');
    expect(email!.text).toContain('- and 7 more');
    expect(email!.html).toContain('<li>Photos/</li>');
  });

  it('a retried record sends its alert once: again after a failed send, never after a sent one', async () => {
    const share = alerting();
    const item = downloaded(share, 'a.pdf', NOW);
    mailer.failNext();
    expect(await processChanges(deps, [item])).toEqual([item.id]);
    expect(mailer.sent).toEqual([]);
    expect(await processChanges(deps, [item])).toEqual([]);
    expect(await processChanges(deps, [item])).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
  });

  it('is skipped (not retried forever) when no sender exists', async () => {
    shares.userSettings.delete(OWNER.userId);
    expect(await processChanges(deps, [downloaded(alerting(), 'a.pdf', NOW)])).toEqual([]);
    expect(mailer.sent).toEqual([]);
    expect(log.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('no sender') }));
  });
});

describe('a batch', () => {
  it('reports the first failed record and every record after it, and runs nothing after the failure', async () => {
    const first = withRecipients({ recipients: ['one@partner.example'] });
    const second = withRecipients({ recipients: ['two@partner.example'] });
    const third = withRecipients({ recipients: ['three@partner.example'] });
    const items = [shareInserted(first), shareInserted(second), shareInserted(third)];
    const failing = {
      send: async (email: Parameters<RecordingMailer['send']>[0]) =>
        email.to === 'two@partner.example' ? Promise.reject(new Error('throttled')) : mailer.send(email),
    };
    expect(await processChanges({ ...deps, mailer: failing }, items)).toEqual([items[1]!.id, items[2]!.id]);
    expect(mailer.sent.map((email) => email.to)).toEqual(['one@partner.example']);
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'error', attributes: expect.objectContaining({ recordId: items[1]!.id, kind: 'partners' }) }),
    );
  });

  it('never logs recipients or passwords', async () => {
    await processChanges(deps, [shareInserted(withRecipients())]);
    expect(JSON.stringify(log.lines)).not.toContain('partner.example');
  });
});

describe('which changes mean an email', () => {
  const share = aShare({ recipients: ['a@partner.example'] });

  it('a new share with recipients, and a new download event', () => {
    expect(jobFor(shareInserted(share).change)).toEqual({ kind: 'partners', shareId: share.id });
    expect(jobFor(downloaded(share, 'a.pdf', NOW).change)).toMatchObject({ kind: 'download', shareId: share.id, event: { file: 'a.pdf' } });
  });

  it('not a share without recipients, an edit, a removal, other events or its own records', () => {
    const insert = shareInserted(aShare()).change;
    expect(jobFor(insert)).toBeUndefined();
    expect(jobFor({ ...shareInserted(share).change, eventName: 'MODIFY' })).toBeUndefined();
    expect(jobFor({ ...shareInserted(share).change, eventName: 'REMOVE', newImage: undefined })).toBeUndefined();
    const unlock = downloaded(share, 'a.pdf', NOW).change;
    expect(jobFor({ ...unlock, newImage: { ...unlock.newImage, kind: 'unlock' } })).toBeUndefined();
    for (const sk of ['NOTIFY#password', 'NOTIFY#sent#partner#a@partner.example', 'NOTIFY#window#download#x', 'ATTEMPTS#abc']) {
      expect(
        jobFor({ eventName: 'INSERT', keys: { pk: `SHARE#${share.id}`, sk }, newImage: { pk: `SHARE#${share.id}`, sk, kind: 'download' } }),
      ).toBeUndefined();
    }
    expect(
      jobFor({ eventName: 'INSERT', keys: { pk: 'TENANT', sk: 'SETTINGS' }, newImage: { pk: 'TENANT', sk: 'SETTINGS' } }),
    ).toBeUndefined();
  });
});

describe('the sender', () => {
  it("is the administrator's when set, otherwise the owner's own, otherwise none", async () => {
    expect(await senderFor(deps, OWNER.userId)).toBe(USER_SENDER);
    shares.tenant.adminNotificationSender = ADMIN_SENDER;
    expect(await senderFor(deps, OWNER.userId)).toBe(ADMIN_SENDER);
    shares.tenant.adminNotificationSender = null;
    shares.userSettings.delete(OWNER.userId);
    expect(await senderFor(deps, OWNER.userId)).toBeNull();
  });

  it("is never the owner's own address while it is unproved, so no partner email goes out from it", async () => {
    shares.userSettings.set(OWNER.userId, { notificationSender: 'ceo@example.com' });
    expect(await senderFor(deps, OWNER.userId)).toBeNull();
    const share = shares.put(aShare({ recipients: ['anna@partner.example'] }));
    expect(await processChanges(deps, [shareInserted(share)])).toHaveLength(1);
    expect(mailer.sent).toEqual([]);
  });

  it('sends nothing at all when the deployment sends no email', async () => {
    const share = shares.put(aShare({ recipients: ['anna@partner.example'] }));
    expect(await processChanges({ ...deps, identity: { mode: 'off' } }, [shareInserted(share)])).toEqual([]);
    expect(mailer.sent).toEqual([]);
    expect(log.lines.map((line) => line.message)).toContain('No partner emails: this deployment sends no email');
  });

  it('names the owner as recorded from verified claims, and replies go to the verified address', async () => {
    const share = shares.put(aShare({ recipients: ['anna@partner.example'], ownerName: 'Ada Lovelace' }));
    await processChanges(deps, [shareInserted(share)]);
    expect(mailer.sent[0]).toMatchObject({ subject: 'Ada Lovelace shared "report.pdf" with you', replyTo: OWNER.email });
  });
});

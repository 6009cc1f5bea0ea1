import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../../../functions/lib/contract/table.js';
import { jobFor, processChanges, type NotifyDeps, type StreamItem } from '../../../../functions/lib/domain/notify/notifications.js';
import { seal } from '../../../../functions/lib/domain/sealed.js';
import { SENDER_CODE_PURPOSE, senderCodeContext } from '../../../../functions/lib/domain/settings/sender-verification.js';
import type { OutboxMessage } from '../../../../functions/lib/domain/ports.js';
import { MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MINUTE, NOW, OWNER, aShare } from '../../fixtures.js';
import { MemoryLog, MemoryNotificationStore, RecordingMailer } from '../../../support/memory-notifications.js';

const KEY = Buffer.from('unit-test-signing-key-for-security-emails');
let shares: MemoryShareRepository;
let store: MemoryNotificationStore;
let mailer: RecordingMailer;
let log: MemoryLog;
let deps: NotifyDeps;
let sequence = 0;

beforeEach(() => {
  shares = new MemoryShareRepository();
  store = new MemoryNotificationStore();
  mailer = new RecordingMailer();
  log = new MemoryLog();
  deps = {
    shares,
    store,
    proofs: new MemorySecurityStore(),
    identity: { mode: 'domain', domain: 'corp.example' },
    mailer,
    signingKey: async () => KEY,
    baseUrl: 'https://share.example.com',
    now: () => NOW,
    log,
  };
});

/** The stream record of an outbox item, as DynamoSecurityStore.queue writes it. */
function queued(key: { pk: string; sk: string }, message: OutboxMessage): StreamItem {
  return { id: String(++sequence), change: { eventName: 'INSERT', keys: key, newImage: { ...key, ...message, ttl: 1 } } };
}

const lockedUntil = new Date(NOW + 50 * MINUTE).toISOString();
const lockRecord = (shareId: string) =>
  queued(keys.shareOutbox(shareId, 'locked#1772366400'), { kind: 'link-locked', shareId, failures: 20, lockedUntil });

describe('the lock alert', () => {
  it("goes once to the owner's verified address, from the service's own sender", async () => {
    const share = shares.put(aShare());
    const record = lockRecord(share.id);
    expect(await processChanges(deps, [record])).toEqual([]);
    // A retried record (the stream delivers at least once) sends nothing more.
    expect(await processChanges(deps, [record])).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
    const [email] = mailer.sent;
    expect(email).toMatchObject({ from: 'no-reply@corp.example', to: OWNER.email, subject: 'Link locked: report.pdf' });
    expect(email!.text).toContain('had 20 wrong passwords within an hour');
    expect(email!.text).toContain(`https://share.example.com/#/links/${share.id}`);
  });

  it('is not sent when the owner has no verified address, or the deployment sends no email', async () => {
    const unverified = shares.put(aShare({ ownerEmail: '' }));
    await processChanges(deps, [lockRecord(unverified.id)]);
    const share = shares.put(aShare());
    await processChanges({ ...deps, identity: { mode: 'off' } }, [lockRecord(share.id)]);
    expect(mailer.sent).toEqual([]);
  });
});

describe('the sender code email', () => {
  const code = '042917';
  const record = (expiresAt = new Date(NOW + 10 * MINUTE).toISOString()) =>
    queued(keys.userOutbox(OWNER.userId, 'sender-code#abc'), {
      kind: 'sender-code',
      userId: OWNER.userId,
      to: 'files@corp.example',
      sealedCode: seal(KEY, SENDER_CODE_PURPOSE, senderCodeContext(OWNER.userId, 'files@corp.example'), code),
      expiresAt,
    });

  it('goes to the address being proved with the code, from the system sender when one is set', async () => {
    shares.tenant.adminNotificationSender = 'it@corp.example';
    await processChanges(deps, [record()]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ from: 'it@corp.example', to: 'files@corp.example', subject: `Your ShareLink code: ${code}` });
    expect(mailer.sent[0]!.html).toContain(code);
  });

  it('is not sent once expired, or when its sealed code was made for another address', async () => {
    await processChanges(deps, [record(new Date(NOW - 1).toISOString())]);
    const moved = record();
    moved.change.newImage = { ...moved.change.newImage, to: 'attacker@corp.example' };
    await processChanges(deps, [moved]);
    expect(mailer.sent).toEqual([]);
    expect(log.lines.some((line) => line.level === 'error' && /does not open/.test(line.message))).toBe(true);
  });

  it('ignores outbox items it does not know, and changes that are not inserts', () => {
    const unknown = queued(keys.userOutbox(OWNER.userId, 'x'), { kind: 'sender-code' } as never);
    expect(jobFor(unknown.change)).toBeUndefined();
    expect(jobFor({ ...record().change, eventName: 'MODIFY' })).toBeUndefined();
  });
});

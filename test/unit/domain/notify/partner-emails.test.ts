import { beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../../../functions/lib/contract/table.js';
import { processChanges, type NotifyDeps, type StreamItem } from '../../../../functions/lib/domain/notify/notifications.js';
import type { OutboxMessage } from '../../../../functions/lib/domain/ports.js';
import { RECIPIENT_CODE_PURPOSE, recipientCodeContext } from '../../../../functions/lib/domain/recipient/codes.js';
import { partnerKey, partnersFor } from '../../../../functions/lib/domain/recipient/partners.js';
import { seal } from '../../../../functions/lib/domain/sealed.js';
import { MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MINUTE, NOW, aShare } from '../../fixtures.js';
import { MemoryLog, MemoryNotificationStore, RecordingMailer } from '../../../support/memory-notifications.js';

const KEY = Buffer.from('unit-test-signing-key-for-partner-emails');
const SAM = 'sam@partner.example';
let shares: MemoryShareRepository;
let mailer: RecordingMailer;
let deps: NotifyDeps;
let sequence = 0;

beforeEach(() => {
  shares = new MemoryShareRepository();
  mailer = new RecordingMailer();
  deps = {
    shares,
    store: new MemoryNotificationStore(),
    proofs: new MemorySecurityStore(),
    identity: { mode: 'domain', domain: 'corp.example' },
    mailer,
    signingKey: async () => KEY,
    baseUrl: 'https://share.example.com',
    now: () => NOW,
    log: new MemoryLog(),
  };
});

const queued = (key: { pk: string; sk: string }, message: OutboxMessage): StreamItem => ({
  id: String(++sequence),
  change: { eventName: 'INSERT', keys: key, newImage: { ...key, ...message, ttl: 1 } },
});

const verified = () =>
  shares.put(
    aShare({ recipients: [SAM], verifyRecipients: true, partners: partnersFor([SAM], new Date(NOW).toISOString()), ownerName: 'Ada' }),
  );

const codeRecord = (shareId: string, code: string, expiresAt = new Date(NOW + 10 * MINUTE).toISOString()) =>
  queued(keys.shareOutbox(shareId, `code#${sequence}`), {
    kind: 'recipient-code',
    shareId,
    to: SAM,
    sealedCode: seal(KEY, RECIPIENT_CODE_PURPOSE, recipientCodeContext(shareId, SAM), code),
    expiresAt,
  });

describe('partner emails from the outbox', () => {
  it('send the code to the partner once, however often the record is delivered', async () => {
    const share = verified();
    const record = codeRecord(share.id, '042917');
    expect(await processChanges(deps, [record, record])).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: SAM, from: 'no-reply@corp.example', subject: 'Your ShareLink code: 042917' });
    expect(mailer.sent[0]!.text).toContain('Ada');
  });

  it('send nothing for an expired code, a revoked partner, or a code sealed for another link', async () => {
    const share = verified();
    await processChanges(deps, [codeRecord(share.id, '111111', new Date(NOW - MINUTE).toISOString())]);
    const other = verified();
    const foreign = codeRecord(other.id, '222222');
    (foreign.change.newImage as { shareId: string }).shareId = share.id;
    await processChanges(deps, [foreign]);
    shares.shares.get(share.id)!.partners![partnerKey(SAM)]!.revokedAt = new Date(NOW).toISOString();
    await processChanges(deps, [codeRecord(share.id, '333333')]);
    expect(mailer.sent).toEqual([]);
  });

  it('send an invitation that says a code will be asked for', async () => {
    const share = verified();
    await processChanges(deps, [queued(keys.shareOutbox(share.id, 'invite#1'), { kind: 'partner-invite', shareId: share.id, to: SAM })]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.text).toContain('6-digit code');
    expect(mailer.sent[0]!.text).toContain(`https://share.example.com/s/${share.id}`);
  });
});

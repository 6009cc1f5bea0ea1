import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { keys, visitKinds } from '../../../../functions/lib/contract/table.js';
import { matchesStreamFilters, notifyConsumer } from '../../../../functions/lib/contract/streams.js';
import { jobFor, processChanges, type NotifyDeps, type StreamItem } from '../../../../functions/lib/domain/notify/notifications.js';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import type { FileRequest } from '../../../../functions/lib/domain/requests/request.js';
import { completeRequestUpload, startRequestUpload, type RequestUploadDeps } from '../../../../functions/lib/domain/requests/uploads.js';
import { unlockRequest } from '../../../../functions/lib/domain/requests/visit.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MemoryRequestRepository } from '../../../support/memory-requests.js';
import { DAY, NOW, OWNER } from '../../fixtures.js';
import { MemoryLog, MemoryNotificationStore, RecordingMailer } from '../../../support/memory-notifications.js';

const KEY = Buffer.from('upload-email-test-signing-key');
const SENDER = 'files@example.com';
const WHO = { sourceIp: '203.0.113.9', userAgent: 'Mozilla/5.0' };

let requests: MemoryRequestRepository;
let shares: MemoryShareRepository;
let security: MemorySecurityStore;
let files: MemoryFileStore;
let mailer: RecordingMailer;
let pauses: (() => Promise<void>)[];
let deps: NotifyDeps;

const uploadDeps = (): RequestUploadDeps => ({
  requests,
  counters: security,
  outbox: security,
  tenant: () => shares.getTenantSettings(),
  signingKey: KEY,
  maxFileBytes: 1e9,
  nowMs: NOW,
  uploads: { files, signingKey: KEY, maxUploadBytes: 1e9 },
  uploadUrlSeconds: 900,
});

function aRequest(overrides: Partial<FileRequest> = {}): FileRequest {
  return requests.put({
    id: randomBytes(16).toString('base64url'),
    ownerId: OWNER.userId,
    ownerEmail: OWNER.email,
    folder: 'inbox/',
    title: 'Q1 receipts',
    message: null,
    passwordHash: null,
    passwordVersion: 1,
    status: 'active',
    createdAt: new Date(NOW).toISOString(),
    expiresAt: new Date(NOW + DAY).toISOString(),
    cancelledAt: null,
    maxFiles: null,
    maxBytes: 1e9,
    notifyOnUpload: true,
    filesUsed: 0,
    bytesUsed: 0,
    filesReceived: 0,
    bytesReceived: 0,
    ...overrides,
  });
}

/** A visit by `uploader` that sends `names` (one byte each, single PUTs) and completes them. */
async function visitSending(request: FileRequest, uploader: string, names: string[], email?: string) {
  const { token } = await unlockRequest(uploadDeps(), request.id, { name: uploader, email, deviceId: 'device-aaaaaaaaaaaa' }, WHO);
  const bearer = `Bearer ${token}`;
  for (const name of names) {
    const answer = await startRequestUpload(uploadDeps(), request.id, bearer, WHO, { name, size: 1, contentType: 'text/plain' });
    files.putObject(keyOf(OWNER.userId, `${request.folder}${uploader}/${answer.name}`), 1);
    await completeRequestUpload(uploadDeps(), request.id, bearer, WHO, { uploadId: answer.uploadId });
  }
  return bearer;
}

/** The stream record the idle mark makes, as the notify function receives it. */
const idleRecord = (mark: { requestId: string; visitId: string }, id = randomBytes(4).toString('hex')): StreamItem => ({
  id,
  change: {
    eventName: 'MODIFY',
    keys: keys.visit(mark.requestId, mark.visitId),
    newImage: { ...keys.visit(mark.requestId, mark.visitId), kind: visitKinds.idle },
  },
});

beforeEach(async () => {
  requests = new MemoryRequestRepository();
  shares = new MemoryShareRepository();
  security = new MemorySecurityStore();
  files = new MemoryFileStore(() => NOW);
  mailer = new RecordingMailer();
  pauses = [];
  await shares.putUserSettings(OWNER.userId, { notificationSender: SENDER });
  security.proven(OWNER.userId, SENDER);
  deps = {
    shares,
    requests,
    proofs: security,
    identity: { mode: 'local' },
    store: new MemoryNotificationStore(),
    mailer,
    signingKey: async () => KEY,
    baseUrl: 'https://files.example.com',
    now: () => NOW,
    log: new MemoryLog(),
    pause: async () => {
      for (const step of pauses.splice(0)) await step();
    },
  };
});

describe('"email me when files arrive"', () => {
  it('sends the owner one email per visit listing its files, replies going to the uploader', async () => {
    const request = aRequest();
    await visitSending(request, 'Ana', ['a.pdf', 'b.pdf', 'scans/c.jpg'], 'ana@example.com');
    // One file after the other: the visit went idle after each, and each cue reaches the function.
    expect(requests.idleMarks).toHaveLength(3);
    expect(
      await processChanges(
        deps,
        requests.idleMarks.map((mark) => idleRecord(mark)),
      ),
    ).toEqual([]);
    expect(mailer.sent).toHaveLength(1);
    const [email] = mailer.sent;
    expect(email).toMatchObject({
      from: SENDER,
      to: OWNER.email,
      replyTo: 'ana@example.com',
      subject: 'Ana sent 3 files for "Q1 receipts"',
    });
    for (const name of ['a.pdf', 'b.pdf', 'scans/c.jpg']) expect(email!.text).toContain(`- ${name} (1 B)`);
    expect(email!.text).toContain('https://files.example.com/#/files/inbox/Ana/');
    expect(email!.text).toContain(`https://files.example.com/#/requests/${request.id}`);
  });

  it('is idempotent: the same record delivered again sends nothing more', async () => {
    const request = aRequest();
    await visitSending(request, 'Ana', ['a.pdf']);
    const record = idleRecord(requests.idleMarks[0]!);
    await processChanges(deps, [record]);
    await processChanges(deps, [record]);
    expect(mailer.sent).toHaveLength(1);
  });

  it('waits while the visit is busy again (its next file started), and sends once it is idle for good', async () => {
    const request = aRequest();
    const bearer = await visitSending(request, 'Ana', ['a.pdf']);
    const early = idleRecord(requests.idleMarks[0]!);
    // While the function waits, the page starts the next file: the early cue sends nothing.
    pauses.push(async () => {
      await startRequestUpload(uploadDeps(), request.id, bearer, WHO, { name: 'b.pdf', size: 1, contentType: 'text/plain' });
    });
    await processChanges(deps, [early]);
    expect(mailer.sent).toHaveLength(0);
    const upload = [...requests.uploads.values()].find((u) => u.name === 'b.pdf')!;
    files.putObject(keyOf(OWNER.userId, upload.path!), 1);
    await completeRequestUpload(uploadDeps(), request.id, bearer, WHO, { uploadId: upload.uploadId });
    await processChanges(deps, [idleRecord(requests.idleMarks.at(-1)!)]);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.subject).toBe('Ana sent 2 files for "Q1 receipts"');
  });

  it('sends nothing when the owner did not ask for it, and nothing when no sender is configured', async () => {
    await visitSending(aRequest({ notifyOnUpload: false }), 'Ana', ['a.pdf']);
    await shares.putUserSettings(OWNER.userId, { notificationSender: null });
    await visitSending(aRequest(), 'Bo', ['b.pdf']);
    expect(
      await processChanges(
        deps,
        requests.idleMarks.map((mark) => idleRecord(mark)),
      ),
    ).toEqual([]);
    expect(mailer.sent).toHaveLength(0);
  });

  it('reaches the notify function only for idle visits (the stream filter), and is its job', () => {
    const mark = { requestId: 'r', visitId: 'v' };
    const record = idleRecord(mark);
    expect(matchesStreamFilters(notifyConsumer.filters, { eventName: 'MODIFY', newImage: record.change.newImage })).toBe(true);
    const busy = { eventName: 'MODIFY', newImage: { ...keys.visit('r', 'v'), kind: visitKinds.busy } };
    expect(matchesStreamFilters(notifyConsumer.filters, busy)).toBe(false);
    expect(matchesStreamFilters(notifyConsumer.filters, { eventName: 'INSERT', newImage: busy.newImage })).toBe(false);
    expect(jobFor(record.change)).toEqual({ kind: 'uploads', requestId: 'r', visitId: 'v' });
    expect(jobFor({ eventName: 'MODIFY', keys: keys.visit('r', 'v'), newImage: busy.newImage })).toBeUndefined();
  });
});

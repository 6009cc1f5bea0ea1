import { randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../../functions/lib/domain/passwords.js';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import type { FileRequest } from '../../../../functions/lib/domain/requests/request.js';
import {
  abortRequestUpload,
  completeRequestUpload,
  reclaimStaleUploads,
  refreshRequestUploadParts,
  startRequestUpload,
  type RequestUploadDeps,
} from '../../../../functions/lib/domain/requests/uploads.js';
import { authorizeVisit, describeRequest, unlockRequest } from '../../../../functions/lib/domain/requests/visit.js';
import { DEFAULT_TENANT_SETTINGS, type TenantSettings } from '../../../../functions/lib/domain/settings/policy.js';
import { MemoryFileStore, MemorySecurityStore } from '../../../support/memory-adapters.js';
import { MemoryRequestRepository } from '../../../support/memory-requests.js';
import { DAY, MINUTE, NOW, OWNER, failureOf } from '../../fixtures.js';

const KEY = Buffer.from('request-flow-test-signing-key');
const MiB = 1024 * 1024;
const UPLOADER = { sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (Uploader)' };
const PASSWORD = 'Upload-pass-9';

let requests: MemoryRequestRepository;
let security: MemorySecurityStore;
let files: MemoryFileStore;
let tenant: TenantSettings;
let passwordHash: string;

const depsAt = (nowMs = NOW): RequestUploadDeps => ({
  requests,
  counters: security,
  outbox: security,
  tenant: async () => tenant,
  signingKey: KEY,
  maxFileBytes: 5 * 1024 * MiB,
  nowMs,
  uploads: { files, signingKey: KEY, maxUploadBytes: 100 * MiB },
  uploadUrlSeconds: 15 * 60,
});

function aRequest(overrides: Partial<FileRequest> = {}): FileRequest {
  return requests.put({
    id: randomBytes(16).toString('base64url'),
    ownerId: OWNER.userId,
    ownerEmail: OWNER.email,
    folder: 'clients/acme/',
    title: 'Your documents',
    message: null,
    passwordHash: null,
    passwordVersion: 1,
    status: 'active',
    createdAt: new Date(NOW - DAY).toISOString(),
    expiresAt: new Date(NOW + 7 * DAY).toISOString(),
    cancelledAt: null,
    maxFiles: null,
    maxBytes: 1024 * MiB,
    notifyOnUpload: true,
    filesUsed: 0,
    bytesUsed: 0,
    filesReceived: 0,
    bytesReceived: 0,
    ...overrides,
  });
}

const visitOf = async (request: FileRequest, name = 'Ana', who = UPLOADER, password?: string) =>
  `Bearer ${(await unlockRequest(depsAt(), request.id, { name, deviceId: 'device-aaaaaaaaaaaa', password }, who)).token}`;
const start = (request: FileRequest, bearer: string, name: string, size: number, nowMs = NOW) =>
  startRequestUpload(depsAt(nowMs), request.id, bearer, UPLOADER, { name, size, contentType: 'application/pdf' });
/** The browser's PUT arriving at the presigned URL. */
const arrive = (request: FileRequest, path: string, size: number) => files.putObject(keyOf(request.ownerId, path), size);
const stored = (request: FileRequest) => requests.requests.get(request.id)!;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

beforeEach(() => {
  requests = new MemoryRequestRepository();
  security = new MemorySecurityStore();
  files = new MemoryFileStore(() => NOW);
  tenant = { ...DEFAULT_TENANT_SETTINGS };
});

describe('quota reservation', () => {
  it('gives exactly 3 of 20 parallel uploads to a 3-file request, and 403 REQUEST_FULL to the rest', async () => {
    const request = aRequest({ maxFiles: 3 });
    const bearer = await visitOf(request);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => start(request, bearer, `f${i}.pdf`, 10)));
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(3);
    expect(new Set(lost.map((result) => (result.reason as { code: string }).code))).toEqual(new Set(['REQUEST_FULL']));
    expect(stored(request)).toMatchObject({ filesUsed: 3, bytesUsed: 30 });
    expect([...requests.uploads.values()]).toHaveLength(3);
  });

  it('never lets parallel uploads reserve more bytes than the request allows', async () => {
    const request = aRequest({ maxBytes: 100 });
    const bearer = await visitOf(request);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => start(request, bearer, `f${i}.bin`, 30)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(3);
    expect(stored(request).bytesUsed).toBe(90);
  });

  it('answers 413 with the numbers for a file over the tenant limit or over what the request has left', async () => {
    const request = aRequest({ maxBytes: 10 * MiB, bytesUsed: 4 * MiB, filesUsed: 1 });
    const bearer = await visitOf(request);
    const tooBig = await failureOf(start(request, bearer, 'huge.iso', 101 * MiB));
    expect(tooBig).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    expect(tooBig.message).toBe('"huge.iso" is 101 MiB (105906176 bytes); files can be at most 100 MiB (104857600 bytes) here.');
    const overLeft = await failureOf(start(request, bearer, 'big.zip', 7 * MiB));
    expect(overLeft.message).toBe(
      '"big.zip" is 7 MiB (7340032 bytes); this request can take 6 MiB (6291456 bytes) more, of 10 MiB in all.',
    );
    expect(requests.eventKinds(request.id)).toEqual(['unlock', 'denied:PAYLOAD_TOO_LARGE', 'denied:PAYLOAD_TOO_LARGE']);
    expect(stored(request)).toMatchObject({ filesUsed: 1, bytesUsed: 4 * MiB });
  });

  it('gives the quota back when an upload is cancelled, and lets the next file have it', async () => {
    const request = aRequest({ maxFiles: 1 });
    const bearer = await visitOf(request);
    const big = await start(request, bearer, 'video.mp4', 40 * MiB);
    expect(big).toHaveProperty('parts');
    await expect(start(request, bearer, 'other.pdf', 5)).rejects.toMatchObject({ code: 'REQUEST_FULL' });
    expect(await abortRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: big.uploadId })).toEqual({ state: 'aborted' });
    expect([...files.multipart.values()][0]!.state).toBe('aborted');
    expect(stored(request)).toMatchObject({ filesUsed: 0, bytesUsed: 0 });
    await expect(start(request, bearer, 'other.pdf', 5)).resolves.toHaveProperty('url');
  });

  it('takes back the quota of uploads nobody can finish any more once the request looks full', async () => {
    const request = aRequest({ maxFiles: 1 });
    const bearer = await visitOf(request);
    const abandoned = await start(request, bearer, 'left.pdf', 5);
    // Two hours later the visit's token and every URL of it have expired: a new visit gets the slot.
    const later = NOW + 2 * 3600_000;
    const next = `Bearer ${(await unlockRequest(depsAt(later), request.id, { name: 'Bo', deviceId: 'device-bbbbbbbbbbbb' }, UPLOADER)).token}`;
    await expect(
      startRequestUpload(depsAt(later), request.id, next, UPLOADER, { name: 'b.pdf', size: 5, contentType: 'text/plain' }),
    ).resolves.toHaveProperty('url');
    expect(requests.uploads.get(`${request.id}|${[...requests.visits.values()][0]!.visitId}|${abandoned.uploadId}`)!.state).toBe('aborted');
  });

  it('counts an abandoned single PUT that did arrive as stored, never giving its quota back', async () => {
    const request = aRequest({ maxFiles: 2 });
    const bearer = await visitOf(request);
    await start(request, bearer, 'arrived.pdf', 7);
    arrive(request, 'clients/acme/Ana/arrived.pdf', 7);
    expect(await reclaimStaleUploads(depsAt(NOW + 2 * 3600_000), request)).toBe(1);
    expect(stored(request)).toMatchObject({ filesUsed: 1, filesReceived: 1, bytesReceived: 7 });
  });
});

describe('names: nothing is ever overwritten', () => {
  it('stores a taken name as "name (2).ext", and the next as "name (3).ext"', async () => {
    const request = aRequest();
    const bearer = await visitOf(request);
    arrive(request, 'clients/acme/Ana/report.pdf', 1);
    const second = await start(request, bearer, 'report.pdf', 3);
    expect(second.name).toBe('report (2).pdf');
    expect(files.uploads.at(-1)).toEqual({
      key: `users/${OWNER.userId}/clients/acme/Ana/report (2).pdf`,
      size: 3,
      contentType: 'application/pdf',
    });
    const third = await start(request, bearer, 'report.pdf', 3);
    expect(third.name).toBe('report (3).pdf');
  });

  it('gives parallel uploads of one name distinct names (the lock decides, not a listing)', async () => {
    const request = aRequest();
    const bearer = await visitOf(request);
    const names = (await Promise.all(Array.from({ length: 5 }, () => start(request, bearer, 'scan.jpg', 2)))).map((answer) => answer.name);
    expect(new Set(names)).toEqual(new Set(['scan.jpg', 'scan (2).jpg', 'scan (3).jpg', 'scan (4).jpg', 'scan (5).jpg']));
  });

  it('frees a name whose upload was aborted, so the next upload takes it', async () => {
    const request = aRequest();
    const bearer = await visitOf(request);
    const first = await start(request, bearer, 'movie.mkv', 20 * MiB);
    await abortRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: first.uploadId });
    expect((await start(request, bearer, 'movie.mkv', 20 * MiB)).name).toBe('movie.mkv');
  });

  it('keeps sub-folders of a dropped folder below the uploader, in the request folder', async () => {
    const request = aRequest({ folder: '' });
    const bearer = await visitOf(request, 'Bo');
    await start(request, bearer, 'holiday/day 1/a.jpg', 4);
    expect(files.uploads.at(-1)!.key).toBe(`users/${OWNER.userId}/Bo/holiday/day 1/a.jpg`);
  });
});

describe('completing uploads', () => {
  it('records a single PUT once it arrived, with an upload event naming the file and its size', async () => {
    const request = aRequest();
    const bearer = await visitOf(request);
    const answer = await start(request, bearer, 'a.pdf', 9);
    await expect(completeRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: answer.uploadId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    arrive(request, 'clients/acme/Ana/a.pdf', 9);
    const receipt = await completeRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: answer.uploadId });
    expect(receipt).toEqual({ uploadId: answer.uploadId, name: 'a.pdf', size: 9 });
    // A retried complete changes nothing.
    expect(await completeRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: answer.uploadId })).toEqual(receipt);
    expect(stored(request)).toMatchObject({ filesUsed: 1, bytesUsed: 9, filesReceived: 1, bytesReceived: 9 });
    const upload = requests.events.find((e) => e.event.kind === 'upload')!.event;
    expect(upload).toMatchObject({ file: 'Ana/a.pdf', size: 9, uploader: 'Ana' });
    expect(requests.idleMarks).toHaveLength(1);
  });

  it('joins a multipart upload with the owner-upload code, parts of the exact size', async () => {
    const request = aRequest();
    const bearer = await visitOf(request);
    const size = 40 * MiB;
    const answer = await start(request, bearer, 'big.bin', size);
    if (!('parts' in answer)) throw new Error('expected multipart');
    expect(answer.partSize).toBe(16 * MiB);
    expect(files.presignedParts.map((part) => part.size)).toEqual([16 * MiB, 16 * MiB, 8 * MiB]);
    const [s3UploadId] = [...files.multipart.keys()];
    const parts = answer.parts.map((part) => ({
      partNumber: part.partNumber,
      etag: files.receivePart(s3UploadId!, part.partNumber, part.partNumber < 3 ? 16 * MiB : 8 * MiB),
    }));
    const refreshed = await refreshRequestUploadParts(depsAt(), request.id, bearer, UPLOADER, {
      uploadId: answer.uploadId,
      partNumbers: [2],
    });
    expect(refreshed.parts.map((part) => part.partNumber)).toEqual([2]);
    await completeRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: answer.uploadId, parts });
    expect(await files.stat(`users/${OWNER.userId}/clients/acme/Ana/big.bin`)).toMatchObject({ size });
  });

  it('aborts the parts sent when the request was cancelled mid-upload, and says so', async () => {
    const request = aRequest();
    const bearer = await visitOf(request);
    const answer = await start(request, bearer, 'big.bin', 20 * MiB);
    const s3UploadId = [...files.multipart.keys()][0]!;
    files.receivePart(s3UploadId, 1, 16 * MiB);
    requests.requests.get(request.id)!.status = 'cancelled';
    const error = await failureOf(
      completeRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: answer.uploadId, parts: [{ partNumber: 1, etag: 'x' }] }),
    );
    expect(error).toMatchObject({ code: 'REQUEST_CLOSED', status: 410 });
    expect(files.multipart.get(s3UploadId)!.state).toBe('aborted');
    expect(stored(request)).toMatchObject({ filesUsed: 0, bytesUsed: 0, filesReceived: 0 });
  });

  it('refuses another visit’s upload id as not found', async () => {
    const request = aRequest();
    const ana = await visitOf(request, 'Ana');
    const bo = await visitOf(request, 'Bo');
    const answer = await start(request, ana, 'a.pdf', 1);
    await expect(completeRequestUpload(depsAt(), request.id, bo, UPLOADER, { uploadId: answer.uploadId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('holds a cancelled single PUT’s quota until its URL has expired, then gives it back if nothing arrived', async () => {
    const request = aRequest({ maxFiles: 1 });
    const bearer = await visitOf(request);
    const answer = await start(request, bearer, 'a.pdf', 5);
    expect(await abortRequestUpload(depsAt(), request.id, bearer, UPLOADER, { uploadId: answer.uploadId })).toEqual({ state: 'withdrawn' });
    expect(stored(request).filesUsed).toBe(1);
    expect(await reclaimStaleUploads(depsAt(NOW + 10 * MINUTE), request)).toBe(0);
    expect(await reclaimStaleUploads(depsAt(NOW + 16 * MINUTE), request)).toBe(1);
    expect(stored(request)).toMatchObject({ filesUsed: 0, bytesUsed: 0 });
  });
});

describe('closed, full and unknown requests', () => {
  it('answers 404 REQUEST_NOT_FOUND, 410 REQUEST_CLOSED / REQUEST_EXPIRED, and 410 for every request when turned off', async () => {
    const read = (id: string, nowMs = NOW) => describeRequest(depsAt(nowMs), id);
    await expect(read('AAAAAAAAAAAAAAAAAAAAAA')).rejects.toMatchObject({ code: 'REQUEST_NOT_FOUND', status: 404 });
    await expect(read(aRequest({ status: 'cancelled' }).id)).rejects.toMatchObject({ code: 'REQUEST_CLOSED', status: 410 });
    const open = aRequest({ maxFiles: 4, filesUsed: 1, bytesUsed: 10 });
    await expect(read(open.id, NOW + 8 * DAY)).rejects.toMatchObject({ code: 'REQUEST_EXPIRED', status: 410 });
    expect(await read(open.id)).toMatchObject({
      title: 'Your documents',
      ownerName: OWNER.email,
      remainingFiles: 3,
      remainingBytes: 1024 * MiB - 10,
    });
    expect(await read(open.id)).not.toHaveProperty('folder');
    tenant = { ...tenant, fileRequestsEnabled: false };
    await expect(read(open.id)).rejects.toMatchObject({ code: 'REQUEST_CLOSED' });
  });

  it('refuses uploads once the request is closed, and logs the refusal', async () => {
    const request = aRequest();
    const bearer = await visitOf(request);
    tenant = { ...tenant, fileRequestsEnabled: false };
    await expect(start(request, bearer, 'a.pdf', 1)).rejects.toMatchObject({ code: 'REQUEST_CLOSED' });
    expect(requests.eventKinds(request.id)).toContain('denied:REQUEST_CLOSED');
  });
});

describe('unlocking', () => {
  it('needs the password, allows 5 wrong ones per client per 15 minutes, then refuses even the right one', async () => {
    const request = aRequest({ passwordHash });
    const unlock = (password: string | undefined, who = UPLOADER, nowMs = NOW) =>
      unlockRequest(depsAt(nowMs), request.id, { name: 'Ana', deviceId: 'device-aaaaaaaaaaaa', password }, who);
    await expect(unlock(undefined)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    for (let i = 0; i < 4; i++) await expect(unlock('wrong')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const blocked = await failureOf(unlock(PASSWORD));
    expect(blocked).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await expect(unlock(PASSWORD, { ...UPLOADER, sourceIp: '203.0.113.8' })).resolves.toHaveProperty('token');
    await expect(unlock(PASSWORD, UPLOADER, NOW + 15 * MINUTE)).resolves.toHaveProperty('token');
    expect(requests.eventKinds(request.id).filter((kind) => kind === 'denied:WRONG_PASSWORD')).toHaveLength(5);
  });

  it('opens a visit per unlock, named after the uploader, that the token then stands for', async () => {
    const request = aRequest();
    const bearer = await visitOf(request, 'Ana');
    const { visit } = await authorizeVisit(depsAt(), request.id, bearer, UPLOADER, { open: true });
    expect(visit).toMatchObject({ uploader: 'Ana', pending: 0, files: 0 });
    await expect(authorizeVisit(depsAt(), aRequest().id, bearer, UPLOADER, { open: true })).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
    await expect(authorizeVisit(depsAt(NOW + 2 * 3600_000), request.id, bearer, UPLOADER, { open: true })).rejects.toMatchObject({
      code: 'INVALID_TOKEN',
    });
  });
});

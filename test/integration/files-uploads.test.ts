import { beforeAll, describe, expect, inject, it } from 'vitest';
import { call, randomBytes, signIn, uniquePath } from './client.js';
import { downloadBytes, listAll, putParts, shareAndOpen, startMultipart } from './files-support.js';

/** Large uploads over HTTP against the local runtime: S3 multipart through presigned part URLs. */

const MiB = 1024 * 1024;
let owner: string;
let otherOwner: string;

beforeAll(async () => {
  owner = await signIn(inject('demoEmail'), inject('demoPassword'));
  otherOwner = await signIn(inject('adminEmail'), inject('demoPassword'));
});

describe('multipart uploads', () => {
  it('uploads 20 MiB in 16 MiB parts, and a recipient downloads the exact bytes', async () => {
    const bytes = randomBytes(20 * MiB);
    const path = uniquePath('big.bin');
    const target = await startMultipart(owner, path, bytes.byteLength);
    expect(target.partSize).toBe(16 * MiB);
    expect(target.parts.map((part) => part.partNumber)).toEqual([1, 2]);

    const parts = await putParts(target, bytes);
    const complete = await call('POST', '/api/files/uploads/complete', { token: owner, body: { path, uploadId: target.uploadId, parts } });
    expect(complete.status, JSON.stringify(complete.body)).toBe(200);
    expect(complete.body).toMatchObject({ path, name: 'big.bin', size: bytes.byteLength });
    // A second completion (a double submit) is told the upload is gone, and the file stays whole.
    const again = await call('POST', '/api/files/uploads/complete', { token: owner, body: { path, uploadId: target.uploadId, parts } });
    expect(again.status, JSON.stringify(again.body)).toBe(404);
    expect(again.body.error).toEqual({
      code: 'NOT_FOUND',
      message: 'This upload no longer exists: it was completed, cancelled or expired. Start the upload again.',
    });

    const folder = path.slice(0, path.indexOf('/') + 1);
    const listing = await call('GET', `/api/files?prefix=${encodeURIComponent(folder)}`, { token: owner });
    expect(listing.body.files).toEqual([expect.objectContaining({ path, size: bytes.byteLength })]);

    const share = await shareAndOpen(owner, [{ path, alias: 'Big file.bin' }]);
    const { entries } = await listAll(share.id, share.token, '');
    const downloaded = await downloadBytes(share.id, share.token, entries[0]!.fileId!);
    expect(downloaded.disposition).toContain("filename*=UTF-8''Big%20file.bin");
    expect(downloaded.bytes.equals(Buffer.from(bytes))).toBe(true);
  });

  it('hands out fresh part URLs for an upload in progress, only for its own parts', async () => {
    const bytes = randomBytes(17 * MiB);
    const path = uniquePath('refreshed.bin');
    const target = await startMultipart(owner, path, bytes.byteLength);
    const refreshed = await call('POST', '/api/files/uploads/parts', {
      token: owner,
      body: { path, uploadId: target.uploadId, partNumbers: [2, 1] },
    });
    expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
    expect(refreshed.body.parts.map((part: { partNumber: number }) => part.partNumber)).toEqual([2, 1]);
    const parts = await putParts({ ...target, parts: [...refreshed.body.parts].reverse() }, bytes);
    const complete = await call('POST', '/api/files/uploads/complete', { token: owner, body: { path, uploadId: target.uploadId, parts } });
    expect(complete.status).toBe(200);
    expect(complete.body.size).toBe(bytes.byteLength);

    const beyond = await call('POST', '/api/files/uploads/parts', {
      token: owner,
      body: { path, uploadId: target.uploadId, partNumbers: [3] },
    });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.message).toContain('this upload has 2 parts');
  });

  it('refuses to complete with an upload id of another path, of another owner, or made up (4xx, never 5xx)', async () => {
    const bytes = randomBytes(17 * MiB);
    const path = uniquePath('mine.bin');
    const target = await startMultipart(owner, path, bytes.byteLength);
    const parts = await putParts(target, bytes);

    const otherPath = await call('POST', '/api/files/uploads/complete', {
      token: owner,
      body: { path: uniquePath('other.bin'), uploadId: target.uploadId, parts },
    });
    expect(otherPath.status).toBe(404);
    expect(otherPath.body.error.code).toBe('NOT_FOUND');
    const otherOwnerReply = await call('POST', '/api/files/uploads/complete', {
      token: otherOwner,
      body: { path, uploadId: target.uploadId, parts },
    });
    expect(otherOwnerReply.status).toBe(404);
    const [payload, signature] = target.uploadId.split('.');
    const forged = `${Buffer.from(JSON.stringify(['someone-elses-upload', 1])).toString('base64url')}.${signature}`;
    for (const uploadId of [forged, `${payload}.${'A'.repeat(43)}`, 'not-an-upload-id', '../../etc']) {
      const reply = await call('POST', '/api/files/uploads/complete', { token: owner, body: { path, uploadId, parts } });
      expect(reply.status, uploadId).toBe(404);
    }
    const missingPart = await call('POST', '/api/files/uploads/complete', {
      token: owner,
      body: { path, uploadId: target.uploadId, parts: parts.slice(0, 1) },
    });
    expect(missingPart.status).toBe(400);
    expect(missingPart.body.error.message).toContain('list parts 1 to 2, each once');
    const badEtag = await call('POST', '/api/files/uploads/complete', {
      token: owner,
      body: { path, uploadId: target.uploadId, parts: [{ partNumber: 1, etag: '<xml/>' }, parts[1]] },
    });
    expect(badEtag.status).toBe(400);

    // Nothing of that reached the real upload: it still completes.
    const complete = await call('POST', '/api/files/uploads/complete', { token: owner, body: { path, uploadId: target.uploadId, parts } });
    expect(complete.status).toBe(200);
    const strangers = await call('GET', `/api/files?prefix=${encodeURIComponent(path.slice(0, path.indexOf('/') + 1))}`, {
      token: otherOwner,
    });
    expect(strangers.body.files).toEqual([]);
  });

  it('cancels an upload (204), freeing its parts, and refuses to cancel one that is not the caller’s', async () => {
    const path = uniquePath('cancelled.bin');
    const bytes = randomBytes(17 * MiB);
    const target = await startMultipart(owner, path, bytes.byteLength);
    expect(target.parts).toHaveLength(2);
    const parts = await putParts(target, bytes);
    const foreign = await call('POST', '/api/files/uploads/abort', { token: otherOwner, body: { path, uploadId: target.uploadId } });
    expect(foreign.status).toBe(404);
    const abort = await call('POST', '/api/files/uploads/abort', { token: owner, body: { path, uploadId: target.uploadId } });
    expect(abort.status).toBe(204);
    // The parts are gone: the upload cannot be completed any more, and cancelling again is harmless.
    const complete = await call('POST', '/api/files/uploads/complete', { token: owner, body: { path, uploadId: target.uploadId, parts } });
    expect(complete.status).toBe(404);
    expect((await call('POST', '/api/files/uploads/abort', { token: owner, body: { path, uploadId: target.uploadId } })).status).toBe(204);
  });

  it('refuses files over the size limit with a clear 413, before touching storage', async () => {
    const reply = await call('POST', '/api/files/uploads', {
      token: owner,
      body: { path: uniquePath('huge.iso'), size: 6 * 1024 * MiB, contentType: 'application/octet-stream' },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '"huge.iso" is 6 GiB; files can be at most 5 GiB here.' });
  });

  it('refuses paths that climb out, are absolute, or carry control characters (400 with the field named)', async () => {
    for (const path of ['../escape.bin', 'a/../../b.bin', '/abs.bin', 'a//b.bin', 'tab\there.bin', 'folder/']) {
      const reply = await call('POST', '/api/files/uploads', { token: owner, body: { path, size: 10, contentType: 'text/plain' } });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.message, path).toMatch(/^Invalid request body: path: /);
    }
    const long = await call('POST', '/api/files/uploads', { token: owner, body: { path: `${'a'.repeat(256)}.bin`, size: 10 } });
    expect(long.body.error.message).toContain('segments must be at most 255 characters');
  });
});

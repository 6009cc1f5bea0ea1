import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  MAX_CONFIGURABLE_UPLOAD_BYTES,
  MAX_PARTS,
  abortUpload,
  completeUpload,
  completeUploadSchema,
  partCountFor,
  partSizeFor,
  refreshPartsSchema,
  refreshUploadParts,
  startUpload,
  uploadLimitFrom,
  uploadSchema,
  type UploadDeps,
} from '../../../../functions/lib/domain/files/uploads.js';
import { MemoryFileStore } from '../../../support/memory-adapters.js';
import { NOW, OTHER_OWNER, OWNER, failureOf } from '../../fixtures.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let files: MemoryFileStore;
let deps: UploadDeps;

beforeEach(() => {
  files = new MemoryFileStore(() => NOW);
  deps = { files, signingKey: Buffer.from('unit-test-upload-sealing-key'), maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES };
});

const start = (path: string, size: number, d = deps) => startUpload(d, OWNER.userId, uploadSchema.parse({ path, size }));

async function startMultipart(path: string, size: number) {
  const target = await start(path, size);
  if (!('uploadId' in target)) throw new Error('expected a multipart upload');
  return target;
}

/** What the browser does with the part URLs: PUT each part and keep S3's ETag. */
function uploadAllParts(size: number) {
  const upload = [...files.multipart.keys()].at(-1)!;
  return Array.from({ length: partCountFor(size) }, (_, i) => {
    const partNumber = i + 1;
    const length = Math.min(partSizeFor(size), size - i * partSizeFor(size));
    return { partNumber, etag: files.receivePart(upload, partNumber, length) };
  });
}

describe('part sizes', () => {
  it('are 16 MiB up to 16,000 MiB, then grow so that no file needs more than 1,000 parts', () => {
    expect(partSizeFor(17 * MiB)).toBe(16 * MiB);
    expect(partCountFor(17 * MiB)).toBe(2);
    expect(partCountFor(2_000_000_000)).toBe(120);
    expect(partCountFor(5 * GiB)).toBe(320);
    expect(partSizeFor(100 * GiB)).toBe(103 * MiB);
    expect(partCountFor(100 * GiB)).toBeLessThanOrEqual(MAX_PARTS);
    expect(partSizeFor(MAX_CONFIGURABLE_UPLOAD_BYTES)).toBe(5 * GiB);
    expect(partCountFor(MAX_CONFIGURABLE_UPLOAD_BYTES)).toBe(MAX_PARTS);
  });
});

describe('the upload limit from MAX_UPLOAD_BYTES', () => {
  it('defaults to 5 GiB and takes a whole number of bytes', () => {
    expect(uploadLimitFrom(undefined)).toBe(5 * GiB);
    expect(uploadLimitFrom('')).toBe(5 * GiB);
    expect(uploadLimitFrom('1048576')).toBe(MiB);
  });

  it('fails loudly on a value that is not a usable limit', () => {
    for (const raw of ['5GB', '-1', '0', '1.5', String(MAX_CONFIGURABLE_UPLOAD_BYTES + 1)]) {
      expect(() => uploadLimitFrom(raw), raw).toThrow(/MAX_UPLOAD_BYTES must be a whole number/);
    }
  });
});

describe('starting an upload', () => {
  it('gives one presigned PUT up to 16 MiB', async () => {
    expect(await start('docs/a.bin', 16 * MiB)).toMatchObject({ method: 'PUT' });
    expect(files.uploads).toEqual([{ key: 'users/owner-1/docs/a.bin', size: 16 * MiB, contentType: 'application/octet-stream' }]);
    expect(files.multipart.size).toBe(0);
  });

  it('starts a multipart upload above 16 MiB with one URL per part, each signed for its exact length', async () => {
    const size = 40 * MiB + 5;
    const target = await startMultipart('docs/big.iso', size);
    expect(target.partSize).toBe(16 * MiB);
    expect(target.parts.map((part) => part.partNumber)).toEqual([1, 2, 3]);
    expect(files.presignedParts.map(({ partNumber, size: length }) => [partNumber, length])).toEqual([
      [1, 16 * MiB],
      [2, 16 * MiB],
      [3, 8 * MiB + 5],
    ]);
    expect([...files.multipart.values()][0]).toMatchObject({ key: 'users/owner-1/docs/big.iso', contentType: 'application/octet-stream' });
  });

  it('refuses a file over the tenant limit with 413 naming both sizes, before touching storage', async () => {
    const error = await failureOf(start('movie.mkv', 6 * GiB));
    expect(error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
      message: '"movie.mkv" is 6 GiB; files can be at most 5 GiB here.',
    });
    const small = await failureOf(start('a.bin', 2 * MiB, { ...deps, maxUploadBytes: 1.5 * MiB }));
    expect(small.message).toBe('"a.bin" is 2 MiB; files can be at most 1.5 MiB here.');
    expect(files.uploads).toHaveLength(0);
    expect(files.multipart.size).toBe(0);
  });
});

describe('completing a multipart upload', () => {
  it('joins all parts into the file and returns it as the listing shows files', async () => {
    const size = 33 * MiB;
    const target = await startMultipart('docs/big.bin', size);
    const parts = uploadAllParts(size);
    const done = await completeUpload(
      deps,
      OWNER.userId,
      completeUploadSchema.parse({ path: 'docs/big.bin', uploadId: target.uploadId, parts: [...parts].reverse() }),
    );
    expect(done).toEqual({ path: 'docs/big.bin', name: 'big.bin', size, lastModified: new Date(NOW).toISOString() });
    expect(files.objects.get('users/owner-1/docs/big.bin')?.size).toBe(size);
  });

  it('accepts ETags with or without their quotes', async () => {
    const size = 17 * MiB;
    const target = await startMultipart('q.bin', size);
    const parts = uploadAllParts(size).map((part) => ({ ...part, etag: part.etag.replaceAll('"', '') }));
    await expect(completeUpload(deps, OWNER.userId, { path: 'q.bin', uploadId: target.uploadId, parts })).resolves.toMatchObject({ size });
  });

  it('is 404 for an upload id of another path, of another owner, or tampered with, and S3 never hears of it', async () => {
    const size = 17 * MiB;
    const target = await startMultipart('docs/mine.bin', size);
    const parts = uploadAllParts(size);
    const [payload, signature] = target.uploadId.split('.') as [string, string];
    const attempts = [
      { userId: OWNER.userId, path: 'docs/other.bin', uploadId: target.uploadId },
      { userId: OTHER_OWNER.userId, path: 'docs/mine.bin', uploadId: target.uploadId },
      {
        userId: OWNER.userId,
        path: 'docs/mine.bin',
        uploadId: `${Buffer.from(JSON.stringify(['mpu-1', 1])).toString('base64url')}.${signature}`,
      },
      { userId: OWNER.userId, path: 'docs/mine.bin', uploadId: `${payload}.${signature}x` },
      { userId: OWNER.userId, path: 'docs/mine.bin', uploadId: 'mpu-1' },
    ];
    for (const attempt of attempts) {
      const error = await failureOf(completeUpload(deps, attempt.userId, { path: attempt.path, uploadId: attempt.uploadId, parts }));
      expect(error, JSON.stringify(attempt)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    }
    expect([...files.multipart.values()][0]!.state).toBe('open');
  });

  it('refuses a part list that is not exactly parts 1 to N', async () => {
    const size = 40 * MiB;
    const target = await startMultipart('p.bin', size);
    const parts = uploadAllParts(size);
    for (const wrong of [parts.slice(0, 2), [...parts, { partNumber: 4, etag: '"x"' }], [parts[0]!, parts[0]!, parts[2]!]]) {
      const error = await failureOf(completeUpload(deps, OWNER.userId, { path: 'p.bin', uploadId: target.uploadId, parts: wrong }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Invalid request body: parts: list parts 1 to 3, each once' });
    }
  });

  it('is 404 once the upload was completed or cancelled', async () => {
    const size = 17 * MiB;
    const target = await startMultipart('twice.bin', size);
    const parts = uploadAllParts(size);
    await completeUpload(deps, OWNER.userId, { path: 'twice.bin', uploadId: target.uploadId, parts });
    const again = await failureOf(completeUpload(deps, OWNER.userId, { path: 'twice.bin', uploadId: target.uploadId, parts }));
    expect(again).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('completed, cancelled or expired') });
  });

  it('validates the request shape', () => {
    expect(completeUploadSchema.safeParse({ path: 'a.bin', uploadId: 'x', parts: [] }).success).toBe(false);
    expect(completeUploadSchema.safeParse({ path: '../a.bin', uploadId: 'x', parts: [{ partNumber: 1, etag: '"a"' }] }).success).toBe(
      false,
    );
    expect(completeUploadSchema.safeParse({ path: 'a.bin', uploadId: 'x', parts: [{ partNumber: 0, etag: '"a"' }] }).success).toBe(false);
    expect(completeUploadSchema.safeParse({ path: 'a.bin', uploadId: 'x', parts: [{ partNumber: 1, etag: '"a"\r\n' }] }).success).toBe(
      false,
    );
    expect(
      completeUploadSchema.safeParse({ path: 'a.bin', uploadId: 'x', parts: [{ partNumber: 1, etag: '"a"' }], extra: 1 }).success,
    ).toBe(false);
  });
});

describe('refreshing part URLs', () => {
  it('signs the asked parts again with their exact lengths, and nothing beyond the last part', async () => {
    const size = 40 * MiB;
    const target = await startMultipart('r.bin', size);
    files.presignedParts.length = 0;
    const { parts } = await refreshUploadParts(
      deps,
      OWNER.userId,
      refreshPartsSchema.parse({ path: 'r.bin', uploadId: target.uploadId, partNumbers: [3, 1] }),
    );
    expect(parts.map((part) => part.partNumber)).toEqual([3, 1]);
    expect(files.presignedParts.map((part) => part.size)).toEqual([8 * MiB, 16 * MiB]);
    const beyond = await failureOf(refreshUploadParts(deps, OWNER.userId, { path: 'r.bin', uploadId: target.uploadId, partNumbers: [4] }));
    expect(beyond.message).toBe('Invalid request body: partNumbers: this upload has 3 parts, not 4');
    expect(
      await failureOf(refreshUploadParts(deps, OTHER_OWNER.userId, { path: 'r.bin', uploadId: target.uploadId, partNumbers: [1] })),
    ).toMatchObject({ status: 404 });
    expect(refreshPartsSchema.safeParse({ path: 'r.bin', uploadId: 'x', partNumbers: [1, 1] }).success).toBe(false);
  });
});

describe('cancelling an upload', () => {
  it("aborts the caller's own upload and is 404 for anyone else's", async () => {
    const target = await startMultipart('c.bin', 20 * MiB);
    expect(await failureOf(abortUpload(deps, OTHER_OWNER.userId, { path: 'c.bin', uploadId: target.uploadId }))).toMatchObject({
      status: 404,
    });
    expect([...files.multipart.values()][0]!.state).toBe('open');
    await abortUpload(deps, OWNER.userId, { path: 'c.bin', uploadId: target.uploadId });
    expect([...files.multipart.values()][0]!.state).toBe('aborted');
  });
});

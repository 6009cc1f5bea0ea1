import { TEST_ENV } from '../env.js';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as filesDelete } from '../../../functions/files/files-delete.js';
import { handler as foldersCreate } from '../../../functions/files/folders-create.js';
import { handler as uploadsAbort } from '../../../functions/files/uploads-abort.js';
import { handler as uploadsComplete } from '../../../functions/files/uploads-complete.js';
import { handler as uploadsCreate } from '../../../functions/files/uploads-create.js';
import type { HttpRoute } from '../../../functions/lib/http/handler.js';
import { resetConfig } from '../../../functions/lib/config.js';
import { httpEvent, invoke, ownerClaims } from '../../support/events.js';

/** The files routes as API Gateway invokes them, S3 mocked: wiring, status codes, the upload limit. */

const s3 = mockClient(S3Client);
const OWNER = 'owner-files-1';
const owner = ownerClaims(OWNER);
const missing = () => new NotFound({ message: 'NotFound', $metadata: { httpStatusCode: 404 } });

beforeEach(() => {
  s3.reset();
  delete process.env.MAX_UPLOAD_BYTES;
  resetConfig();
});
afterEach(() => {
  delete process.env.MAX_UPLOAD_BYTES;
  resetConfig();
});

const post = (handler: HttpRoute, path: string, body: unknown, claims = owner) =>
  invoke(handler, httpEvent({ method: 'POST', path, body, claims }));

describe('POST /api/files/uploads', () => {
  it('honours the tenant limit from MAX_UPLOAD_BYTES', async () => {
    process.env.MAX_UPLOAD_BYTES = String(20 * 1024 * 1024);
    resetConfig();
    const tooBig = await post(uploadsCreate, '/api/files/uploads', { path: 'a.bin', size: 20 * 1024 * 1024 + 1 });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toBe('"a.bin" is 20,971,521 bytes; files can be at most 20,971,520 bytes here.');
    expect(s3.calls()).toHaveLength(0);
  });

  it('starts a multipart upload under the caller prefix and seals its id', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'raw-s3-id' });
    const started = await post(uploadsCreate, '/api/files/uploads', { path: 'docs/big.bin', size: 40 * 1024 * 1024 });
    expect(started.status).toBe(200);
    expect(s3.commandCalls(CreateMultipartUploadCommand)[0]!.args[0].input).toMatchObject({
      Bucket: TEST_ENV.FILES_BUCKET,
      Key: `users/${OWNER}/docs/big.bin`,
    });
    expect(started.body.uploadId).not.toBe('raw-s3-id');
    expect(started.body.parts).toHaveLength(3);
    for (const part of started.body.parts) expect(new URL(part.url).searchParams.get('uploadId')).toBe('raw-s3-id');
  });
});

describe('POST /api/files/uploads/complete and /abort', () => {
  it('completes with S3 and answers the stored file; a foreign upload id is 404 without asking S3', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'raw-s3-id' });
    s3.on(CompleteMultipartUploadCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({ ContentLength: 17 * 1024 * 1024, LastModified: new Date('2026-03-01T00:00:00Z') });
    const { body } = await post(uploadsCreate, '/api/files/uploads', { path: 'big.bin', size: 17 * 1024 * 1024 });
    const parts = [
      { partNumber: 1, etag: '"a1"' },
      { partNumber: 2, etag: '"b2"' },
    ];

    const foreign = await post(
      uploadsComplete,
      '/api/files/uploads/complete',
      { path: 'big.bin', uploadId: body.uploadId, parts },
      ownerClaims('someone-else'),
    );
    expect(foreign.status).toBe(404);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);

    const done = await post(uploadsComplete, '/api/files/uploads/complete', { path: 'big.bin', uploadId: body.uploadId, parts });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ path: 'big.bin', name: 'big.bin', size: 17 * 1024 * 1024, lastModified: '2026-03-01T00:00:00.000Z' });
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0]!.args[0].input).toMatchObject({
      Key: `users/${OWNER}/big.bin`,
      UploadId: 'raw-s3-id',
    });

    const aborted = await post(uploadsAbort, '/api/files/uploads/abort', { path: 'big.bin', uploadId: 'made-up' });
    expect(aborted.status).toBe(404);
  });
});

describe('POST /api/folders', () => {
  it('creates a marker (201) and answers 409 when the folder exists', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ KeyCount: 0 })
      .resolvesOnce({ KeyCount: 1, Contents: [{ Key: `users/${OWNER}/docs/` }] });
    s3.on(HeadObjectCommand).rejects(missing());
    s3.on(PutObjectCommand).resolves({});
    const created = await post(foldersCreate, '/api/folders', { path: 'docs' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ path: 'docs/', name: 'docs' });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({ Key: `users/${OWNER}/docs/`, ContentLength: 0 });
    const again = await post(foldersCreate, '/api/folders', { path: 'docs/' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
  });
});

describe('DELETE /api/files', () => {
  it('lists and deletes under the caller prefix only, and reports counts', async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: `users/${OWNER}/tree/` }, { Key: `users/${OWNER}/tree/a.txt` }],
      IsTruncated: false,
    });
    s3.on(DeleteObjectsCommand).resolves({});
    const reply = await invoke(filesDelete, httpEvent({ method: 'DELETE', path: '/api/files', body: { paths: ['tree/'] }, claims: owner }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ deleted: [{ path: 'tree/', objects: 2 }], notFound: [], pending: [], deletedObjects: 2 });
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toMatchObject({ Prefix: `users/${OWNER}/tree/` });
  });

  it('refuses an anonymous caller and a path out of the root', async () => {
    expect((await invoke(filesDelete, httpEvent({ method: 'DELETE', path: '/api/files', body: { paths: ['a.txt'] } }))).status).toBe(401);
    const climbing = await invoke(
      filesDelete,
      httpEvent({ method: 'DELETE', path: '/api/files', body: { paths: ['../other/a.txt'] }, claims: owner }),
    );
    expect(climbing.status).toBe(400);
    expect(s3.calls()).toHaveLength(0);
  });
});

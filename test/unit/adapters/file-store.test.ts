import { HeadObjectCommand, ListObjectsV2Command, NotFound, NoSuchKey, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3FileStore } from '../../../functions/lib/adapters/file-store.js';

const BUCKET = 'sharelink-files-test';
const s3 = mockClient(S3Client);
const store = new S3FileStore(
  new S3Client({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
  BUCKET,
);
const accessDenied = () =>
  new S3ServiceException({ name: 'AccessDenied', $fault: 'client', message: 'Access Denied', $metadata: { httpStatusCode: 403 } });

beforeEach(() => {
  s3.reset();
});

describe('S3FileStore.stat', () => {
  it('reports size and last modification of an object', async () => {
    s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: 'users/u/a.pdf' }).resolves({
      ContentLength: 2048,
      LastModified: new Date('2026-02-01T10:00:00Z'),
    });
    expect(await store.stat('users/u/a.pdf')).toEqual({ key: 'users/u/a.pdf', size: 2048, lastModified: '2026-02-01T10:00:00.000Z' });
  });

  it('maps a missing object to undefined', async () => {
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'NotFound', $metadata: { httpStatusCode: 404 } }));
    expect(await store.stat('users/u/gone.pdf')).toBeUndefined();
    s3.on(HeadObjectCommand).rejects(new NoSuchKey({ message: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }));
    expect(await store.stat('users/u/gone.pdf')).toBeUndefined();
    // HEAD responses have no body, so some endpoints only give the status code.
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({ name: 'Unknown', $fault: 'client', message: '', $metadata: { httpStatusCode: 404 } }),
    );
    expect(await store.stat('users/u/gone.pdf')).toBeUndefined();
  });

  it('reads 403 as missing: without ListBucket on the key (ours is conditioned on a listing prefix) S3 answers a HEAD of a missing key 403', async () => {
    s3.on(HeadObjectCommand).rejects(accessDenied());
    await expect(store.stat('users/u/a.pdf')).resolves.toBeUndefined();
  });

  it('rethrows other failures instead of calling the file missing', async () => {
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('We encountered an internal error.'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }),
    );
    await expect(store.stat('users/u/a.pdf')).rejects.toMatchObject({ name: 'InternalError' });
  });
});

describe('S3FileStore.hasAny', () => {
  it('asks for a single key under the prefix', async () => {
    s3.on(ListObjectsV2Command)
      .resolvesOnce({ KeyCount: 1, Contents: [{ Key: 'users/u/docs/' }] })
      .resolvesOnce({ KeyCount: 0 });
    expect(await store.hasAny('users/u/docs/')).toBe(true);
    expect(await store.hasAny('users/u/none/')).toBe(false);
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toEqual({ Bucket: BUCKET, Prefix: 'users/u/docs/', MaxKeys: 1 });
  });
});

describe('S3FileStore.list', () => {
  it('maps common prefixes to folders and contents to files, skipping the folder marker itself', async () => {
    s3.on(ListObjectsV2Command).resolves({
      CommonPrefixes: [{ Prefix: 'users/u/docs/q3/' }, {}],
      Contents: [
        { Key: 'users/u/docs/', Size: 0, LastModified: new Date('2026-01-01T00:00:00Z') },
        { Key: 'users/u/docs/a.txt', Size: 5, LastModified: new Date('2026-01-02T00:00:00Z') },
        { Key: 'users/u/docs/b.txt', Size: 7 },
      ],
      IsTruncated: false,
    });
    expect(await store.list('users/u/docs/', undefined, 200)).toEqual({
      folders: ['users/u/docs/q3/'],
      files: [
        { key: 'users/u/docs/a.txt', size: 5, lastModified: '2026-01-02T00:00:00.000Z' },
        { key: 'users/u/docs/b.txt', size: 7, lastModified: '1970-01-01T00:00:00.000Z' },
      ],
      nextCursor: null,
    });
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Prefix: 'users/u/docs/',
      Delimiter: '/',
      MaxKeys: 200,
      ContinuationToken: undefined,
    });
  });

  it('passes the continuation token on and hands out the next one', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: true, NextContinuationToken: 'token-2' });
    expect((await store.list('users/u/', 'token-1', 100)).nextCursor).toBe('token-2');
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input.ContinuationToken).toBe('token-1');
  });

  it('answers a made-up cursor with 400 VALIDATION_FAILED and rethrows other errors', async () => {
    s3.on(ListObjectsV2Command).rejects(
      new S3ServiceException({
        name: 'InvalidArgument',
        $fault: 'client',
        message: 'The continuation token provided is incorrect',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(store.list('users/u/', 'made-up', 100)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    s3.on(ListObjectsV2Command).rejects(accessDenied());
    await expect(store.list('users/u/', undefined, 100)).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

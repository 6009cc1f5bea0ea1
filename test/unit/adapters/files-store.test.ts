import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
  NoSuchUpload,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3FileStore } from '../../../functions/lib/adapters/file-store.js';
import { verifyPresignedUrl } from './sigv4.js';

const BUCKET = 'sharelink-files-test';
const CREDENTIALS = { accessKeyId: 'AKIDFILESTEST', secretAccessKey: 'files/test/secret' };
const s3 = mockClient(S3Client);
// Checksum settings as in functions/lib/aws/s3.ts: a browser cannot send a CRC it was not given.
const store = new S3FileStore(
  new S3Client({
    region: 'eu-central-1',
    credentials: CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }),
  BUCKET,
);
const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', message: name, $metadata: { httpStatusCode: status } });

beforeEach(() => {
  s3.reset();
});

describe('S3FileStore multipart uploads', () => {
  it('starts an upload with the content type and returns S3’s upload id', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'mpu-1' });
    expect(await store.startMultipartUpload('users/u/big.iso', 'application/x-iso9660-image')).toBe('mpu-1');
    expect(s3.commandCalls(CreateMultipartUploadCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: 'users/u/big.iso',
      ContentType: 'application/x-iso9660-image',
    });
  });

  it('presigns UploadPart for one part of one upload, valid 15 minutes, with its length signed', async () => {
    const url = new URL(await store.presignUploadPart('users/u/big.iso', 'mpu-1', 3, 16 * 1024 * 1024));
    expect(decodeURIComponent(url.pathname)).toBe('/users/u/big.iso');
    expect(url.searchParams.get('uploadId')).toBe('mpu-1');
    expect(url.searchParams.get('partNumber')).toBe('3');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;host');
    expect(url.searchParams.has('x-amz-checksum-crc32')).toBe(false);
  });

  it('signs the part URL so that it verifies with the exact length and not another', async () => {
    const url = await store.presignUploadPart('users/u/big.iso', 'mpu-1', 1, 1234);
    const verify = (length: string) =>
      verifyPresignedUrl(url, { method: 'PUT', headers: { 'content-length': length }, secretAccessKey: CREDENTIALS.secretAccessKey });
    expect(verify('1234')).toEqual({ valid: true });
    expect(verify('1235')).toMatchObject({ valid: false });
  });

  it('completes with the parts in order and maps S3’s refusals to 404 or 400', async () => {
    s3.on(CompleteMultipartUploadCommand)
      .resolvesOnce({})
      .rejectsOnce(new NoSuchUpload({ message: 'gone', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(s3Error('InvalidPart', 400))
      .rejectsOnce(s3Error('InternalError', 500));
    const parts = [
      { partNumber: 1, etag: '"a"' },
      { partNumber: 2, etag: '"b"' },
    ];
    expect(await store.completeMultipartUpload('users/u/x', 'mpu-1', parts)).toBe('completed');
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: 'users/u/x',
      UploadId: 'mpu-1',
      MultipartUpload: {
        Parts: [
          { PartNumber: 1, ETag: '"a"' },
          { PartNumber: 2, ETag: '"b"' },
        ],
      },
    });
    expect(await store.completeMultipartUpload('users/u/x', 'mpu-1', parts)).toBe('missing');
    await expect(store.completeMultipartUpload('users/u/x', 'mpu-1', parts)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('ETag does not match'),
    });
    await expect(store.completeMultipartUpload('users/u/x', 'mpu-1', parts)).rejects.toMatchObject({ name: 'InternalError' });
  });

  it('aborts, treating an upload that is already gone as done', async () => {
    s3.on(AbortMultipartUploadCommand)
      .resolvesOnce({})
      .rejectsOnce(new NoSuchUpload({ message: 'gone', $metadata: { httpStatusCode: 404 } }))
      .rejectsOnce(s3Error('AccessDenied', 403));
    await store.abortMultipartUpload('users/u/x', 'mpu-1');
    expect(s3.commandCalls(AbortMultipartUploadCommand)[0]!.args[0].input).toEqual({ Bucket: BUCKET, Key: 'users/u/x', UploadId: 'mpu-1' });
    await store.abortMultipartUpload('users/u/x', 'mpu-1');
    await expect(store.abortMultipartUpload('users/u/x', 'mpu-1')).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('S3FileStore folders and deletes', () => {
  it('writes an empty folder marker', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.putFolderMarker('users/u/docs/new/');
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: BUCKET,
      Key: 'users/u/docs/new/',
      ContentLength: 0,
    });
  });

  it('lists every key under a prefix without a delimiter, page by page', async () => {
    s3.on(ListObjectsV2Command).resolves({
      Contents: [{ Key: 'users/u/t/' }, { Key: 'users/u/t/a/b.txt' }, {}],
      IsTruncated: true,
      NextContinuationToken: 'n2',
    });
    expect(await store.listKeys('users/u/t/', 'n1', 1000)).toEqual({ keys: ['users/u/t/', 'users/u/t/a/b.txt'], nextCursor: 'n2' });
    expect(s3.commandCalls(ListObjectsV2Command)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Prefix: 'users/u/t/',
      MaxKeys: 1000,
      ContinuationToken: 'n1',
    });
  });

  it('deletes a batch in one quiet DeleteObjects, skips empty batches, and fails if S3 kept any key', async () => {
    s3.on(DeleteObjectsCommand)
      .resolvesOnce({})
      .resolvesOnce({ Errors: [{ Key: 'users/u/b', Code: 'AccessDenied', Message: 'Access Denied' }] });
    await store.deleteKeys([]);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    await store.deleteKeys(['users/u/a', 'users/u/b']);
    expect(s3.commandCalls(DeleteObjectsCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Delete: { Objects: [{ Key: 'users/u/a' }, { Key: 'users/u/b' }], Quiet: true },
    });
    await expect(store.deleteKeys(['users/u/a', 'users/u/b'])).rejects.toThrow(
      'S3 did not delete 1 of 2 objects (first: AccessDenied Access Denied)',
    );
  });
});

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { CompletedPart, FileStore, StoredFile } from '../domain/ports.js';
import { validationFailed } from '../errors.js';

/** Presigned downloads live at most 5 minutes. */
export const DOWNLOAD_URL_TTL_SECONDS = 300;
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

const nameOf = (error: unknown) => (error as Error | undefined)?.name;
const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;

/** S3's answers to a CompleteMultipartUpload whose part list does not fit what was uploaded. */
const partProblems: Record<string, string> = {
  InvalidPart: 'a part was not uploaded, or its ETag does not match',
  InvalidPartOrder: 'parts must be listed in ascending order',
  EntityTooSmall: 'every part but the last must be at least 5 MiB',
  MalformedXML: 'the part list is malformed',
};

const isMissing = (error: unknown) => nameOf(error) === 'NotFound' || nameOf(error) === 'NoSuchKey' || statusOf(error) === 404;

/** The files bucket. Keys arrive already validated and under the owner's prefix. */
export class S3FileStore implements FileStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async stat(key: string): Promise<StoredFile | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: head.ContentLength ?? 0, lastModified: (head.LastModified ?? new Date(0)).toISOString() };
    } catch (error) {
      // S3 answers a HEAD of a missing key 403 unless ListBucket is granted for it, and ours is
      // conditioned on a listing prefix (infra/access.ts): with GetObject granted, 403 means missing.
      if (isMissing(error) || statusOf(error) === 403) return undefined;
      throw error;
    }
  }

  async hasAny(prefix: string): Promise<boolean> {
    const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1 }));
    return (page.KeyCount ?? page.Contents?.length ?? 0) > 0;
  }

  async list(prefix: string, cursor: string | undefined, limit: number) {
    try {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, Delimiter: '/', MaxKeys: limit, ContinuationToken: cursor }),
      );
      return {
        folders: (page.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : [])),
        files: (page.Contents ?? []).flatMap((o) =>
          o.Key && o.Key !== prefix ? [{ key: o.Key, size: o.Size ?? 0, lastModified: (o.LastModified ?? new Date(0)).toISOString() }] : [],
        ),
        nextCursor: page.IsTruncated && page.NextContinuationToken ? page.NextContinuationToken : null,
      };
    } catch (error) {
      // A made-up continuation token is the client's mistake, not ours.
      if (cursor !== undefined && (error as Error)?.name === 'InvalidArgument') {
        throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
      }
      throw error;
    }
  }

  async listTree(prefix: string, cursor: string | undefined, limit: number) {
    try {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: limit, ContinuationToken: cursor }),
      );
      return {
        files: (page.Contents ?? []).flatMap((o) =>
          o.Key ? [{ key: o.Key, size: o.Size ?? 0, lastModified: (o.LastModified ?? new Date(0)).toISOString() }] : [],
        ),
        nextCursor: page.IsTruncated && page.NextContinuationToken ? page.NextContinuationToken : null,
      };
    } catch (error) {
      if (cursor !== undefined && (error as Error)?.name === 'InvalidArgument') {
        throw validationFailed('Invalid query: cursor: not a cursor this listing gave out');
      }
      throw error;
    }
  }

  async listKeys(prefix: string, cursor: string | undefined, limit: number) {
    const page = await this.s3.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: limit, ContinuationToken: cursor }),
    );
    return {
      keys: (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : [])),
      nextCursor: page.IsTruncated && page.NextContinuationToken ? page.NextContinuationToken : null,
    };
  }

  async deleteKeys(keys: string[]) {
    if (keys.length === 0) return;
    // Quiet mode: S3 answers only with the keys it could not delete.
    const result = await this.s3.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
    );
    const failed = result.Errors ?? [];
    if (failed.length > 0) {
      const first = failed[0]!;
      throw new Error(
        `S3 did not delete ${failed.length} of ${keys.length} objects (first: ${first.Code ?? 'unknown'} ${first.Message ?? ''})`,
      );
    }
  }

  async putFolderMarker(key: string) {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: new Uint8Array(0), ContentLength: 0 }));
  }

  async presignUpload(key: string, size: number, contentType: string) {
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size }),
      { expiresIn: UPLOAD_URL_TTL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
    );
    return { url, headers: { 'content-type': contentType } };
  }

  async startMultipartUpload(key: string, contentType: string) {
    const started = await this.s3.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType }));
    if (!started.UploadId) throw new Error('S3 started a multipart upload without an UploadId');
    return started.UploadId;
  }

  async presignUploadPart(key: string, uploadId: string, partNumber: number, size: number) {
    // The signed Content-Length makes S3 refuse a part of any other size.
    return getSignedUrl(
      this.s3,
      new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, ContentLength: size }),
      { expiresIn: UPLOAD_URL_TTL_SECONDS, signableHeaders: new Set(['content-length']) },
    );
  }

  async completeMultipartUpload(key: string, uploadId: string, parts: CompletedPart[]) {
    try {
      await this.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }),
      );
      return 'completed' as const;
    } catch (error) {
      if (nameOf(error) === 'NoSuchUpload') return 'missing' as const;
      const problem = partProblems[nameOf(error) ?? ''];
      if (problem) throw validationFailed(`Invalid request body: parts: ${problem}`);
      throw error;
    }
  }

  async abortMultipartUpload(key: string, uploadId: string) {
    try {
      await this.s3.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
    } catch (error) {
      if (nameOf(error) === 'NoSuchUpload') return;
      throw error;
    }
  }

  async presignDownload(key: string, disposition: string, contentType?: string) {
    const url = await getSignedUrl(
      this.s3,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: disposition, ResponseContentType: contentType }),
      { expiresIn: DOWNLOAD_URL_TTL_SECONDS },
    );
    return { url, expiresAt: new Date(Date.now() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString() };
  }
}

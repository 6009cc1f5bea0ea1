import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore, StoredFile } from '../domain/ports.js';
import { validationFailed } from '../errors.js';
import { s3 } from '../aws/s3.js';
import { requiredEnv } from '../env.js';

/** DESIGN.md §5: presigned downloads live at most 5 minutes. */
export const DOWNLOAD_URL_TTL_SECONDS = 300;
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

const isMissing = (error: unknown) => {
  const name = (error as Error)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return name === 'NotFound' || name === 'NoSuchKey' || status === 404;
};

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
      if (isMissing(error)) return undefined;
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

  async presignUpload(key: string, size: number, contentType: string) {
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size }),
      { expiresIn: UPLOAD_URL_TTL_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
    );
    return { url, headers: { 'content-type': contentType } };
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

let instance: S3FileStore | undefined;
/** The store on this function's files bucket, built once per cold start. */
export const fileStore = () => (instance ??= new S3FileStore(s3, requiredEnv('FILES_BUCKET')));

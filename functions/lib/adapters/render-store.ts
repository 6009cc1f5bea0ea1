import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RenderStore } from '../domain/ports.js';
import { PAGE_COUNT_METADATA } from './preview-cache.js';

const isMissing = (error: unknown) => {
  const name = (error as Error | undefined)?.name;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || status === 404;
};

/** The renderer function's side of the files bucket: it reads originals and writes renders. */
export class S3RenderStore implements RenderStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async read(key: string, maxBytes: number) {
    let object;
    try {
      object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) return 'missing' as const;
      throw error;
    }
    // The length is known from the headers: a file over the limit is never read into memory.
    if ((object.ContentLength ?? 0) > maxBytes) {
      object.Body?.transformToWebStream()
        .cancel()
        .catch(() => undefined);
      return 'too-large' as const;
    }
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array(0);
    return { bytes, ...(object.ContentType ? { contentType: object.ContentType } : {}) };
  }

  async write(key: string, bytes: Uint8Array, contentType: string, pageCount: number) {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        CacheControl: 'private, max-age=300',
        Metadata: { [PAGE_COUNT_METADATA]: String(pageCount) },
      }),
    );
  }
}

import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PreviewCache } from '../domain/ports.js';
import { DOWNLOAD_URL_TTL_SECONDS } from './file-store.js';

/** The object metadata that carries a render's page count (`x-amz-meta-page-count`). */
export const PAGE_COUNT_METADATA = 'page-count';

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;

/** Rendered previews under `previews/` of the files bucket, as the recipient function reads them. */
export class S3PreviewCache implements PreviewCache {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async find(key: string): Promise<{ pageCount: number } | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const pageCount = Number(head.Metadata?.[PAGE_COUNT_METADATA]);
      return { pageCount: Number.isInteger(pageCount) && pageCount > 0 ? pageCount : 1 };
    } catch (error) {
      // Without ListBucket on previews/ S3 answers a missing key 403; both mean "not rendered yet".
      const status = statusOf(error);
      if (status === 404 || status === 403 || (error as Error)?.name === 'NotFound') return undefined;
      throw error;
    }
  }

  async presign(key: string, disposition: string, contentType: string) {
    const url = await getSignedUrl(
      this.s3,
      new GetObjectCommand({ Bucket: this.bucket, Key: key, ResponseContentDisposition: disposition, ResponseContentType: contentType }),
      { expiresIn: DOWNLOAD_URL_TTL_SECONDS },
    );
    return { url, expiresAt: new Date(Date.now() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString() };
  }
}

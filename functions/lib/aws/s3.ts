import { S3Client } from '@aws-sdk/client-s3';

/**
 * Created once per cold start. Checksums only when required: browsers PUT to presigned
 * URLs and must not be asked for a CRC header they cannot compute (LOCAL-NOTES.md).
 */
export const s3 = new S3Client({
  forcePathStyle: process.env.S3_FORCE_PATH_STYLE === '1',
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

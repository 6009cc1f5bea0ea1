/**
 * Runs s3rver in its own Node process, started by s3.ts with --openssl-legacy-provider:
 * s3rver's ListObjectsV2 continuation tokens use DES, which Node only offers with that
 * flag. Its store (s3rver-store.ts) lists from a key index and answers
 * multipart uploads as S3 does. Reports its port over IPC and exits when the parent goes away.
 */
import S3rver from 's3rver';
import { LocalS3rverStore, noSuchUpload } from './s3rver-store.js';

const directory = process.argv[2];
if (!directory || !process.send) {
  console.error('usage: fork s3rver-process.ts <data directory> (with an IPC channel)');
  process.exit(2);
}

process.on('disconnect', () => process.exit(0));

const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
// The store answers as S3 does: listings from a key index, deletes and uploads (s3rver-store.ts).
const store = new LocalS3rverStore(directory);
server.store = server.context.store = store;
// AbortMultipartUpload (DELETE /<bucket>/<key>?uploadId=), which s3rver answers with 405: as on
// S3, 204 once the parts are freed, or 404 NoSuchUpload. First in line, before s3rver's router.
server.middleware.unshift(async (ctx, next) => {
  const uploadId = ctx.query.uploadId;
  const bucket = /^\/([^/]+)\/./.exec(ctx.path)?.[1];
  if (ctx.method !== 'DELETE' || typeof uploadId !== 'string' || !bucket) return next();
  if (!(await store.abortUpload(bucket, uploadId))) throw noSuchUpload(uploadId);
  ctx.status = 204;
});
const address = await server.run();
process.send({ port: address.port });

/**
 * Runs s3rver in its own Node process, started by s3.ts with --openssl-legacy-provider:
 * s3rver's ListObjectsV2 continuation tokens use DES, which Node only offers with that
 * flag (LOCAL-NOTES.md). Its store lists from a key index (s3rver-store.ts). Reports its
 * port over IPC and exits when the parent goes away.
 */
import S3rver from 's3rver';
import { LocalS3rverStore } from './s3rver-store.js';

const directory = process.argv[2];
if (!directory || !process.send) {
  console.error('usage: fork s3rver-process.ts <data directory> (with an IPC channel)');
  process.exit(2);
}

process.on('disconnect', () => process.exit(0));

const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
// Listings from a sorted key index, as S3 serves them, instead of a directory scan per page.
server.store = server.context.store = new LocalS3rverStore(directory);
const address = await server.run();
process.send({ port: address.port });

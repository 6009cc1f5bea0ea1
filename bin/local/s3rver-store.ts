/**
 * s3rver's store, made to answer as S3 does where the product meets it.
 *
 * Listings come from a sorted key index, so that a listing costs what it costs on S3.
 * Stock s3rver answers ListObjects by reading the names of every file in the prefix's
 * directory (three per object) and sorting them before it returns the first page: the first
 * page of a folder of 10,000 objects costs three times one of 100 (`npm run bench` measures
 * both stores). S3 serves a page from its index, whatever the prefix holds. This store keeps
 * the bucket's keys in one sorted array (UTF-8 byte order, as S3 lists), built from disk on
 * the first listing and kept current by every write and delete that goes through s3rver; a
 * page is a binary search plus the keys it returns, and a sub-folder's keys are skipped in one
 * search too.
 *
 * The answers are s3rver's, from the same files: the same objects with the same metadata,
 * common prefixes gathered along the way, and `maxKeys` counting objects only (s3rver's rule,
 * which its controller's continuation token relies on). Where stock s3rver was not S3, this
 * store is: it puts `a.txt` before `a/b` (stock s3rver walked the folder first), and it shows
 * a folder that holds only folders as a common prefix (stock s3rver left it out).
 * test/unit/local/s3rver-store.test.ts checks both against a plain model and stock s3rver.
 * Deleting keys of the same folders at once (DeleteObjects) no longer fails on the folders
 * stock s3rver tidies after each delete, so every deleted key leaves the index.
 *
 * Multipart uploads: completing one that no longer exists (completed already, cancelled, or
 * never started) answers 404 NoSuchUpload as on S3, which the API turns into a clear 404 (stock
 * s3rver failed on the missing directory with a 500); and `abortUpload` frees an upload's parts
 * for AbortMultipartUpload, which stock s3rver does not route (s3rver-process.ts routes it).
 */
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import FilesystemStore, { type ListObjectsOptions, type ListObjectsResult } from 's3rver/lib/stores/filesystem.js';
import S3Error from 's3rver/lib/models/error.js';
import S3Object from 's3rver/lib/models/object.js';

const OBJECT_SUFFIX = '._S3rver_object';

/** S3 lists keys in UTF-8 byte order; JavaScript's `<` compares UTF-16 units, which differs above U+D7FF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** First index in sorted `keys` whose key is not before `key` (`strict`: not before or equal). */
function search(keys: readonly string[], key: string, strict: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareKeys(keys[middle]!, key);
    if (order < 0 || (strict && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First index after every key that starts with `prefix` (they sit together in sorted order). */
function pastPrefix(keys: readonly string[], prefix: string, from: number): number {
  let low = from;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const key = keys[middle]!;
    if (key.startsWith(prefix) || compareKeys(key, prefix) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The keys of one bucket, sorted; insertion and removal keep them so. */
export class SortedKeys {
  readonly keys: string[];

  constructor(keys: Iterable<string>) {
    this.keys = [...new Set(keys)].sort(compareKeys);
  }

  add(key: string): void {
    const at = search(this.keys, key, false);
    if (this.keys[at] !== key) this.keys.splice(at, 0, key);
  }

  delete(key: string): void {
    const at = search(this.keys, key, false);
    if (this.keys[at] === key) this.keys.splice(at, 1);
  }

  /** One page: the keys after `startAfter` under `prefix`, and the common prefixes met on the way. */
  page(options: Required<Omit<ListObjectsOptions, 'maxKeys'>> & { maxKeys: number }) {
    const { prefix, delimiter, startAfter, maxKeys } = options;
    const keys = this.keys;
    let at = Math.max(search(keys, prefix, false), startAfter ? search(keys, startAfter, true) : 0);
    const found: string[] = [];
    const commonPrefixes: string[] = [];
    let isTruncated = false;
    while (at < keys.length) {
      const key = keys[at]!;
      if (!key.startsWith(prefix)) break;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        const common = key.slice(0, cut + delimiter.length);
        commonPrefixes.push(common);
        at = pastPrefix(keys, common, at);
        continue;
      }
      if (found.length === maxKeys) {
        isTruncated = true;
        break;
      }
      found.push(key);
      at += 1;
    }
    return { keys: found, commonPrefixes, isTruncated };
  }
}

/** Every object key stored under a bucket directory (s3rver's layout: `<key>._S3rver_object`). */
function keysOnDisk(bucketPath: string): string[] {
  let names: string[];
  try {
    names = readdirSync(bucketPath, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => name.endsWith(OBJECT_SUFFIX))
    .map((name) => FilesystemStore.decodeKeyPath(name.slice(0, -OBJECT_SUFFIX.length).split(sep).join('/')));
}

/** s3rver's upload ids are 32 hex digits; anything else is no upload (and never a path). */
const UPLOAD_ID = /^[0-9a-f]{32}$/;

export const noSuchUpload = (uploadId: string) =>
  new S3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    {
      UploadId: uploadId,
    },
  );

/** s3rver's FilesystemStore with the differences above. */
export class LocalS3rverStore extends FilesystemStore {
  readonly #indexes = new Map<string, SortedKeys>();

  /** The bucket's index, read from disk once (synchronously, so no write can slip in between). */
  #index(bucket: string): SortedKeys {
    let index = this.#indexes.get(bucket);
    if (!index) {
      index = new SortedKeys(keysOnDisk(join(this.rootDirectory, bucket)));
      this.#indexes.set(bucket, index);
    }
    return index;
  }

  override async listObjects(bucket: string, options: ListObjectsOptions): Promise<ListObjectsResult> {
    const { keys, commonPrefixes, isTruncated } = this.#index(bucket).page({
      prefix: options.prefix ?? '',
      delimiter: options.delimiter ?? '',
      startAfter: options.startAfter ?? '',
      maxKeys: options.maxKeys ?? Number.POSITIVE_INFINITY,
    });
    const metadata = await Promise.all(
      keys.map((key) =>
        this.getMetadata(bucket, key).catch((error: NodeJS.ErrnoException) => {
          // Deleted between the index and the read: gone, as in stock s3rver.
          if (error.code === 'ENOENT') return undefined;
          throw error;
        }),
      ),
    );
    return {
      objects: keys.flatMap((key, i) => (metadata[i] ? [new S3Object(bucket, key, null, metadata[i])] : [])),
      commonPrefixes,
      isTruncated,
    };
  }

  override async putObject(object: S3Object) {
    const result = await super.putObject(object);
    this.#indexes.get(object.bucket)?.add(object.key);
    return result;
  }

  /** Where s3rver keeps an open upload (its key in a file `key` there), or undefined when there is none. */
  #openUpload(bucket: string, uploadId: string): string | undefined {
    if (!UPLOAD_ID.test(uploadId)) return undefined;
    const directory = join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    return existsSync(join(directory, 'key')) ? directory : undefined;
  }

  override async putObjectMultipart(bucket: string, uploadId: string, parts: { number: number }[]) {
    if (!this.#openUpload(bucket, uploadId)) throw noSuchUpload(uploadId);
    return super.putObjectMultipart(bucket, uploadId, parts);
  }

  /** AbortMultipartUpload: frees the parts; false when there is no such upload. */
  async abortUpload(bucket: string, uploadId: string): Promise<boolean> {
    const directory = this.#openUpload(bucket, uploadId);
    if (!directory) return false;
    await rm(directory, { recursive: true, force: true });
    return true;
  }

  override async copyObject(srcBucket: string, srcKey: string, destBucket: string, destKey: string, replacementMetadata?: unknown) {
    const result = await super.copyObject(srcBucket, srcKey, destBucket, destKey, replacementMetadata);
    this.#indexes.get(destBucket)?.add(destKey);
    return result;
  }

  override async deleteObject(bucket: string, key: string) {
    try {
      await super.deleteObject(bucket, key);
    } catch (error) {
      // Stock s3rver unlinks the object's files, then removes the folders that left empty. A
      // delete running alongside in the same folders (DeleteObjects deletes its keys at once)
      // can remove such a folder first (ENOENT) or a write can refill it (ENOTEMPTY): the
      // object is gone all the same, as S3 would say, where stock s3rver answered a 500.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY') throw error;
    }
    this.#indexes.get(bucket)?.delete(key);
  }

  override async putBucket(bucket: string) {
    this.#indexes.delete(bucket);
    return super.putBucket(bucket);
  }

  override async deleteBucket(bucket: string) {
    await super.deleteBucket(bucket);
    this.#indexes.delete(bucket);
  }

  override reset() {
    this.#indexes.clear();
    super.reset();
  }
}

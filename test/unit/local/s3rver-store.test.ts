/**
 * The local runtime's s3rver store (bin/local/s3rver-store.ts) lists from a sorted key index.
 * Its pages must be the ones S3 gives (checked against a plain model of ListObjects) and the
 * ones stock s3rver gives from the same files where stock s3rver agrees with S3, through
 * writes, copies, deletes, multipart uploads and a restart; a page reads only its own objects.
 * And multipart uploads that are gone answer NoSuchUpload, as on S3; aborting frees the parts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import FilesystemStore, { type ListObjectsOptions } from 's3rver/lib/stores/filesystem.js';
import S3Object from 's3rver/lib/models/object.js';
import { LocalS3rverStore, SortedKeys, compareKeys } from '../../../bin/local/s3rver-store.js';

/** ListObjects as S3 (and s3rver) define it, by brute force: every key looked at. */
function model(keys: string[], options: { prefix: string; delimiter: string; startAfter: string; maxKeys: number }) {
  const sorted = [...new Set(keys)].sort(compareKeys);
  const found: string[] = [];
  const commonPrefixes: string[] = [];
  let isTruncated = false;
  for (const key of sorted) {
    if (compareKeys(key, options.startAfter) <= 0 || !key.startsWith(options.prefix)) continue;
    const cut = options.delimiter ? key.indexOf(options.delimiter, options.prefix.length) : -1;
    if (cut !== -1) {
      const common = key.slice(0, cut + options.delimiter.length);
      if (!commonPrefixes.includes(common)) commonPrefixes.push(common);
      continue;
    }
    if (found.length === options.maxKeys) {
      isTruncated = true;
      break;
    }
    found.push(key);
  }
  return { keys: found, commonPrefixes, isTruncated };
}

/** A small deterministic PRNG, so a failure names the case that broke. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('SortedKeys.page', () => {
  const pick = <T>(next: () => number, items: readonly T[]) => items[Math.floor(next() * items.length)]!;

  it('gives the model answer for random keys and options, paging and deep folders included', () => {
    const next = random(7);
    // Names that sort around the delimiter ('-' and '.' before '/', digits after) and non-ASCII ones.
    const names = ['a', 'a.txt', 'a-b', 'a0', 'b', 'ß', 'é.pdf', '日本', '😀', 'z', 'zz.txt', ''];
    const keys = Array.from({ length: 400 }, () =>
      Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(next, names)).join('/'),
    ).filter((key) => key !== ''); // S3 has no empty key
    const index = new SortedKeys(keys);
    const prefixes = ['', 'a', 'a/', 'a/a/', 'ß/', 'z/z', '日本/', 'nothing/'];
    for (let round = 0; round < 600; round += 1) {
      const options = {
        prefix: pick(next, prefixes),
        delimiter: pick(next, ['', '/']),
        startAfter: next() < 0.5 ? '' : pick(next, keys),
        maxKeys: pick(next, [1, 2, 5, 100, Number.POSITIVE_INFINITY]),
      };
      expect(index.page(options), JSON.stringify(options)).toEqual(model(keys, options));
    }
  });

  it('orders keys by their UTF-8 bytes, as S3 lists them', () => {
    // UTF-16 order puts U+FF01 after U+1F600's surrogates; UTF-8 order puts it before.
    const index = new SortedKeys(['😀', '\uff01', 'a/b', 'a.txt', 'a']);
    expect(index.keys).toEqual(['a', 'a.txt', 'a/b', '\uff01', '😀']);
  });

  it('stays sorted and duplicate-free through adds and deletes', () => {
    const index = new SortedKeys(['b', 'd']);
    for (const key of ['c', 'a', 'e', 'c']) index.add(key);
    index.delete('d');
    index.delete('missing');
    expect(index.keys).toEqual(['a', 'b', 'c', 'e']);
  });
});

describe('LocalS3rverStore', () => {
  const bucket = 'files-bucket';
  // s3rver makes upload ids of 32 hex digits.
  const uploadIds = ['0'.repeat(32), '1'.repeat(32), '2'.repeat(32)] as const;
  let directory: string | undefined;

  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  async function stores() {
    directory = mkdtempSync(join(tmpdir(), 's3rver-store-'));
    const indexed = new LocalS3rverStore(directory);
    await indexed.putBucket(bucket);
    return { indexed, stock: new FilesystemStore(directory), directory };
  }

  const put = (store: FilesystemStore, key: string, body = key) =>
    store.putObject(new S3Object(bucket, key, Buffer.from(body), { 'content-type': 'text/plain' }));

  /** What a ListObjectsV2 answer shows: keys, sizes, ETags, common prefixes, truncation. */
  async function listing(store: FilesystemStore, options: ListObjectsOptions) {
    const result = await store.listObjects(bucket, options);
    return {
      objects: result.objects.map((o) => [o.key, o.size, o.metadata.etag]),
      commonPrefixes: [...result.commonPrefixes].sort(),
      isTruncated: result.isTruncated,
    };
  }

  /**
   * The product's shape: owner prefixes, folders, folder markers. Every folder holds a file of
   * its own and no folder name begins a file name: the two places where stock s3rver is not S3.
   */
  const optionsToCheck: ListObjectsOptions[] = [
    { prefix: 'owner-1/', delimiter: '/', maxKeys: 1000 },
    { prefix: 'owner-1/dir-1/', delimiter: '/', maxKeys: 7 },
    { prefix: 'owner-1/dir-1/', delimiter: '/', maxKeys: 7, startAfter: 'owner-1/dir-1/file-14.txt' },
    { prefix: 'owner-1/dir-1/', maxKeys: 1 },
    { prefix: 'owner-2/', maxKeys: 1000 },
    { prefix: 'owner-1/dir-2/dir-3/', delimiter: '/', maxKeys: 1000 },
    { prefix: 'nobody/', delimiter: '/', maxKeys: 1000 },
    { maxKeys: 1000 },
  ];

  async function expectSameAsStock(indexed: FilesystemStore, stock: FilesystemStore) {
    for (const options of optionsToCheck) {
      expect(await listing(indexed, options), JSON.stringify(options)).toEqual(await listing(stock, options));
    }
  }

  it('answers as stock s3rver does from the same files, through writes, copies, deletes and a restart', async () => {
    const { indexed, stock, directory } = await stores();
    const keys = [
      'owner-1/dir-1/',
      ...Array.from({ length: 40 }, (_, i) => `owner-1/dir-1/file-${i}.txt`),
      'owner-1/dir-2/dir-3/deep.txt',
      'owner-1/dir-2/file.txt',
      'owner-1/top.txt',
      'owner-2/other.txt',
    ];
    for (const key of keys) await put(indexed, key);
    await expectSameAsStock(indexed, stock);

    await put(indexed, 'owner-1/dir-1/file-14.txt', 'a longer body than before');
    await indexed.copyObject(bucket, 'owner-1/top.txt', bucket, 'owner-1/dir-2/copied.txt');
    await indexed.deleteObject(bucket, 'owner-1/dir-1/file-3.txt');
    await indexed.deleteObject(bucket, 'owner-1/dir-2/dir-3/deep.txt');
    await expectSameAsStock(indexed, stock);
    expect((await listing(indexed, { prefix: 'owner-1/dir-2/', delimiter: '/' })).objects.map(([key]) => key)).toEqual([
      'owner-1/dir-2/copied.txt',
      'owner-1/dir-2/file.txt',
    ]);

    // A new process reads the index back from disk.
    await expectSameAsStock(new LocalS3rverStore(directory), stock);
  });

  it('deletes many keys of the same folders at once, as DeleteObjects does, and lists none of them after', async () => {
    const { indexed } = await stores();
    const keys = [
      'owner-1/tree/a.txt',
      'owner-1/tree/sub/b.txt',
      'owner-1/tree/sub/deeper/c.txt',
      'owner-1/tree/sub/deeper/d.txt',
      'owner-1/tree/empty/',
    ];
    for (let round = 0; round < 20; round += 1) {
      for (const key of keys) await put(indexed, key);
      await Promise.all(keys.map((key) => indexed.deleteObject(bucket, key)));
      expect(await listing(indexed, { prefix: 'owner-1/', delimiter: '/' }), `round ${round}`).toEqual({
        objects: [],
        commonPrefixes: [],
        isTruncated: false,
      });
    }
  });

  it('lists a multipart upload once it is completed', async () => {
    const { indexed } = await stores();
    await indexed.listObjects(bucket, { prefix: 'owner-1/' });
    await indexed.initiateUpload(bucket, 'owner-1/big.bin', uploadIds[0], { 'content-type': 'application/octet-stream' });
    await indexed.putPart(bucket, uploadIds[0], 1, Readable.from([Buffer.alloc(1024, 1)]));
    expect((await listing(indexed, { prefix: 'owner-1/' })).objects).toEqual([]);
    await indexed.putObjectMultipart(bucket, uploadIds[0], [{ number: 1 }]);
    expect((await listing(indexed, { prefix: 'owner-1/' })).objects.map(([key, size]) => [key, size])).toEqual([['owner-1/big.bin', 1024]]);
  });

  it('answers NoSuchUpload (404) to completing an upload that is gone, as S3 does', async () => {
    const { indexed } = await stores();
    await indexed.initiateUpload(bucket, 'owner-1/twice.bin', uploadIds[1], {});
    await indexed.putPart(bucket, uploadIds[1], 1, Readable.from([Buffer.from('part')]));
    await indexed.putObjectMultipart(bucket, uploadIds[1], [{ number: 1 }]);
    for (const uploadId of [uploadIds[1], 'never-started']) {
      await expect(indexed.putObjectMultipart(bucket, uploadId, [{ number: 1 }])).rejects.toMatchObject({
        code: 'NoSuchUpload',
        status: 404,
      });
    }
    expect((await listing(indexed, { prefix: 'owner-1/' })).objects.map(([key, size]) => [key, size])).toEqual([['owner-1/twice.bin', 4]]);
  });

  it('aborts an upload by freeing its parts; an upload that is gone, or an id that is not one, is no upload', async () => {
    const { indexed } = await stores();
    await indexed.initiateUpload(bucket, 'owner-1/cancelled.bin', uploadIds[2], {});
    await indexed.putPart(bucket, uploadIds[2], 1, Readable.from([Buffer.from('part')]));
    expect(await indexed.abortUpload(bucket, uploadIds[2])).toBe(true);
    expect(existsSync(join(indexed.getResourcePath(bucket, undefined, 'uploads'), uploadIds[2]))).toBe(false);
    expect(await indexed.abortUpload(bucket, uploadIds[2])).toBe(false);
    expect(await indexed.abortUpload(bucket, '../../files-bucket')).toBe(false);
    await expect(indexed.putObjectMultipart(bucket, uploadIds[2], [{ number: 1 }])).rejects.toMatchObject({ code: 'NoSuchUpload' });
    expect(existsSync(join(indexed.rootDirectory, bucket))).toBe(true);
  });

  it('forgets the keys of a bucket that is deleted', async () => {
    const { indexed } = await stores();
    await put(indexed, 'owner-1/a.txt');
    await indexed.listObjects(bucket, {});
    await indexed.deleteBucket(bucket);
    await indexed.putBucket(bucket);
    expect((await listing(indexed, {})).objects).toEqual([]);
  });

  it('reads the metadata of the page it returns and of nothing else', async () => {
    const { indexed } = await stores();
    for (let i = 0; i < 300; i += 1) await put(indexed, `owner-1/big/file-${String(i).padStart(3, '0')}.txt`);
    const reads = vi.spyOn(indexed, 'getMetadata');
    const first = await listing(indexed, { prefix: 'owner-1/big/', delimiter: '/', maxKeys: 100 });
    expect(first.objects).toHaveLength(100);
    expect(first.isTruncated).toBe(true);
    expect(reads).toHaveBeenCalledTimes(100);
  });

  it('differs from stock s3rver only where S3 does: order, and folders that hold only folders', async () => {
    const { indexed, stock } = await stores();
    await put(indexed, 'owner-1/docs/inside.txt');
    await put(indexed, 'owner-1/docs.txt');
    await put(indexed, 'owner-1/outer/inner/deep.txt');
    const keysOf = async (store: FilesystemStore) => (await listing(store, { prefix: 'owner-1/' })).objects.map(([key]) => key);
    // S3 puts a file before a folder of the same stem ('.' sorts before '/'); s3rver walked the folder first.
    expect(await keysOf(indexed)).toEqual(['owner-1/docs.txt', 'owner-1/docs/inside.txt', 'owner-1/outer/inner/deep.txt']);
    expect(await keysOf(stock)).toEqual(['owner-1/docs/inside.txt', 'owner-1/docs.txt', 'owner-1/outer/inner/deep.txt']);
    // S3 shows a folder that holds only a folder; s3rver never walked into it.
    const foldersOf = async (store: FilesystemStore) => (await listing(store, { prefix: 'owner-1/', delimiter: '/' })).commonPrefixes;
    expect(await foldersOf(indexed)).toEqual(['owner-1/docs/', 'owner-1/outer/']);
    expect(await foldersOf(stock)).toEqual(['owner-1/docs/']);
  });
});

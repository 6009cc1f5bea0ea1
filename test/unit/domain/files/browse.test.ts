import { beforeEach, describe, expect, it } from 'vitest';
import { createFolder, createFolderSchema, deleteFiles, deleteFilesSchema } from '../../../../functions/lib/domain/files/browse.js';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import { MemoryFileStore } from '../../../support/memory-adapters.js';
import { NOW, OTHER_OWNER, OWNER, failureOf } from '../../fixtures.js';

let files: MemoryFileStore;
const own = (path: string) => keyOf(OWNER.userId, path);

beforeEach(() => {
  files = new MemoryFileStore(() => NOW);
});

describe('creating a folder', () => {
  it('writes a zero-byte marker under the owner root', async () => {
    expect(await createFolder(files, OWNER.userId, 'docs/new/')).toEqual({ path: 'docs/new/', name: 'new' });
    expect(files.objects.get(own('docs/new/'))).toMatchObject({ size: 0 });
  });

  it('takes the path with or without its trailing slash and refuses bad ones', () => {
    expect(createFolderSchema.parse({ path: 'docs/new' })).toEqual({ path: 'docs/new/' });
    expect(createFolderSchema.parse({ path: 'docs/new/' })).toEqual({ path: 'docs/new/' });
    for (const path of ['', '../x', 'a/./b', 'a//b', '/a', 'a\\b', 'a\u0000b', 'x\ud800y']) {
      expect(createFolderSchema.safeParse({ path }).success, JSON.stringify(path)).toBe(false);
    }
  });

  it('is a 409 when the folder already has content or a file has its name', async () => {
    files.putObject(own('docs/report.pdf')).putObject(own('photos/cat.jpg'));
    expect(await failureOf(createFolder(files, OWNER.userId, 'photos/'))).toMatchObject({
      code: 'CONFLICT',
      message: 'A folder named "photos" already exists here.',
    });
    expect(await failureOf(createFolder(files, OWNER.userId, 'docs/report.pdf/'))).toMatchObject({
      code: 'CONFLICT',
      message: 'A file named "report.pdf" already exists here.',
    });
  });

  it('does not see other owners: the same name in their space is no conflict', async () => {
    files.putObject(keyOf(OTHER_OWNER.userId, 'shared/'));
    await expect(createFolder(files, OWNER.userId, 'shared/')).resolves.toEqual({ path: 'shared/', name: 'shared' });
  });
});

describe('deleting files and folders', () => {
  const forever = { clock: () => NOW, deadlineMs: NOW + 60_000 };

  it('removes a folder with everything below it, and only that', async () => {
    files
      .putObject(own('tree/'))
      .putObject(own('tree/a.txt'))
      .putObject(own('tree/sub/b.txt'))
      .putObject(own('treehouse.txt'))
      .putObject(own('other/c.txt'))
      .putObject(keyOf(OTHER_OWNER.userId, 'tree/theirs.txt'));
    const result = await deleteFiles({ files, ...forever }, OWNER.userId, ['tree/']);
    expect(result).toEqual({ deleted: [{ path: 'tree/', objects: 3 }], notFound: [], pending: [], deletedObjects: 3 });
    expect([...files.objects.keys()].sort()).toEqual(
      [own('other/c.txt'), own('treehouse.txt'), keyOf(OTHER_OWNER.userId, 'tree/theirs.txt')].sort(),
    );
  });

  it('removes a single file but not a folder of the same name, and reports missing paths', async () => {
    files.putObject(own('a')).putObject(own('a/inside.txt'));
    const result = await deleteFiles({ files, ...forever }, OWNER.userId, ['a', 'missing.txt', 'missing/']);
    expect(result).toEqual({ deleted: [{ path: 'a', objects: 1 }], notFound: ['missing.txt', 'missing/'], pending: [], deletedObjects: 1 });
    expect(files.objects.has(own('a/inside.txt'))).toBe(true);
  });

  it('pages through a large folder 1,000 keys at a time', async () => {
    for (let i = 0; i < 2500; i++) files.putObject(own(`big/${String(i).padStart(4, '0')}.txt`));
    const result = await deleteFiles({ files, ...forever }, OWNER.userId, ['big/']);
    expect(result.deletedObjects).toBe(2500);
    expect(files.deleteBatches).toEqual([1000, 1000, 500]);
    expect(files.objects.size).toBe(0);
  });

  it('stops at the deadline and hands back what is left as pending, which a second call finishes', async () => {
    for (let i = 0; i < 2500; i++) files.putObject(own(`big/${String(i).padStart(4, '0')}.txt`));
    files.putObject(own('later.txt'));
    let now = NOW;
    const slow = { clock: () => (now += 1000), deadlineMs: NOW + 1500 };
    const first = await deleteFiles({ files, ...slow }, OWNER.userId, ['big/', 'later.txt']);
    expect(first).toEqual({
      deleted: [{ path: 'big/', objects: 1000 }],
      notFound: [],
      pending: ['big/', 'later.txt'],
      deletedObjects: 1000,
    });
    const second = await deleteFiles({ files, ...forever }, OWNER.userId, first.pending);
    expect(second).toEqual({
      deleted: [
        { path: 'big/', objects: 1500 },
        { path: 'later.txt', objects: 1 },
      ],
      notFound: [],
      pending: [],
      deletedObjects: 1501,
    });
  });

  it('takes 1 to 1,000 distinct valid paths', () => {
    expect(deleteFilesSchema.safeParse({ paths: [] }).success).toBe(false);
    expect(deleteFilesSchema.safeParse({ paths: ['a.txt', 'a.txt'] }).success).toBe(false);
    expect(deleteFilesSchema.safeParse({ paths: ['../x'] }).success).toBe(false);
    expect(deleteFilesSchema.safeParse({ paths: Array.from({ length: 1001 }, (_, i) => `f${i}`) }).success).toBe(false);
    expect(deleteFilesSchema.safeParse({ paths: ['a.txt', 'b/'] }).success).toBe(true);
  });
});

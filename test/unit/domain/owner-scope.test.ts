import { beforeEach, describe, expect, it } from 'vitest';
import { listOwnerFiles } from '../../../functions/lib/domain/files/browse.js';
import {
  cancelManySchema,
  cancelShares,
  getOwnerShare,
  listOwnerShares,
  shareStatusQuerySchema,
} from '../../../functions/lib/domain/links/manage.js';
import { SINGLE_UPLOAD_MAX_BYTES, startUpload, uploadSchema } from '../../../functions/lib/domain/files/uploads.js';
import { keyOf } from '../../../functions/lib/domain/paths.js';
import type { FileStore } from '../../../functions/lib/domain/ports.js';
import { MemoryFileStore, MemoryShareRepository } from '../../support/memory-adapters.js';
import { DAY, MINUTE, NOW, OTHER_OWNER, OWNER, aShare, aShareId } from '../fixtures.js';

const BASE_URL = 'https://share.example.com';
let shares: MemoryShareRepository;
let files: MemoryFileStore;
const deps = (nowMs = NOW) => ({ shares, baseUrl: BASE_URL, nowMs });
const uploadDeps = (maxUploadBytes = 5 * 1024 ** 3) => ({ files, signingKey: Buffer.from('unit-test-upload-key'), maxUploadBytes });

beforeEach(() => {
  shares = new MemoryShareRepository();
  files = new MemoryFileStore(() => NOW);
});

describe("the owner's files", () => {
  beforeEach(() => {
    files
      .putObject(keyOf(OWNER.userId, 'notes.txt'), 3, '2026-02-01T10:00:00.000Z')
      .putObject(keyOf(OWNER.userId, 'docs/'), 0)
      .putObject(keyOf(OWNER.userId, 'docs/q3/report.pdf'), 2048)
      .putObject(keyOf(OWNER.userId, 'empty/'), 0)
      .putObject(keyOf(OTHER_OWNER.userId, 'theirs.txt'), 9);
  });

  it('are listed relative to their own root, folders first-class and marker objects hidden', async () => {
    const root = await listOwnerFiles(files, OWNER.userId, '', undefined);
    expect(root).toEqual({
      folders: ['docs/', 'empty/'],
      files: [{ path: 'notes.txt', name: 'notes.txt', size: 3, lastModified: '2026-02-01T10:00:00.000Z' }],
      nextCursor: null,
    });
    expect(JSON.stringify(root)).not.toContain('users/');
    expect(JSON.stringify(root)).not.toContain('theirs.txt');
  });

  it('are listed inside a folder with paths still relative to the root', async () => {
    expect(await listOwnerFiles(files, OWNER.userId, 'docs/', undefined)).toMatchObject({ folders: ['docs/q3/'], files: [] });
    expect((await listOwnerFiles(files, OWNER.userId, 'docs/q3/', undefined)).files).toEqual([
      expect.objectContaining({ path: 'docs/q3/report.pdf', name: 'report.pdf', size: 2048 }),
    ]);
    expect(await listOwnerFiles(files, OWNER.userId, 'empty/', undefined)).toEqual({ folders: [], files: [], nextCursor: null });
  });

  it('never show a folder marker as a file, whatever the store returns', async () => {
    const store: Pick<FileStore, 'list'> = {
      list: async () => ({
        folders: [],
        files: [
          { key: 'users/owner-1/docs/', size: 0, lastModified: '2026-01-01T00:00:00.000Z' },
          { key: 'users/owner-1/docs/a.txt', size: 1, lastModified: '2026-01-01T00:00:00.000Z' },
        ],
        nextCursor: 'next-page',
      }),
    };
    const page = await listOwnerFiles(store as FileStore, OWNER.userId, 'docs/', undefined);
    expect(page.files.map((f) => f.path)).toEqual(['docs/a.txt']);
    expect(page.nextCursor).toBe('next-page');
  });
});

describe('uploads', () => {
  it('give a presigned PUT for a key under the owner root', async () => {
    const result = await startUpload(
      uploadDeps(),
      OWNER.userId,
      uploadSchema.parse({ path: 'docs/new.pdf', size: 100, contentType: 'application/pdf' }),
    );
    expect(result).toMatchObject({ method: 'PUT', headers: { 'content-type': 'application/pdf' } });
    expect(files.uploads).toEqual([{ key: 'users/owner-1/docs/new.pdf', size: 100, contentType: 'application/pdf' }]);
  });

  it('take files up to 16 MiB in one PUT and refuse files over the tenant limit with 413', async () => {
    await expect(
      startUpload(uploadDeps(), OWNER.userId, uploadSchema.parse({ path: 'big.bin', size: SINGLE_UPLOAD_MAX_BYTES })),
    ).resolves.toMatchObject({ method: 'PUT' });
    await expect(startUpload(uploadDeps(100), OWNER.userId, uploadSchema.parse({ path: 'big.bin', size: 101 }))).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      status: 413,
    });
    expect(SINGLE_UPLOAD_MAX_BYTES).toBe(16 * 1024 * 1024);
  });

  it('refuse folder paths, paths out of the root and header-breaking content types', () => {
    expect(uploadSchema.safeParse({ path: 'docs/', size: 1 }).success).toBe(false);
    expect(uploadSchema.safeParse({ path: '../x', size: 1 }).success).toBe(false);
    expect(uploadSchema.safeParse({ path: 'a.txt', size: -1 }).success).toBe(false);
    expect(uploadSchema.safeParse({ path: 'a.txt', size: 1, contentType: 'text/html\r\nX-Evil: 1' }).success).toBe(false);
    expect(uploadSchema.parse({ path: 'a.txt', size: 1 }).contentType).toBe('application/octet-stream');
  });
});

describe("the owner's share links", () => {
  it('are listed newest first with status, page by page', async () => {
    for (let i = 0; i < 5; i++)
      shares.put(aShare({ id: `share-${i}`.padEnd(22, 'x'), createdAt: new Date(NOW - (5 - i) * MINUTE).toISOString() }));
    shares.put(aShare({ id: 'theirs'.padEnd(22, 'x'), ownerId: OTHER_OWNER.userId }));
    const first = await listOwnerShares(deps(), OWNER.userId, shareStatusQuerySchema.parse({ limit: '3' }));
    expect(first.shares.map((s) => s.id.slice(0, 7))).toEqual(['share-4', 'share-3', 'share-2']);
    const second = await listOwnerShares(deps(), OWNER.userId, shareStatusQuerySchema.parse({ limit: '3', cursor: first.nextCursor }));
    expect(second.shares.map((s) => s.id.slice(0, 7))).toEqual(['share-1', 'share-0']);
    expect(second.nextCursor).toBeNull();
    expect(first.shares[0]).toMatchObject({ url: `${BASE_URL}/s/${first.shares[0]!.id}`, status: 'active' });
  });

  it('are filtered by status as seen now', async () => {
    shares.put(aShare({ id: 'active'.padEnd(22, 'x') }));
    shares.put(aShare({ id: 'expired'.padEnd(22, 'x'), expiresAt: new Date(NOW - DAY).toISOString() }));
    shares.put(aShare({ id: 'cancelled'.padEnd(22, 'x'), status: 'cancelled' }));
    const ids = async (status: string) =>
      (await listOwnerShares(deps(), OWNER.userId, shareStatusQuerySchema.parse({ status }))).shares.map((s) => s.id.replace(/x+$/, ''));
    expect(await ids('active')).toEqual(['active']);
    expect(await ids('expired')).toEqual(['expired']);
    expect(await ids('cancelled')).toEqual(['cancelled']);
    expect((await ids('all')).sort()).toEqual(['active', 'cancelled', 'expired']);
  });

  it('are not visible to another owner: reading one is 404 NOT_FOUND, as for an unknown id', async () => {
    const share = shares.put(aShare());
    await expect(getOwnerShare(deps(), OWNER.userId, share.id)).resolves.toMatchObject({ id: share.id });
    await expect(getOwnerShare(deps(), OTHER_OWNER.userId, share.id)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
    await expect(getOwnerShare(deps(), OWNER.userId, aShareId())).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });

  it("are cancelled together, reporting which ids were not found; another owner's id counts as not found", async () => {
    const mine = shares.put(aShare());
    const alsoMine = shares.put(aShare());
    const theirs = shares.put(aShare({ ownerId: OTHER_OWNER.userId }));
    const unknown = aShareId();
    const result = await cancelShares(deps(), OWNER.userId, [mine.id, theirs.id, unknown, alsoMine.id, mine.id]);
    expect(result.cancelled.sort()).toEqual([mine.id, alsoMine.id].sort());
    expect(result.notFound.sort()).toEqual([theirs.id, unknown].sort());
    expect((await shares.get(mine.id))!).toMatchObject({ status: 'cancelled', cancelledAt: new Date(NOW).toISOString() });
    expect((await shares.get(theirs.id))!.status).toBe('active');
  });

  it('stay cancelled, keeping the first cancellation time, when cancelled again', async () => {
    const share = shares.put(aShare());
    await cancelShares(deps(), OWNER.userId, [share.id]);
    const again = await cancelShares(deps(NOW + DAY), OWNER.userId, [share.id]);
    expect(again.cancelled).toEqual([share.id]);
    expect((await shares.get(share.id))!.cancelledAt).toBe(new Date(NOW).toISOString());
  });

  it('are cancelled at most 100 at a time, each a well-formed id', () => {
    expect(cancelManySchema.safeParse({ ids: [] }).success).toBe(false);
    expect(cancelManySchema.safeParse({ ids: Array.from({ length: 101 }, aShareId) }).success).toBe(false);
    expect(cancelManySchema.safeParse({ ids: ['../x'] }).success).toBe(false);
    expect(cancelManySchema.safeParse({ ids: [aShareId()] }).success).toBe(true);
  });
});

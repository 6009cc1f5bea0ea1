import { beforeEach, describe, expect, it } from 'vitest';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import type { RecipientDeps } from '../../../../functions/lib/domain/recipient/access.js';
import {
  SUMMARY_MAX_OBJECTS,
  createDownload,
  listShareEntries,
  listQuerySchema,
} from '../../../../functions/lib/domain/recipient/files.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { NOW, OWNER, aShare, failureOf } from '../../fixtures.js';

/** Recipients browsing shared folders: paging, the shared item as the ceiling, deleted content. */

let shares: MemoryShareRepository;
let files: MemoryFileStore;
const security = new MemorySecurityStore();
const deps = (): RecipientDeps => ({
  shares,
  files,
  counters: security,
  outbox: security,
  signingKey: Buffer.from('files-recipient-key'),
  nowMs: NOW,
});
const own = (path: string) => keyOf(OWNER.userId, path);
const WHO = { sourceIp: '198.51.100.7', userAgent: 'test' };

beforeEach(() => {
  shares = new MemoryShareRepository();
  files = new MemoryFileStore(() => NOW);
});

const folderShare = () =>
  shares.put(
    aShare({
      items: [
        { path: 'projects/alpha/', alias: 'Alpha', kind: 'folder' },
        { path: 'notes.txt', alias: 'Notes.txt', kind: 'file', size: 5 },
      ],
    }),
  );

describe('a shared folder, page by page', () => {
  it('lists 250 files in pages of 100, sub-folders first, each entry once', async () => {
    for (let i = 0; i < 250; i++) files.putObject(own(`projects/alpha/f${String(i).padStart(3, '0')}.txt`), i);
    files.putObject(own('projects/alpha/zz/inner.txt'));
    const share = folderShare();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listShareEntries(deps(), share, 'Alpha/', cursor);
      seen.push(...page.entries.map((entry) => entry.path));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(251);
    expect(new Set(seen).size).toBe(251);
    expect(seen).toContain('Alpha/zz/');
  });

  it('never names anything above the shared folder', async () => {
    files.putObject(own('projects/secret.txt'));
    const share = folderShare();
    for (const path of ['../', 'Alpha/../', 'Alpha/./', '..']) {
      expect(listQuerySchema.safeParse({ path }).success, path).toBe(false);
    }
    for (const path of ['Beta/', 'Notes.txt/', 'alpha/']) {
      expect(await failureOf(listShareEntries(deps(), share, path, undefined)), path).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    }
  });
});

describe("the share's summary", () => {
  it('counts files and bytes of the root and of shared folders (markers left out), and says when it stopped counting', async () => {
    files
      .putObject(own('projects/alpha/a.txt'), 10)
      .putObject(own('projects/alpha/sub/b.txt'), 20)
      .putObject(own('projects/alpha/empty/'), 0);
    const share = folderShare();
    expect((await listShareEntries(deps(), share, '', undefined)).summary).toEqual({ fileCount: 3, totalBytes: 35, complete: true });
    for (let i = 0; i < SUMMARY_MAX_OBJECTS; i++) files.putObject(own(`projects/alpha/many/${i}`), 1);
    expect((await listShareEntries(deps(), share, '', undefined)).summary).toMatchObject({ complete: false });
    expect((await listShareEntries(deps(), share, 'Alpha/', undefined)).summary).toBeUndefined();
  });
});

describe('content the owner deleted after sharing', () => {
  it('says a shared folder that is gone is unavailable, while an empty one is just empty', async () => {
    const share = folderShare();
    expect(await listShareEntries(deps(), share, 'Alpha/', undefined)).toEqual({ entries: [], nextCursor: null, unavailable: true });
    files.putObject(own('projects/alpha/'), 0);
    expect(await listShareEntries(deps(), share, 'Alpha/', undefined)).toEqual({ entries: [], nextCursor: null });
  });

  it('keeps listing a deleted shared file at the root and answers its download with FILE_NOT_FOUND, without counting it', async () => {
    const share = folderShare();
    const root = await listShareEntries(deps(), share, '', undefined);
    const notes = root.entries.find((entry) => entry.name === 'Notes.txt')!;
    expect(notes).toMatchObject({ kind: 'file', size: 5 });
    const error = await failureOf(createDownload(deps(), share, notes.fileId!, WHO));
    expect(error).toMatchObject({
      code: 'FILE_NOT_FOUND',
      status: 404,
      message: 'This file is no longer available: the owner moved or deleted it.',
    });
    expect((await shares.get(share.id))!.downloadCount).toBe(0);
  });
});

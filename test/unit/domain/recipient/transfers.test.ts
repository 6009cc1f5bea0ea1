import { beforeEach, describe, expect, it } from 'vitest';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import { createTransfer, transferPage, transferSchema, type TransferDeps } from '../../../../functions/lib/domain/recipient/transfers.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { MemoryTransferStore } from '../../../support/memory-recipient.js';
import { NOW, OWNER, aShare, failureOf } from '../../fixtures.js';

/** Zip transfers in the domain, with the in-memory table and bucket. */

let shares: MemoryShareRepository;
let files: MemoryFileStore;
let transfers: MemoryTransferStore;
const security = new MemorySecurityStore();
let nowMs: number;
const deps = (): TransferDeps => ({
  shares,
  files,
  transfers,
  signingKey: Buffer.from('transfer-test-key'),
  nowMs,
  counters: security,
  outbox: security,
});
const own = (path: string) => keyOf(OWNER.userId, path);
const WHO = { sourceIp: '198.51.100.7', userAgent: 'test' };
const DEVICE = 'device-a';

beforeEach(() => {
  shares = new MemoryShareRepository();
  files = new MemoryFileStore(() => NOW);
  transfers = new MemoryTransferStore(shares);
  nowMs = NOW;
});

const folderShare = (overrides = {}) =>
  shares.put(
    aShare({
      items: [
        { path: 'projects/alpha/', alias: 'Alpha', kind: 'folder' },
        { path: 'notes.txt', alias: 'Notes.txt', kind: 'file', size: 5 },
      ],
      ...overrides,
    }),
  );

async function allPages(shareId: string, transferId: string) {
  const share = (await shares.get(shareId))!;
  const pages = [];
  let cursor: string | undefined;
  do {
    const page = await transferPage(deps(), share, DEVICE, transferId, cursor, WHO);
    pages.push(page.files);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe('creating a transfer', () => {
  it('lets exactly 3 of 20 parallel transfers through on a limit of 3, and logs each success as one download', async () => {
    files.putObject(own('notes.txt'), 5);
    const share = folderShare({ maxDownloads: 3 });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => createTransfer(deps(), share, DEVICE, ['Notes.txt'], WHO)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    for (const o of outcomes.filter((o) => o.status === 'rejected'))
      expect(o.reason).toMatchObject({ code: 'DOWNLOAD_LIMIT_REACHED', status: 403 });
    expect((await shares.get(share.id))!.downloadCount).toBe(3);
    expect(transfers.transfers.size).toBe(3);
    expect(shares.eventKinds(share.id).filter((kind) => kind === 'download')).toHaveLength(3);
  });

  it('counts the files and bytes of a folder walked 1,000 at a time, as one download with its file count', async () => {
    for (let i = 0; i < 2500; i++) files.putObject(own(`projects/alpha/f${i}.txt`), 2);
    files.putObject(own('projects/alpha/empty/'), 0);
    const share = folderShare();
    const created = await createTransfer(deps(), share, DEVICE, undefined, WHO);
    expect(created).toEqual({ transferId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), fileCount: 2501, totalBytes: 5005 });
    expect(files.listTreeCalls).toBe(3);
    expect((await shares.get(share.id))!.downloadCount).toBe(1);
    const [event] = shares.events.filter((e) => e.event.kind === 'download');
    expect(event!.event).toMatchObject({
      file: 'All files (Alpha/, Notes.txt)',
      fileCount: 2501,
      transferId: created.transferId,
      names: ['Alpha/', 'Notes.txt'],
    });
  });

  it('refuses before any walk when downloads are off or the limit is known to be used up, and logs the refusal', async () => {
    files.putObject(own('projects/alpha/a.txt'), 1);
    for (const [overrides, code] of [
      [{ allowDownload: false }, 'DOWNLOAD_DISABLED'],
      [{ maxDownloads: 2, downloadCount: 2 }, 'DOWNLOAD_LIMIT_REACHED'],
    ] as const) {
      const share = folderShare(overrides);
      expect(await failureOf(createTransfer(deps(), share, DEVICE, ['Alpha/'], WHO))).toMatchObject({ code, status: 403 });
      expect(shares.eventKinds(share.id)).toEqual([`denied:${code}`]);
    }
    expect(files.listTreeCalls).toBe(0);
    expect(transfers.transfers.size).toBe(0);
  });

  it('takes only paths of the share, and refuses ambiguous selections', async () => {
    files.putObject(own('projects/alpha/x/a.txt'), 1).putObject(own('projects/alpha/y/a.txt'), 1).putObject(own('projects/secret.txt'), 1);
    const share = folderShare();
    for (const path of ['Beta/', 'notes.txt', 'Alpha/missing.txt', 'Alpha/none/']) {
      expect(await failureOf(createTransfer(deps(), share, DEVICE, [path], WHO)), path).toMatchObject({ status: 404 });
    }
    for (const paths of [['../secret.txt'], ['Alpha/../x'], []])
      expect(transferSchema.safeParse({ paths }).success, String(paths)).toBe(false);
    expect(await failureOf(createTransfer(deps(), share, DEVICE, ['Alpha/x/a.txt', 'Alpha/y/a.txt'], WHO))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await failureOf(createTransfer(deps(), share, DEVICE, ['Alpha/', 'Alpha/x/a.txt'], WHO))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await shares.get(share.id))!.downloadCount).toBe(0);
  });
});

describe("a transfer's pages", () => {
  it('give 100 files a page with zip paths (one folder: its contents at the root), each a presigned attachment', async () => {
    for (let i = 0; i < 230; i++) files.putObject(own(`projects/alpha/sub/f${String(i).padStart(3, '0')}.txt`), 3);
    const share = folderShare();
    const { transferId } = await createTransfer(deps(), share, DEVICE, ['Alpha/sub/'], WHO);
    const pages = await allPages(share.id, transferId);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 30]);
    expect(pages[0]![0]).toEqual({ path: 'f000.txt', size: 3, url: expect.stringContaining('/projects/alpha/sub/f000.txt') });
    expect(files.downloads.every((d) => d.disposition.startsWith('attachment;'))).toBe(true);
    // Listing asked S3 for no more than a page each time.
    expect(files.listTreeCalls).toBeLessThanOrEqual(1 + 3);
  });

  it('are readable by the device that made the transfer, within its hour, while downloads are on', async () => {
    files.putObject(own('notes.txt'), 5);
    const share = folderShare();
    const { transferId } = await createTransfer(deps(), share, DEVICE, ['Notes.txt'], WHO);
    expect(await failureOf(transferPage(deps(), share, 'device-b', transferId, undefined, WHO))).toMatchObject({
      code: 'TRANSFER_NOT_FOUND',
      status: 404,
    });
    expect(await failureOf(transferPage(deps(), share, DEVICE, 'A'.repeat(22), undefined, WHO))).toMatchObject({
      code: 'TRANSFER_NOT_FOUND',
    });
    expect(await failureOf(transferPage(deps(), share, DEVICE, transferId, 'bm90LWEtY3Vyc29y', WHO))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const off = (await shares.get(share.id))!;
    off.allowDownload = false;
    expect(await failureOf(transferPage(deps(), off, DEVICE, transferId, undefined, WHO))).toMatchObject({ code: 'DOWNLOAD_DISABLED' });
    nowMs = NOW + 3600_000;
    expect(await failureOf(transferPage(deps(), share, DEVICE, transferId, undefined, WHO))).toMatchObject({
      code: 'TRANSFER_EXPIRED',
      status: 410,
    });
    nowMs = NOW + 3599_000;
    expect((await transferPage(deps(), share, DEVICE, transferId, undefined, WHO)).files).toEqual([
      { path: 'Notes.txt', size: 5, url: expect.any(String) },
    ]);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { keyOf } from '../../../../functions/lib/domain/paths.js';
import { encodeFileId } from '../../../../functions/lib/domain/recipient/files.js';
import {
  PREVIEW_MAX_INPUT_BYTES,
  createPreview,
  createThumbnail,
  watermarkLines,
  type PreviewDeps,
} from '../../../../functions/lib/domain/recipient/previews.js';
import { renderLimits } from '../../../../functions/lib/render/index.js';
import type { ShareItem } from '../../../../functions/lib/domain/share.js';
import { MemoryFileStore, MemorySecurityStore, MemoryShareRepository } from '../../../support/memory-adapters.js';
import { FakeRenderer, MemoryPreviewCache } from '../../../support/memory-recipient.js';
import { NOW, OWNER, aShare, failureOf } from '../../fixtures.js';

/** Previews in the domain: originals only while downloads are allowed, renders (cached) otherwise. */

let shares: MemoryShareRepository;
let files: MemoryFileStore;
let cache: MemoryPreviewCache;
const security = new MemorySecurityStore();
let renderer: FakeRenderer;
let nowMs: number;
const deps = (): PreviewDeps => ({
  shares,
  files,
  previews: cache,
  renderer,
  signingKey: Buffer.from('preview-test-key'),
  nowMs,
  counters: security,
  outbox: security,
});
const WHO = { sourceIp: '198.51.100.7', userAgent: 'test' };
const OTHER = { sourceIp: '203.0.113.9', userAgent: 'test' };

const items: ShareItem[] = [
  { path: 'photo.jpg', alias: 'photo.jpg', kind: 'file', size: 10 },
  { path: 'scan.pdf', alias: 'scan.pdf', kind: 'file', size: 10 },
  { path: 'clip.mp4', alias: 'clip.mp4', kind: 'file', size: 10 },
  { path: 'notes.md', alias: 'notes.md', kind: 'file', size: 10 },
  { path: 'page.html', alias: 'page.html', kind: 'file', size: 10 },
  { path: 'empty.png', alias: 'empty.png', kind: 'file', size: 0 },
];
const id = (alias: string) => encodeFileId(items.findIndex((item) => item.alias === alias));

beforeEach(() => {
  shares = new MemoryShareRepository();
  files = new MemoryFileStore(() => NOW);
  cache = new MemoryPreviewCache();
  renderer = new FakeRenderer(cache);
  nowMs = NOW;
  for (const item of items) files.putObject(keyOf(OWNER.userId, item.path), item.size);
});

describe('with downloads allowed', () => {
  it('serves images, text and media as the original, inline, without the renderer; PDFs are rendered pages', async () => {
    const share = shares.put(aShare({ items }));
    for (const [name, kind] of [
      ['photo.jpg', 'image'],
      ['notes.md', 'text'],
      ['clip.mp4', 'video'],
    ] as const) {
      expect(await createPreview(deps(), share, id(name), undefined, WHO), name).toMatchObject({ kind, rendered: false });
    }
    expect(files.downloads.map((d) => d.disposition.split(';')[0])).toEqual(['inline', 'inline', 'inline']);
    expect(renderer.jobs).toEqual([]);
    expect(await createPreview(deps(), share, id('scan.pdf'), 2, WHO)).toMatchObject({ kind: 'pdf', rendered: true, pageCount: 3 });
    expect(renderer.jobs).toEqual([expect.objectContaining({ sourceKey: keyOf(OWNER.userId, 'scan.pdf'), page: 2, maxSide: 2048 })]);
    expect(shares.eventKinds(share.id)).toEqual(['preview', 'preview', 'preview', 'preview']);
    expect((await shares.get(share.id))!.downloadCount).toBe(0);
  });

  it('never previews HTML, and says so with 415', async () => {
    const share = shares.put(aShare({ items }));
    expect(await failureOf(createPreview(deps(), share, id('page.html'), undefined, WHO))).toMatchObject({
      code: 'PREVIEW_UNAVAILABLE',
      status: 415,
    });
  });
});

describe('secure view (downloads off, or the limit reached)', () => {
  for (const [label, overrides] of [
    ['downloads off', { allowDownload: false }],
    ['limit reached', { maxDownloads: 1, downloadCount: 1 }],
  ] as const) {
    it(`never presigns the original (${label}): a render under previews/, made once per recipient and hour`, async () => {
      const share = shares.put(aShare({ items, ...overrides }));
      const first = await createPreview(deps(), share, id('photo.jpg'), undefined, WHO);
      expect(first).toMatchObject({ kind: 'image', rendered: true, pageCount: 3, url: expect.stringContaining('/previews/') });
      await createPreview(deps(), share, id('photo.jpg'), undefined, WHO);
      expect(renderer.jobs).toHaveLength(1);
      expect(renderer.jobs[0]!.targetKey).toMatch(new RegExp(`^previews/${share.id}/[A-Za-z0-9_-]{43}\\.webp$`));
      // Another recipient, or the next hour, gets a render of their own (the watermark differs).
      await createPreview(deps(), share, id('photo.jpg'), undefined, OTHER);
      nowMs = NOW + 3600_000;
      await createPreview(deps(), share, id('photo.jpg'), undefined, WHO);
      expect(new Set(renderer.jobs.map((job) => job.targetKey)).size).toBe(3);
      expect(files.downloads).toEqual([]);
      expect(cache.presigned.every((p) => p.contentType === 'image/webp' && p.disposition.startsWith('inline;'))).toBe(true);
    });
  }

  it('refuses video and audio with 415 and passes the renderer’s refusals on', async () => {
    const share = shares.put(aShare({ items, allowDownload: false }));
    expect(await failureOf(createPreview(deps(), share, id('clip.mp4'), undefined, WHO))).toMatchObject({
      code: 'PREVIEW_UNAVAILABLE',
      status: 415,
    });
    expect(await failureOf(createPreview(deps(), share, id('empty.png'), undefined, WHO))).toMatchObject({
      code: 'PREVIEW_FAILED',
      status: 422,
    });
    renderer.outcome = {
      ok: false,
      code: 'PREVIEW_PAGE_OUT_OF_RANGE',
      reason: 'PAGE_OUT_OF_RANGE',
      message: 'This PDF has 3 pages; page 9 does not exist.',
      pageCount: 3,
    };
    expect(await failureOf(createPreview(deps(), share, id('scan.pdf'), 9, WHO))).toMatchObject({
      code: 'PREVIEW_PAGE_OUT_OF_RANGE',
      status: 400,
      message: 'This PDF has 3 pages; page 9 does not exist.',
    });
    expect(files.downloads).toEqual([]);
    expect(shares.eventKinds(share.id)).toEqual([]);
  });

  it('makes 256 px thumbnails, not logged; originals as thumbnails only while downloads are allowed', async () => {
    const locked = shares.put(aShare({ items, allowDownload: false }));
    expect(await createThumbnail(deps(), locked, id('photo.jpg'), WHO)).toEqual({
      url: expect.stringContaining('/previews/'),
      expiresAt: expect.any(String),
    });
    expect(renderer.jobs[0]).toMatchObject({ maxSide: 256, page: 1 });
    expect(files.downloads).toEqual([]);
    const open = shares.put(aShare({ items }));
    expect((await createThumbnail(deps(), open, id('photo.jpg'), WHO)).url).toContain('/photo.jpg');
    expect(await failureOf(createThumbnail(deps(), open, id('notes.md'), WHO))).toMatchObject({ code: 'PREVIEW_UNAVAILABLE' });
    expect([...shares.eventKinds(locked.id), ...shares.eventKinds(open.id)]).toEqual([]);
  });
});

describe('the watermark', () => {
  it('names the recipient client and the hour, and the input limit is the renderer’s', () => {
    expect(watermarkLines(deps(), WHO)).toEqual([expect.stringMatching(/^Recipient [A-Za-z0-9_-]{10}$/), 'Viewed 2026-03-01 12:00 UTC']);
    expect(watermarkLines(deps(), OTHER)[0]).not.toBe(watermarkLines(deps(), WHO)[0]);
    expect(PREVIEW_MAX_INPUT_BYTES).toBe(renderLimits.maxInputBytes);
  });
});

import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { RenderStore } from '../../../functions/lib/domain/ports.js';
import { runRenderJob } from '../../../functions/lib/domain/renderer/job.js';
import { closeRenderer, renderPreview } from '../../../functions/lib/render/index.js';
import { makeJpeg, makePdf } from './fixtures.js';

/** The renderer function's job with the real renderer and a bucket in memory. */

class MemoryRenderStore implements RenderStore {
  readonly objects = new Map<string, { bytes: Uint8Array; contentType?: string }>();
  readonly written = new Map<string, { bytes: Uint8Array; contentType: string; pageCount: number }>();
  async read(key: string, maxBytes: number) {
    const object = this.objects.get(key);
    if (!object) return 'missing' as const;
    return object.bytes.byteLength > maxBytes ? ('too-large' as const) : object;
  }
  async write(key: string, bytes: Uint8Array, contentType: string, pageCount: number) {
    this.written.set(key, { bytes, contentType, pageCount });
  }
}

afterAll(() => closeRenderer());

const job = (overrides = {}) => ({
  sourceKey: 'users/u1/a/photo.jpg',
  targetKey: 'previews/share1/abc.webp',
  name: 'photo.jpg',
  page: 1,
  maxSide: 2048,
  watermark: ['Recipient abc', 'Viewed 2026-03-01 12:00 UTC'],
  ...overrides,
});

describe('a render job', () => {
  it('stores a new WebP under previews/ with its page count, and answers ok', async () => {
    const store = new MemoryRenderStore();
    store.objects.set('users/u1/a/report.pdf', { bytes: makePdf({ pages: 4 }), contentType: 'application/pdf' });
    const outcome = await runRenderJob(
      { store, render: renderPreview },
      job({ sourceKey: 'users/u1/a/report.pdf', name: 'report.pdf', page: 2 }),
    );
    expect(outcome).toEqual({ ok: true, pageCount: 4 });
    const written = store.written.get('previews/share1/abc.webp')!;
    expect(written).toMatchObject({ contentType: 'image/webp', pageCount: 4 });
    expect((await sharp(Buffer.from(written.bytes)).metadata()).format).toBe('webp');
  });

  it('answers refusals (corrupt, missing, too large, page out of range) instead of throwing, and writes nothing', async () => {
    const store = new MemoryRenderStore();
    store.objects.set('users/u1/a/photo.jpg', { bytes: Buffer.from('%PDF-1.4 broken'), contentType: 'application/pdf' });
    store.objects.set('users/u1/a/small.jpg', { bytes: await makeJpeg(300, 200) });
    const run = (overrides: object) => runRenderJob({ store, render: renderPreview }, job(overrides));
    expect(await run({ name: 'broken.pdf' })).toMatchObject({ ok: false, code: 'PREVIEW_FAILED', reason: 'CORRUPT' });
    expect(await run({ sourceKey: 'users/u1/a/gone.jpg' })).toMatchObject({ ok: false, code: 'FILE_NOT_FOUND' });
    expect(await run({ sourceKey: 'users/u1/a/small.jpg', page: 2 })).toMatchObject({
      ok: false,
      code: 'PREVIEW_PAGE_OUT_OF_RANGE',
      pageCount: 1,
    });
    const tiny = { read: (key: string) => store.read(key, 10), write: store.write.bind(store) };
    expect(await runRenderJob({ store: tiny, render: renderPreview }, job({ sourceKey: 'users/u1/a/small.jpg' }))).toMatchObject({
      ok: false,
      code: 'PREVIEW_FAILED',
      reason: 'TOO_LARGE',
    });
    expect(store.written.size).toBe(0);
  });

  it('refuses keys outside users/ to read and previews/ to write', async () => {
    const store = new MemoryRenderStore();
    for (const overrides of [{ sourceKey: 'previews/x.webp' }, { targetKey: 'users/u1/overwrite.jpg' }, { sourceKey: 'users/../secret' }]) {
      await expect(runRenderJob({ store, render: renderPreview }, job(overrides))).rejects.toThrow();
    }
  });
});

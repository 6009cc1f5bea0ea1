/**
 * Previews against the local runtime, through the renderer function behind the local Lambda
 * Invoke API: secure view never hands out the original (a new, smaller WebP under previews/,
 * answered from the cache the second time), PDFs page by page, video refused, previews never
 * counted, and bad inputs refused with 415/422 rather than a 5xx.
 */
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg, makePdf, makePngBomb } from '../unit/render/fixtures.js';
import { call, deviceId, signIn, upload, uniquePath } from './client.js';
import { inject } from 'vitest';

let owner: string;

beforeAll(async () => {
  owner = await signIn(inject('demoEmail'), inject('demoPassword'));
});

interface Opened {
  id: string;
  token: string;
  fileIds: Map<string, string>;
}

/** Uploads the files, shares them (no password) and returns a recipient token and the file ids by alias. */
async function shareFiles(
  files: { name: string; bytes: Uint8Array; type?: string }[],
  options: { allowDownload?: boolean; maxDownloads?: number } = {},
): Promise<Opened> {
  const items = [];
  for (const file of files) {
    const path = uniquePath(file.name);
    await upload(owner, path, file.bytes, file.type);
    items.push({ path, alias: file.name });
  }
  const created = await call('POST', '/api/shares', {
    token: owner,
    body: { items, allowDownload: options.allowDownload ?? true, maxDownloads: options.maxDownloads ?? null, password: { mode: 'none' } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const access = await call('POST', `/api/public/shares/${created.body.id}/access`, { body: { deviceId: deviceId() } });
  expect(access.status).toBe(200);
  const listing = await call('GET', `/api/public/shares/${created.body.id}/files`, { token: access.body.token });
  const fileIds = new Map<string, string>(
    listing.body.entries.map((entry: { name: string; fileId: string }) => [entry.name, entry.fileId]),
  );
  return { id: created.body.id, token: access.body.token, fileIds };
}

const preview = (opened: Opened, name: string, page?: number) =>
  call('POST', `/api/public/shares/${opened.id}/previews`, {
    token: opened.token,
    body: { fileId: opened.fileIds.get(name), ...(page === undefined ? {} : { page }) },
  });

async function fetchBytes(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), response };
}

const downloadCount = async (id: string) => (await call('GET', `/api/shares/${id}`, { token: owner })).body.downloadCount as number;
const eventKinds = async (id: string) =>
  (await call('GET', `/api/shares/${id}/events`, { token: owner })).body.events.map((event: { kind: string }) => event.kind) as string[];

describe('secure view (downloads off)', () => {
  it('renders an image into a new, smaller, watermarked WebP under previews/, and answers the repeat from the cache', async () => {
    const photo = await makeJpeg(3000, 2000);
    const opened = await shareFiles([{ name: 'photo.jpg', bytes: photo, type: 'image/jpeg' }], { allowDownload: false });
    const first = await preview(opened, 'photo.jpg');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ kind: 'image', rendered: true, pageCount: 1, url: expect.stringContaining('/previews/') });
    expect(first.body.url).not.toContain('/users/');
    expect(first.body.watermark).toEqual([
      expect.stringMatching(/^Recipient \S{10}$/),
      expect.stringMatching(/^Viewed \d{4}-\d\d-\d\d \d\d:00 UTC$/),
    ]);
    const { bytes, response } = await fetchBytes(first.body.url);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('content-disposition')).toMatch(/^inline;/);
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width, meta.height)).toBe(2048);
    expect(bytes.equals(photo)).toBe(false);

    // The same recipient in the same hour: the same stored render, not a second one.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await preview(opened, 'photo.jpg');
    expect(second.status).toBe(200);
    const key = (url: string) => new URL(url).pathname;
    expect(key(second.body.url)).toBe(key(first.body.url));
    const again = await fetchBytes(second.body.url);
    expect(again.response.headers.get('last-modified')).toBe(response.headers.get('last-modified'));
    expect(again.bytes.equals(bytes)).toBe(true);
  });

  it('renders page N of M of a PDF, and says which pages exist', async () => {
    const opened = await shareFiles([{ name: 'report.pdf', bytes: makePdf({ pages: 5 }), type: 'application/pdf' }], {
      allowDownload: false,
    });
    const page3 = await preview(opened, 'report.pdf', 3);
    expect(page3.status, JSON.stringify(page3.body)).toBe(200);
    expect(page3.body).toMatchObject({ kind: 'pdf', rendered: true, pageCount: 5 });
    const page1 = await preview(opened, 'report.pdf');
    expect(page1.body.pageCount).toBe(5);
    expect(new URL(page1.body.url).pathname).not.toBe(new URL(page3.body.url).pathname);
    expect((await sharp((await fetchBytes(page3.body.url)).bytes).metadata()).format).toBe('webp');
    const beyond = await preview(opened, 'report.pdf', 6);
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.code).toBe('PREVIEW_PAGE_OUT_OF_RANGE');
  });

  it('refuses video and audio with 415, and shows text as rendered pages', async () => {
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(64, 1)]);
    const opened = await shareFiles(
      [
        { name: 'clip.mp4', bytes: mp4, type: 'video/mp4' },
        { name: 'song.mp3', bytes: Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64, 2)]), type: 'audio/mpeg' },
        { name: 'notes.md', bytes: Buffer.from('# Notes\n\nSome *text* here.\n'), type: 'text/markdown' },
      ],
      { allowDownload: false },
    );
    for (const name of ['clip.mp4', 'song.mp3']) {
      const refused = await preview(opened, name);
      expect(refused.status, name).toBe(415);
      expect(refused.body.error.code).toBe('PREVIEW_UNAVAILABLE');
    }
    const text = await preview(opened, 'notes.md');
    expect(text.status, JSON.stringify(text.body)).toBe(200);
    expect(text.body).toMatchObject({ kind: 'text', rendered: true, pageCount: 1 });
    expect((await fetchBytes(text.body.url)).response.headers.get('content-type')).toBe('image/webp');
  });

  it('answers bad inputs with 415 or 422 in bounded time, never a 5xx', async () => {
    const opened = await shareFiles(
      [
        { name: 'corrupt.pdf', bytes: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'), type: 'application/pdf' },
        { name: 'locked.pdf', bytes: makePdf({ pages: 2, encrypt: { userPassword: 'open-sesame', ownerPassword: 'x' } }) },
        { name: 'empty.png', bytes: new Uint8Array(0), type: 'image/png' },
        { name: 'bomb.png', bytes: makePngBomb(), type: 'image/png' },
        { name: 'not-a-photo.jpg', bytes: Buffer.from('just some text, named as a photo\n'), type: 'image/jpeg' },
        { name: 'archive.zip', bytes: Buffer.from('PK\u0003\u0004rest'), type: 'application/zip' },
      ],
      { allowDownload: false },
    );
    const expected: Record<string, [number, string]> = {
      'corrupt.pdf': [422, 'PREVIEW_FAILED'],
      'locked.pdf': [422, 'PREVIEW_FAILED'],
      'empty.png': [422, 'PREVIEW_FAILED'],
      'bomb.png': [422, 'PREVIEW_FAILED'],
      'not-a-photo.jpg': [422, 'PREVIEW_FAILED'],
      'archive.zip': [415, 'PREVIEW_UNAVAILABLE'],
    };
    for (const [name, [status, code]] of Object.entries(expected)) {
      const started = Date.now();
      const reply = await preview(opened, name);
      expect([reply.status, reply.body.error?.code], name).toEqual([status, code]);
      expect(reply.body.error.message, name).toMatch(/\S/);
      expect(Date.now() - started, name).toBeLessThan(15_000);
    }
  });
});

describe('previews and the download limit', () => {
  it('serves the original inline while downloads are allowed, and never counts a preview', async () => {
    const photo = await makeJpeg(800, 600);
    const opened = await shareFiles([{ name: 'small.jpg', bytes: photo, type: 'image/jpeg' }], { maxDownloads: 1 });
    const shown = await preview(opened, 'small.jpg');
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ kind: 'image', rendered: false });
    expect(shown.body.pageCount).toBeUndefined();
    const { bytes, response } = await fetchBytes(shown.body.url);
    expect(bytes.equals(photo)).toBe(true);
    expect(response.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(await downloadCount(opened.id)).toBe(0);
    expect(await eventKinds(opened.id)).toContain('preview');
  });

  it('switches to secure view once the limit is used up: a render, not the original, and still not counted', async () => {
    const photo = await makeJpeg(800, 600);
    const opened = await shareFiles([{ name: 'once.jpg', bytes: photo, type: 'image/jpeg' }], { maxDownloads: 1 });
    const download = await call('POST', `/api/public/shares/${opened.id}/downloads`, {
      token: opened.token,
      body: { fileId: opened.fileIds.get('once.jpg') },
    });
    expect(download.status).toBe(200);
    const shown = await preview(opened, 'once.jpg');
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    expect(shown.body).toMatchObject({ kind: 'image', rendered: true });
    expect((await fetchBytes(shown.body.url)).bytes.equals(photo)).toBe(false);
    expect(await downloadCount(opened.id)).toBe(1);
    // Thumbnails follow the same rule: a small render, not the original.
    const thumb = await call('POST', `/api/public/shares/${opened.id}/thumbnails`, {
      token: opened.token,
      body: { fileId: opened.fileIds.get('once.jpg') },
    });
    expect(thumb.status).toBe(200);
    const meta = await sharp((await fetchBytes(thumb.body.url)).bytes).metadata();
    expect([meta.format, Math.max(meta.width, meta.height)]).toEqual(['webp', 256]);
  });
});

/**
 * The recipient page of issue 10 in Chromium against the local runtime: a zip of a shared folder
 * on a link limited to one download, then "limit reached" before any byte; every viewer opened
 * and closed by keyboard with the focus back on its row; secure view with the watermark; the
 * phone layout; a device-bound link answered before the password. Pages report their own
 * errors and CSP violations (support.ts), and every test ends expecting none.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import { makePdf } from '../unit/render/fixtures.js';
import { adminEmail, apiToken, demoEmail, eventually, restoreTenantDefaults, shot, testId, useBrowser } from './support.js';

const browser = useBrowser({ timeout: 20_000 });
let owner: string;

beforeAll(async () => {
  owner = await apiToken(demoEmail);
});
afterAll(async () => {
  await restoreTenantDefaults();
});

const run = () => `rv-${randomBytes(3).toString('hex')}`;

/** A short WAV (silence), a real file the browser's player can open. */
function wav(seconds = 1, rate = 8000): Buffer {
  const data = Buffer.alloc(seconds * rate);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data.fill(128)]);
}

const photo = (r: number, g: number, b: number) =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

/** Uploads the files under a fresh folder and shares it (no password); returns the link. */
async function shareFolder(files: Record<string, Uint8Array>, options: Record<string, unknown> = {}) {
  const root = `${run()}/`;
  for (const [name, bytes] of Object.entries(files)) await upload(owner, `${root}${name}`, bytes);
  const created = await call('POST', '/api/shares', {
    token: owner,
    body: { items: [{ path: root, alias: 'Holiday' }], password: { mode: 'none' }, ...options },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { link: created.body.url as string, id: created.body.id as string };
}

async function openLink(context: BrowserContext, who: string, link: string): Promise<Page> {
  const page = await browser.newPage(context, who);
  await page.goto(link);
  await page.click(testId('unlock-submit'));
  await page.waitForSelector(testId('share-files'));
  return page;
}

/** Opens a file's viewer from its row by keyboard, and returns the viewer. */
async function openByKeyboard(page: Page, name: string) {
  await page.focus(`${testId('preview-button')}[data-name="${name}"]`);
  await page.keyboard.press('Enter');
  const viewer = page.locator(testId('viewer'));
  await viewer.waitFor();
  await eventually(() => viewer.locator(testId('viewer-title')).textContent()).toBe(name);
  return viewer;
}

/** Escape closes the viewer and the focus is back on the row that opened it. */
async function closeByKeyboard(page: Page, name: string) {
  await page.keyboard.press('Escape');
  await page.locator(testId('viewer')).waitFor({ state: 'detached' });
  await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-name'))).toBe(name);
}

describe('the recipient page', () => {
  it('zips a shared folder on a link limited to one download, then says "limit reached" before any byte moves', async () => {
    const files = { 'a.txt': Buffer.from('first\n'), 'deep/b.bin': randomBytes(40_000) };
    const { link } = await shareFolder(files, { maxDownloads: 1 });
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    await context.addInitScript(() => {
      (window as any).showSaveFilePicker = async () => {
        const zip = { chunks: [] as Uint8Array[], closed: false };
        (window as any).__zip = zip;
        return {
          createWritable: async () =>
            new WritableStream<Uint8Array>({
              write: (chunk) => void zip.chunks.push(chunk.slice()),
              close: () => void (zip.closed = true),
            }),
        };
      };
    });
    try {
      const page = await openLink(context, 'recipient-zip', link);
      await eventually(() => page.textContent(testId('share-counts'))).toMatch(/^2 files · 39\.\d KB$/);
      await page.click(`${testId('share-folder')}:has-text("Holiday")`);
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("a.txt")`);
      await page.click(testId('download-folder'));
      await page.waitForFunction(() => (window as any).__zip?.closed === true);
      const size = await page.evaluate(() => ((window as any).__zip.chunks as Uint8Array[]).reduce((sum, c) => sum + c.byteLength, 0));
      expect(size).toBeGreaterThan(40_006);
      await eventually(() => page.textContent(testId('download-note'))).toMatch(/^Saved “Holiday\.zip”: 2 files, 39\.\d KB\.$/);

      // The limit is used up: the next zip is refused by the API before anything is fetched.
      const storage: string[] = [];
      page.on('request', (request) => {
        if (!request.url().includes('/api/')) storage.push(request.url());
      });
      await page.evaluate(() => delete (window as any).__zip);
      await page.click(testId('download-folder'));
      await eventually(() => page.textContent(testId('download-note'))).toBe(
        'The download limit for this link has been reached. Nothing was downloaded.',
      );
      await page.waitForSelector(testId('limit-reached'));
      expect(await page.locator(testId('download-button')).count()).toBe(0);
      expect(await page.locator(testId('download-folder')).count()).toBe(0);
      expect(storage.filter((url) => /\/(a\.txt|b\.bin)/.test(url))).toEqual([]);
      await shot(page, '40-recipient-limit-reached');
      // Moving to another folder clears the notice: it belonged to where it was given.
      await page.click(`${testId('share-breadcrumbs')} button:text-is("All files")`);
      await page.locator(testId('download-note')).waitFor({ state: 'detached' });
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens and closes every viewer by keyboard, with next/previous, a PDF pager and Markdown made safe', async () => {
    const markdown =
      '# Trip notes\n\n<script>window.__owned = true</script>\n\n| day | km |\n|:---|---:|\n| Mon | 12 |\n\n[site](javascript:alert(1)) ![map](https://elsewhere.example/map.png)\n';
    const { link } = await shareFolder({
      '1-beach.jpg': await photo(30, 120, 200),
      '2-hills.jpg': await photo(60, 160, 60),
      'guide.pdf': makePdf({ pages: 3 }),
      'notes.md': Buffer.from(markdown),
      'plain.txt': Buffer.from('Just text.\n'),
      'sound.wav': wav(),
    });
    const context = await browser.newContext({ viewport: { width: 1200, height: 850 } });
    try {
      const page = await openLink(context, 'recipient-viewers', link);
      await page.click(`${testId('share-folder')}:has-text("Holiday")`);
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("sound.wav")`);
      // Image rows get thumbnails (the originals, lazily, while downloads are allowed); other rows a type icon.
      await eventually(() => page.locator(testId('entry-thumbnail')).count()).toBe(2);
      expect(await page.getAttribute(`${testId('share-entry')}[data-file-kind="pdf"] svg`, 'data-kind')).toBe('pdf');

      let viewer = await openByKeyboard(page, '1-beach.jpg');
      await viewer.locator(`${testId('viewer-image')}[src*="1-beach.jpg"]`).waitFor();
      await page.keyboard.press('ArrowRight');
      await eventually(() => viewer.locator(testId('viewer-title')).textContent()).toBe('2-hills.jpg');
      await viewer.locator(`${testId('viewer-image')}[src*="2-hills.jpg"]`).waitFor();
      await page.keyboard.press('ArrowLeft');
      await eventually(() => viewer.locator(testId('viewer-title')).textContent()).toBe('1-beach.jpg');
      await shot(page, '41-viewer-image');
      await closeByKeyboard(page, '1-beach.jpg');

      viewer = await openByKeyboard(page, 'guide.pdf');
      await eventually(() => viewer.locator(testId('pager-status')).textContent()).toBe('Page 1 of 3');
      await viewer.locator(testId('pager-next')).focus();
      await page.keyboard.press('Enter');
      await eventually(() => viewer.locator(testId('pager-status')).textContent()).toBe('Page 2 of 3');
      await viewer.locator(`${testId('viewer-image')}[alt="guide.pdf, page 2 of 3"]`).waitFor();
      await shot(page, '42-viewer-pdf');
      await closeByKeyboard(page, 'guide.pdf');

      viewer = await openByKeyboard(page, 'notes.md');
      const article = viewer.locator(testId('viewer-markdown'));
      await article.waitFor();
      expect(await article.locator('h1').textContent()).toBe('Trip notes');
      expect(await article.locator('td.align-right').textContent()).toBe('12');
      expect(await article.locator('script, img, [style]').count()).toBe(0);
      expect(await article.textContent()).toContain('<script>');
      expect(await article.locator('a[href^="javascript"]').count()).toBe(0);
      expect(await page.evaluate(() => (window as any).__owned)).toBeUndefined();
      await closeByKeyboard(page, 'notes.md');

      viewer = await openByKeyboard(page, 'plain.txt');
      await eventually(() => viewer.locator(testId('viewer-text')).textContent()).toBe('Just text.\n');
      await closeByKeyboard(page, 'plain.txt');

      viewer = await openByKeyboard(page, 'sound.wav');
      await viewer.locator(`audio${testId('viewer-media')}`).waitFor();
      await eventually(() => viewer.locator('audio').evaluate((audio: HTMLAudioElement) => audio.readyState)).toBeGreaterThan(0);
      await closeByKeyboard(page, 'sound.wav');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows secure view when downloads are off: watermarked renders and thumbnails, never the original, no media viewer', async () => {
    const { link } = await shareFolder(
      { 'secret.jpg': await photo(200, 40, 40), 'brief.pdf': makePdf({ pages: 2 }), 'clip.mp4': randomBytes(2000) },
      { allowDownload: false },
    );
    const context = await browser.newContext({ viewport: { width: 1200, height: 850 } });
    try {
      const page = await openLink(context, 'recipient-secure', link);
      await page.waitForSelector(testId('downloads-off'));
      await page.click(`${testId('share-folder')}:has-text("Holiday")`);
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("secret.jpg")`);
      await eventually(() => page.getAttribute(testId('entry-thumbnail'), 'src')).toContain('/previews/');
      // Video has nothing to show in secure view: no viewer opens from its row.
      expect(await page.locator(`${testId('preview-button')}[data-name="clip.mp4"]`).count()).toBe(0);
      expect(await page.locator(testId('download-button')).count()).toBe(0);

      const viewer = await openByKeyboard(page, 'secret.jpg');
      await eventually(() => viewer.locator(testId('viewer-watermark')).textContent()).toMatch(
        /^Secure view: a picture of the file, watermarked “Recipient \S{10} · Viewed \d{4}-\d\d-\d\d \d\d:00 UTC”\.$/,
      );
      const src = (await viewer.locator(testId('viewer-image')).getAttribute('src'))!;
      expect(src).toContain('/previews/');
      expect(src).not.toContain('secret.jpg');
      await shot(page, '43-viewer-secure');
      await closeByKeyboard(page, 'secret.jpg');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('fits a phone: no sideways scrolling on the list or in the viewer', async () => {
    const { link } = await shareFolder({
      'long-name-of-a-photo-from-the-trip.jpg': await photo(90, 90, 200),
      'doc.pdf': makePdf({ pages: 2 }),
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    try {
      const page = await openLink(context, 'recipient-phone', link);
      await page.click(`${testId('share-folder')}:has-text("Holiday")`);
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("doc.pdf")`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, '44-recipient-phone');
      await page.click(`${testId('preview-button')}[data-name="doc.pdf"]`);
      const viewer = page.locator(testId('viewer'));
      await eventually(() => viewer.locator(testId('pager-status')).textContent()).toBe('Page 1 of 2');
      const box = (await viewer.boundingBox())!;
      expect(box.width).toBeLessThanOrEqual(390);
      const image = (await viewer.locator(testId('viewer-image')).boundingBox())!;
      expect(image.x).toBeGreaterThanOrEqual(0);
      expect(image.x + image.width).toBeLessThanOrEqual(390);
      await shot(page, '45-viewer-phone');
      await viewer.locator(testId('viewer-close')).click();
      await viewer.waitFor({ state: 'detached' });
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says a link is bound to another device before any password is typed', async () => {
    const admin = await apiToken(adminEmail);
    const policy = await call('GET', '/api/admin/settings', { token: admin });
    expect((await call('PUT', '/api/admin/settings', { token: admin, body: { ...policy.body, deviceBindingEnabled: true } })).status).toBe(
      200,
    );
    const name = `${run()}.txt`;
    await upload(owner, name, Buffer.from('bound\n'));
    const created = await call('POST', '/api/shares', {
      token: owner,
      body: { items: [{ path: name }], password: { mode: 'custom', value: 'bound-pass-1' }, deviceBinding: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Another device opens it first.
    const first = await call('POST', `/api/public/shares/${created.body.id}/access`, {
      body: { password: 'bound-pass-1', deviceId: 'first-device-0001' },
    });
    expect(first.status).toBe(200);
    const context = await browser.newContext();
    try {
      const page = await browser.newPage(context, 'recipient-bound');
      await page.goto(created.body.url);
      await eventually(() => page.getAttribute(testId('share-outcome'), 'data-code')).toBe('DEVICE_BOUND');
      expect(await page.locator(testId('share-password')).count()).toBe(0);
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
      await restoreTenantDefaults();
    }
  });
});

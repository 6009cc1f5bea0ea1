/**
 * Issue 3's outcome in a real browser against the local runtime: an owner uploads a folder
 * tree (one file large enough for multipart) and sees per-file and overall progress, creates
 * a folder, shares the folder and a file with aliases; a recipient browses into the folder and
 * downloads it, and then the whole share, as zips built in the browser. The zips are read back
 * here and every entry's bytes compared with what was uploaded. Then the owner deletes the
 * shared file and the recipient sees it as no longer available.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, renameShareItem, shot, signIn, testId, unlock, useBrowser } from './support.js';

// Longer than the shared default: these pages upload and zip tens of megabytes.
const browser = useBrowser({ timeout: 20_000 });
let workDir: string;

/**
 * Reads a zip the way an unzip tool does: end of central directory (Zip64 when needed), the
 * central directory, then each local header; checks every CRC-32. Stored entries only, which
 * is what client-zip writes.
 */
function readZip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory');
  let count = zip.readUInt16LE(end + 10);
  let offset: number = zip.readUInt32LE(end + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = end - 20;
    expect(zip.readUInt32LE(locator)).toBe(0x07064b50);
    const zip64End = Number(zip.readBigUInt64LE(locator + 8));
    expect(zip.readUInt32LE(zip64End)).toBe(0x06064b50);
    count = Number(zip.readBigUInt64LE(zip64End + 32));
    offset = Number(zip.readBigUInt64LE(zip64End + 48));
  }
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(offset)).toBe(0x02014b50);
    expect(zip.readUInt16LE(offset + 10), 'compression method').toBe(0);
    const crc = zip.readUInt32LE(offset + 16);
    let size: number = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    let local: number = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    // Zip64 extra field: the 64-bit values of the fields that were 0xFFFFFFFF, in order.
    let extra = offset + 46 + nameLength;
    while (extra < offset + 46 + nameLength + extraLength) {
      const id = zip.readUInt16LE(extra);
      const length = zip.readUInt16LE(extra + 2);
      if (id === 1) {
        let field = extra + 4;
        if (zip.readUInt32LE(offset + 24) === 0xffffffff) field += 8;
        if (size === 0xffffffff) {
          size = Number(zip.readBigUInt64LE(field));
          field += 8;
        }
        if (local === 0xffffffff) local = Number(zip.readBigUInt64LE(field));
      }
      extra += 4 + length;
    }
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + size);
    expect(crc32(data) >>> 0, `CRC of ${name}`).toBe(crc);
    entries.set(name, Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Reads what the page's stand-in for showSaveFilePicker was given, as one buffer. */
async function savedByPicker(page: Page): Promise<{ name: string; bytes: Buffer }> {
  await page.waitForFunction(() => (window as any).__zip?.closed === true, undefined, { timeout: 60_000 });
  const { name, dataUrl } = await page.evaluate(async () => {
    const zip = (window as any).__zip as { name: string; chunks: Uint8Array[] };
    const blob = new Blob(zip.chunks as BlobPart[]);
    const dataUrl = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsDataURL(blob);
    });
    return { name: zip.name, dataUrl };
  });
  return { name, bytes: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64') };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'sharelink-files-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('folders, large uploads and zip downloads in the browser', () => {
  it('uploads a folder with progress, shares it and a file under aliases, and the recipient zips exactly what was uploaded', async () => {
    const run = `tree-${randomBytes(3).toString('hex')}`;
    const files: Record<string, Buffer> = {
      'a.txt': Buffer.from(`hello from ${run}\n`),
      'sub/b.bin': randomBytes(200 * 1024),
      // Over 16 MiB: the browser uploads it in parts.
      'sub/deeper/c.bin': randomBytes(18 * 1024 * 1024),
    };
    for (const [relative, bytes] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(workDir, run, relative)), { recursive: true });
      await writeFile(path.join(workDir, run, relative), bytes);
    }
    const readme = Buffer.from(`Read me ${run}\n`);
    const readmeName = `readme-${run}.txt`;

    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The streaming sink, standing in for the native "save as" dialog headless Chromium cannot show.
    const streamingContext = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    await streamingContext.addInitScript(() => {
      (window as any).showSaveFilePicker = async (options: { suggestedName: string }) => {
        const zip = { name: options.suggestedName, chunks: [] as Uint8Array[], closed: false };
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
    // A browser without the File System Access API: the zip is saved from a Blob.
    const blobContext = await browser.newContext({ viewport: { width: 1100, height: 800 }, acceptDownloads: true });
    await blobContext.addInitScript(() => {
      Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
    });
    try {
      const owner = await browser.newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);

      // Upload the folder through the folder picker: structure kept, per-file and overall progress.
      await owner.setInputFiles(testId('upload-folder-input'), path.join(workDir, run));
      await owner.waitForSelector(testId('uploads-overall'));
      expect(await owner.locator(testId('upload-item')).count()).toBe(3);
      await shot(owner, '20-folder-upload-progress');
      await owner.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="upload-item"]')].every((item) => item.getAttribute('data-status') === 'done'),
        undefined,
        { timeout: 90_000 },
      );
      expect(await owner.getAttribute(testId('uploads-overall'), 'data-percent')).toBe('100');
      expect(await owner.textContent(testId('uploads-overall-text'))).toBe('3 files uploaded');
      for (const progress of await owner.locator(testId('upload-progress')).all()) expect(await progress.getAttribute('value')).toBe('100');
      expect(await owner.locator(testId('upload-item')).allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining(`${run}/sub/deeper/c.bin`), expect.stringContaining('18 MB')]),
      );

      // Browse into it with breadcrumbs and create an (empty) folder there.
      await owner.click(`${testId('folder-row')}[data-path="${run}/"] ${testId('folder-link')}`);
      await owner.waitForSelector(`${testId('file-row')}[data-path="${run}/a.txt"]`);
      expect(await owner.textContent(testId('breadcrumbs'))).toContain(run);
      await owner.click(testId('new-folder-button'));
      await owner.fill(testId('new-folder-name'), 'empty');
      await owner.click(testId('new-folder-submit'));
      await owner.waitForSelector(`${testId('folder-row')}[data-path="${run}/empty/"]`);
      await owner.click(testId('new-folder-button'));
      await owner.fill(testId('new-folder-name'), 'empty');
      await owner.click(testId('new-folder-submit'));
      expect(await owner.textContent(testId('new-folder-error'))).toBe('A folder named "empty" already exists here.');
      await owner.keyboard.press('Escape');
      await shot(owner, '21-folder-with-breadcrumbs');

      // Back at the root: a loose file, then share it and the folder under aliases.
      await owner.click(`${testId('breadcrumbs')} a:text-is("All files")`);
      await owner.setInputFiles(testId('upload-input'), { name: readmeName, mimeType: 'text/plain', buffer: readme });
      const readmeRow = owner.locator(`${testId('file-row')}[data-path="${readmeName}"]`);
      await readmeRow.waitFor();
      await owner.check(`${testId('folder-row')}[data-path="${run}/"] ${testId('folder-checkbox')}`);
      await readmeRow.locator(testId('file-checkbox')).check();
      await owner.click(testId('share-button'));
      const dialog = owner.locator(testId('share-dialog'));
      await renameShareItem(dialog, `${run}/`, 'Project files');
      await renameShareItem(dialog, readmeName, 'Read me first.txt');
      await dialog.locator(testId('create-share-submit')).click();
      await dialog.locator(testId('share-result')).waitFor();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      const password = await dialog.locator(testId('share-result-password')).inputValue();
      await dialog.locator(testId('share-result-done')).click();

      // Recipient (Blob sink): into the folder, breadcrumbs, "Download folder".
      const guest = await browser.newPage(blobContext, 'recipient');
      await guest.goto(link);
      await unlock(guest, password);
      await guest.waitForSelector(`${testId('share-entry-name')}:text-is("Read me first.txt")`);
      expect(await guest.locator(testId('share-entry-name')).allTextContents()).toEqual(['Project files', 'Read me first.txt']);
      await guest.click(`${testId('share-folder')}:has-text("Project files")`);
      await guest.waitForSelector(`${testId('share-entry-name')}:text-is("a.txt")`);
      expect(await guest.locator(testId('share-entry-name')).allTextContents()).toEqual(['empty', 'sub', 'a.txt']);
      expect(await guest.textContent(testId('share-breadcrumbs'))).toMatch(/All files.*Project files/);
      await shot(guest, '22-recipient-in-folder');
      const [download] = await Promise.all([guest.waitForEvent('download', { timeout: 60_000 }), guest.click(testId('download-folder'))]);
      expect(download.suggestedFilename()).toBe('Project files.zip');
      const folderZip = readZip(await readFile(await download.path()));
      expect([...folderZip.keys()].sort()).toEqual(['a.txt', 'empty/', 'sub/b.bin', 'sub/deeper/c.bin']);
      for (const [relative, bytes] of Object.entries(files)) expect(folderZip.get(relative)?.equals(bytes), relative).toBe(true);
      await expect.poll(() => guest.textContent(testId('download-note'))).toMatch(/^Saved “Project files\.zip”: 3 files, 18\.\d MB\.$/);

      // Recipient (streaming sink): the whole share from the root.
      const streamer = await browser.newPage(streamingContext, 'recipient-streaming');
      await streamer.goto(link);
      await unlock(streamer, password);
      await streamer.click(testId('download-all'));
      const saved = await savedByPicker(streamer);
      expect(saved.name).toBe('Shared files.zip');
      const allZip = readZip(saved.bytes);
      expect([...allZip.keys()].sort()).toEqual([
        'Project files/a.txt',
        'Project files/empty/',
        'Project files/sub/b.bin',
        'Project files/sub/deeper/c.bin',
        'Read me first.txt',
      ]);
      expect(allZip.get('Read me first.txt')?.equals(readme)).toBe(true);
      for (const [relative, bytes] of Object.entries(files))
        expect(allZip.get(`Project files/${relative}`)?.equals(bytes), relative).toBe(true);
      await shot(streamer, '23-recipient-zip-saved');

      // The owner deletes the shared file (confirm dialog); the recipient sees it as unavailable.
      await readmeRow.locator(testId('file-checkbox')).check();
      await owner.click(testId('delete-button'));
      const confirm = owner.locator(testId('delete-dialog'));
      expect(await confirm.locator(testId('delete-text')).textContent()).toContain(`Delete “${readmeName}”?`);
      await shot(owner, '24-confirm-delete');
      await confirm.locator(testId('confirm-delete')).click();
      await readmeRow.waitFor({ state: 'detached' });
      expect(await owner.textContent(testId('files-notice'))).toBe('Deleted 1 item (1 stored object).');

      await streamer.click(`${testId('share-entry')}:has-text("Read me first.txt") ${testId('download-button')}`);
      await streamer.waitForSelector(
        `${testId('share-entry')}[data-unavailable="true"]:has-text("Read me first.txt") ${testId('entry-unavailable')}`,
      );
      expect(await streamer.textContent(testId('download-note'))).toBe(
        '“Read me first.txt” is no longer available: the owner moved or deleted it.',
      );
      await shot(streamer, '25-recipient-file-unavailable');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await ownerContext.close();
      await streamingContext.close();
      await blobContext.close();
    }
  }, 240_000);

  it('retries a failed part of a large upload, and cancels another upload on request', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const owner = await browser.newPage(context, 'owner-retry');
      await signIn(owner, demoEmail);
      // The storage fails the first try of part 2 once; the upload must still complete.
      let failedOnce = false;
      await owner.route(/partNumber=2/, async (route) => {
        if (!failedOnce && route.request().method() === 'PUT') {
          failedOnce = true;
          return route.fulfill({ status: 503, headers: { 'access-control-allow-origin': '*' }, body: 'Slow down' });
        }
        return route.continue();
      });
      // Large files go in from disk: a buffer of many MiB is slow through the browser protocol.
      const name = `retry-${randomBytes(3).toString('hex')}.bin`;
      await writeFile(path.join(workDir, name), randomBytes(17 * 1024 * 1024));
      await owner.setInputFiles(testId('upload-input'), path.join(workDir, name));
      await owner.locator(`${testId('upload-item')}[data-status="done"]`, { hasText: name }).waitFor({ timeout: 60_000 });
      expect(failedOnce).toBe(true);
      await owner.locator(`${testId('file-row')}[data-path="${name}"]`).waitFor();

      // Parts of the next upload are held back until it is cancelled.
      await owner.unroute(/partNumber=2/);
      await owner.route(/partNumber=/, () => undefined);
      const cancelled = `cancel-${randomBytes(3).toString('hex')}.bin`;
      await writeFile(path.join(workDir, cancelled), randomBytes(20 * 1024 * 1024));
      await owner.setInputFiles(testId('upload-input'), path.join(workDir, cancelled));
      const item = owner.locator(testId('upload-item'), { hasText: cancelled });
      await item.and(owner.locator('[data-status="uploading"]')).waitFor();
      await item.locator(testId('upload-cancel')).click();
      await item.and(owner.locator('[data-status="cancelled"]')).waitFor();
      expect(await item.locator(testId('upload-status')).textContent()).toBe('Cancelled');
      await owner.reload();
      await owner.locator(`${testId('file-row')}[data-path="${name}"]`).waitFor();
      expect(await owner.locator(`${testId('file-row')}[data-path="${cancelled}"]`).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});

/**
 * File requests in a real browser against the local runtime: the owner asks for files from a
 * folder's menu, an uploader with no account (a fresh context) drops files and a folder and sees
 * them arrive, the owner finds them under the uploader's name; cancelling the request mid-upload
 * tells the uploader what did and did not arrive; the page works on a phone and by keyboard alone.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../integration/client.js';
import { apiToken, baseUrl, demoEmail, demoName, eventually, runId, shot, signIn, testId, useBrowser } from './support.js';

const browser = useBrowser();
let owner: string;
let folderDir: string;
/** 40 MiB on disk: handed to the page by path, as a person picks it. */
let bigFile: string;

beforeAll(async () => {
  owner = await apiToken(demoEmail);
  // A folder on disk to pick, with a sub-folder: its structure must survive below the uploader's folder.
  folderDir = await mkdtemp(path.join(tmpdir(), 'sharelink-request-'));
  await mkdir(path.join(folderDir, 'holiday', 'day 2'), { recursive: true });
  await writeFile(path.join(folderDir, 'holiday', 'beach.txt'), 'sand');
  await writeFile(path.join(folderDir, 'holiday', 'day 2', 'boat.txt'), 'waves');
  bigFile = path.join(folderDir, 'big.bin');
  await writeFile(bigFile, randomBytes(40 * 1024 * 1024));
});

afterAll(async () => {
  await rm(folderDir, { recursive: true, force: true });
});

async function createRequest(body: Record<string, unknown>) {
  const reply = await call('POST', '/api/requests', { token: owner, body: { title: 'Send me things', ...body } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; url: string; password?: string };
}

/** Drops files on the drop area as a browser drag-and-drop does (a DataTransfer with File objects). */
async function dropFiles(page: Page, files: { name: string; text: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([file.text], file.name, { type: 'text/plain' }));
    return transfer;
  }, files);
  await page.dispatchEvent(testId('drop-area'), 'drop', { dataTransfer });
}

async function unlockAs(page: Page, name: string, password?: string) {
  await page.fill(testId('uploader-name'), name);
  if (password) await page.fill(testId('request-password'), password);
  await page.click(testId('access-submit'));
  await page.waitForSelector(testId('drop-area'));
}

const statusOf = (page: Page, name: string) => page.locator(`${testId('upload-row')}[data-name="${name}"]`).getAttribute('data-status');

describe('file requests in the browser', () => {
  it('the owner asks for files, an uploader drops 3 files and a folder, the owner finds them under the uploader’s name', async () => {
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const uploaderContext = await browser.newContext({ viewport: { width: 1100, height: 860 } });
    try {
      const run = runId();
      const folder = `Clients ${run}`;
      expect((await call('POST', '/api/folders', { token: owner, body: { path: `${folder}/` } })).status).toBe(201);

      // The owner: the folder's row menu, then the dialog with its settings.
      const page = await browser.newPage(ownerContext, 'owner');
      await signIn(page, demoEmail);
      const row = page.locator(`${testId('folder-row')}[data-path="${folder}/"]`);
      await row.locator(testId('folder-menu')).click();
      await row.locator(testId('folder-request-files')).click();
      const dialog = page.locator(testId('request-dialog'));
      await dialog.waitFor();
      await dialog.locator(testId('request-title-input')).fill(`Tax papers ${run}`);
      await dialog.locator(testId('request-message-input')).fill('Everything for 2025, please.');
      await dialog.locator(testId('request-max-files')).fill('10');
      expect(await dialog.locator(testId('request-password-auto')).isChecked()).toBe(true);
      expect(await dialog.locator(testId('request-notify')).isChecked()).toBe(true);
      await shot(page, 'requests-01-dialog');
      await dialog.locator(testId('create-request-submit')).click();
      await dialog.locator(testId('request-result')).waitFor();
      const link = await dialog.locator(testId('request-result-link')).inputValue();
      const password = await dialog.locator(testId('request-result-password')).inputValue();
      expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{22}$/);
      expect(password).toMatch(/^\S{8}$/);
      await dialog.locator(testId('request-qr')).waitFor();
      await shot(page, 'requests-02-created');
      await dialog.locator(testId('request-result-done')).click();

      // The uploader: no account, another browser profile.
      const guest = await browser.newPage(uploaderContext, 'uploader');
      await guest.goto(link);
      expect(await guest.textContent(testId('request-owner'))).toContain(demoName);
      expect(await guest.textContent(testId('request-title'))).toBe(`Tax papers ${run}`);
      expect(await guest.textContent(testId('request-message'))).toBe('Everything for 2025, please.');
      expect(await guest.textContent(testId('request-limits'))).toMatch(/Up to 10 files \(10 left\)/);
      await shot(guest, 'requests-03-uploader-form');
      await unlockAs(guest, 'Ana Lima', password);
      await dropFiles(guest, [
        { name: 'a.txt', text: 'first' },
        { name: 'b.txt', text: 'second' },
        { name: 'c.txt', text: 'third' },
      ]);
      await guest.setInputFiles(testId('pick-folder-input'), path.join(folderDir, 'holiday'));
      for (const name of ['a.txt', 'b.txt', 'c.txt', 'holiday/beach.txt', 'holiday/day 2/boat.txt']) {
        await eventually(() => statusOf(guest, name)).toBe('done');
      }
      const progress = await guest
        .locator(testId('upload-progress'))
        .evaluateAll((bars) => bars.map((bar) => [(bar as HTMLProgressElement).value, (bar as HTMLProgressElement).max]));
      expect(progress).toHaveLength(5);
      for (const [value, max] of progress) expect(value).toBe(max);
      await guest.locator(testId('receipt')).waitFor();
      expect(await guest.locator(`${testId('receipt-arrived')} li`).allTextContents()).toHaveLength(5);
      await shot(guest, 'requests-04-uploader-done');

      // The owner: the request in the list with what arrived, its page, the uploader's folder.
      await page.goto(`${baseUrl}/#/requests`);
      const listed = page.locator(testId('request-row'), { hasText: `Tax papers ${run}` });
      await eventually(() => listed.locator(testId('request-received')).textContent()).toMatch(/^5 files/);
      await shot(page, 'requests-05-list');
      await listed.locator(testId('request-open')).click();
      const uploader = page.locator(`${testId('received-uploader')}[data-name="Ana Lima"]`);
      await uploader.waitFor();
      expect(await uploader.locator(testId('received-file')).allTextContents()).toHaveLength(5);
      await eventually(() => page.locator(`${testId('event-row')}[data-kind="upload"]`).count()).toBe(5);
      await shot(page, 'requests-06-detail');
      await uploader.locator(testId('received-folder')).click();
      await page.locator(`${testId('file-row')}[data-path="${folder}/Ana Lima/a.txt"]`).waitFor();
      await page.locator(`${testId('folder-row')}[data-path="${folder}/Ana Lima/holiday/"]`).waitFor();

      expect(browser.pageProblems).toEqual([]);
    } finally {
      await ownerContext.close();
      await uploaderContext.close();
    }
  }, 120_000);

  it('tells the uploader when the owner cancels the request mid-upload: what arrived, and what did not', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    try {
      const request = await createRequest({ folder: `cancel-${runId()}/`, password: { mode: 'none' } });
      const guest = await browser.newPage(context, 'uploader');
      await guest.goto(request.url);
      await unlockAs(guest, 'Bo');
      await dropFiles(guest, [{ name: 'small.txt', text: 'arrives' }]);
      await eventually(() => statusOf(guest, 'small.txt')).toBe('done');

      // Hold the big file's bytes on their way to storage until the owner has cancelled the request.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await guest.route(
        (url) => url.pathname.includes('/big.bin'),
        async (route) => {
          await held;
          await route.continue();
        },
      );
      await guest.setInputFiles(testId('pick-files-input'), bigFile);
      await eventually(() => statusOf(guest, 'big.bin')).toBe('uploading');
      expect((await call('DELETE', `/api/requests/${request.id}`, { token: owner })).status).toBe(204);
      release();

      const notice = guest.locator(testId('stop-notice'));
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.textContent()).toMatch(
        /The owner closed this upload link while your files were being sent\. 1 of 2 files arrived/,
      );
      expect(await guest.locator(`${testId('receipt-arrived')} li`).allTextContents()).toEqual(['small.txt']);
      expect(await guest.locator(`${testId('receipt-missing')} li`).allTextContents()).toEqual(['big.bin']);
      expect(await statusOf(guest, 'big.bin')).toBe('stopped');
      await shot(guest, 'requests-07-cancelled-mid-upload');
      const detail = await call('GET', `/api/requests/${request.id}`, { token: owner });
      expect(detail.body).toMatchObject({ filesReceived: 1, status: 'cancelled' });
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('queues 100 files dropped at once and sends them 4 at a time, all arriving', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    try {
      const request = await createRequest({ folder: `hundred-${runId()}/`, password: { mode: 'none' } });
      const guest = await browser.newPage(context, 'uploader');
      await guest.goto(request.url);
      await unlockAs(guest, 'Eli');
      // Watch how many files are sending at once, at every change of the list.
      await guest.evaluate(() => {
        const record = window as unknown as { mostSending: number };
        record.mostSending = 0;
        new MutationObserver(() => {
          record.mostSending = Math.max(record.mostSending, document.querySelectorAll('[data-status="uploading"]').length);
        }).observe(document.body, { subtree: true, attributes: true, childList: true });
      });
      await dropFiles(
        guest,
        Array.from({ length: 100 }, (_, i) => ({ name: `f-${i}.txt`, text: `file ${i}` })),
      );
      expect(await guest.locator(testId('upload-row')).count()).toBe(100);
      // A hundred files take a while on a loaded two-core machine: each is three API calls and a PUT.
      await expect.poll(() => guest.locator(`${testId('upload-row')}[data-status="done"]`).count(), { timeout: 90_000 }).toBe(100);
      expect(await guest.evaluate(() => (window as unknown as { mostSending: number }).mostSending)).toBe(4);
      expect(await guest.textContent(testId('upload-counts'))).toBe('100 of 100 received');
      const detail = await call('GET', `/api/requests/${request.id}`, { token: owner });
      expect(detail.body.filesReceived).toBe(100);
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);

  it('fits a phone: nothing wider than the screen, the buttons within reach', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const request = await createRequest({
        folder: `phone-${runId()}/`,
        message: 'A message long enough to wrap on a small screen, as people write them.',
      });
      const guest = await browser.newPage(context, 'phone');
      await guest.goto(request.url);
      await unlockAs(guest, 'Cleo', request.password);
      await guest.setInputFiles(testId('pick-files-input'), {
        name: 'a-file-with-a-rather-long-name-that-must-wrap-on-a-phone.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4'),
      });
      await guest.locator(testId('receipt')).waitFor();
      const widths = await guest.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.screen);
      const button = await guest.locator(testId('pick-files')).boundingBox();
      expect(button!.x).toBeGreaterThanOrEqual(0);
      expect(button!.x + button!.width).toBeLessThanOrEqual(375);
      expect(button!.height).toBeGreaterThanOrEqual(32);
      await shot(guest, 'requests-08-phone');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("changes a request's expiry on its page: a past date is refused and kept, 1 day from now is saved", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const request = await createRequest({ folder: `expiry-${runId()}/`, password: { mode: 'none' }, expiry: { days: 7 } });
      const page = await browser.newPage(context, 'owner');
      await signIn(page, demoEmail);
      await page.goto(`${baseUrl}/#/requests/${request.id}`);
      const detail = page.locator(testId('request-detail'));
      await detail.locator(testId('request-edit-expiry')).click();
      // The radio and the date field share a test id; the date field alone has the id.
      await detail.locator('input[name="request-detail-expiry-mode"][value="date"]').check();
      await detail.locator('#request-detail-expiry-date').fill('2020-01-01');
      await detail.locator(testId('request-expiry-save')).click();
      await eventually(() => detail.locator(testId('request-settings-error')).textContent()).toBe('The expiry date must be in the future.');
      expect(await detail.locator('#request-detail-expiry-date').inputValue()).toBe('2020-01-01');

      const before = Date.now();
      await detail.locator(testId('request-detail-expiry-1')).check();
      await detail.locator(testId('request-expiry-save')).click();
      await detail.locator(testId('request-expiry-form')).waitFor({ state: 'detached' });
      expect(await page.locator(testId('request-detail-notice')).textContent()).toBe('The expiry was changed.');
      expect(await detail.locator(testId('request-settings-error')).count()).toBe(0);
      const stored = await call('GET', `/api/requests/${request.id}`, { token: owner });
      const expiresAt = Date.parse(stored.body.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 24 * 3600_000 - 60_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 24 * 3600_000 + 60_000);
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('can be used with the keyboard alone, from the name to the received file', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    try {
      const request = await createRequest({ folder: `keys-${runId()}/`, password: { mode: 'custom', value: 'keyboard-only-1' } });
      const guest = await browser.newPage(context, 'keyboard');
      await guest.goto(request.url);
      await guest.waitForSelector(testId('uploader-name'));
      // The name field has focus first; Tab moves through email and password, Enter sends the form.
      expect(await guest.evaluate(() => document.activeElement?.id)).toBe('uploader-name');
      await guest.keyboard.type('Dara');
      await guest.keyboard.press('Tab');
      await guest.keyboard.type('dara@example.com');
      await guest.keyboard.press('Tab');
      await guest.keyboard.type('keyboard-only-1');
      await guest.keyboard.press('Enter');
      await guest.waitForSelector(testId('pick-files'));
      // Listen before the keys are pressed: Playwright turns on file-chooser interception when the first
      // listener is added, and a busy machine can open the picker before that takes effect.
      const chooserOpened = guest.waitForEvent('filechooser', { timeout: 30_000 });
      chooserOpened.catch(() => undefined);
      // Tab reaches "Choose files"; Enter opens the file picker.
      for (let i = 0; i < 10 && (await guest.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'pick-files'; i++) {
        await guest.keyboard.press('Tab');
      }
      expect(await guest.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pick-files');
      await guest.keyboard.press('Enter');
      const chooser = await chooserOpened;
      await chooser.setFiles({ name: 'typed.txt', mimeType: 'text/plain', buffer: Buffer.from('no mouse') });
      await eventually(() => statusOf(guest, 'typed.txt')).toBe('done');
      const detail = await call('GET', `/api/requests/${request.id}`, { token: owner });
      expect(detail.body.received.uploaders).toEqual([expect.objectContaining({ name: 'Dara', email: 'dara@example.com' })]);
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

/**
 * The outcome, in a real browser against the local runtime: an owner uploads a file,
 * shares it under an alias with a generated password and a 7-day expiry; a recipient with no
 * account is refused a wrong password, unlocks with the right one and downloads the exact
 * bytes under the alias; the owner cancels the link and the recipient loses access at once.
 * Screenshots of each main screen land in test-results/screenshots/ for people to look at.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
const demoEmail = inject('demoEmail');
const demoPassword = inject('demoPassword');

const screenshotDir = path.resolve('test-results', 'screenshots');
const TIMEOUT = 15_000;

let browser: Browser;
/** Problems the pages reported themselves: uncaught exceptions and CSP violations. */
const pageProblems: string[] = [];

function watch(page: Page, who: string): Page {
  page.on('pageerror', (error) => pageProblems.push(`${who}: uncaught ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) {
      pageProblems.push(`${who}: ${message.text()}`);
    }
  });
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

async function newPage(context: BrowserContext, who: string): Promise<Page> {
  return watch(await context.newPage(), who);
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });

const testId = (id: string) => `[data-testid="${id}"]`;

async function signIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.fill(testId('signin-email'), demoEmail);
  await page.fill(testId('signin-password'), demoPassword);
  await page.click(testId('signin-submit'));
  await expect.poll(() => page.textContent(testId('user-email')), { timeout: TIMEOUT }).toBe(demoEmail);
}

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('share lifecycle in the browser', () => {
  it('uploads, shares with an alias and a generated password, downloads the same bytes, then cancels', async () => {
    const owner = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const recipient = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    try {
      const page = await newPage(owner, 'owner');
      await page.goto(`${baseUrl}/`);
      await page.waitForSelector(testId('signin-form'));
      await shot(page, '01-sign-in');
      await signIn(page);

      // Upload random bytes through the file input: progress bar first, then the file in the list.
      const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
      const fileName = `numbers-${run}.bin`;
      const alias = `Quarterly numbers ${run}.bin`;
      const bytes = randomBytes(300 * 1024);
      await page.setInputFiles(testId('upload-input'), { name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
      const upload = page.locator(testId('upload-item'), { hasText: fileName });
      await expect.poll(() => upload.locator(testId('upload-progress')).count(), { timeout: TIMEOUT }).toBe(1);
      await upload.and(page.locator('[data-status="done"]')).waitFor();
      expect(await upload.locator(testId('upload-progress')).getAttribute('value')).toBe('100');
      const row = page.locator(`${testId('file-row')}[data-path="${fileName}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('300 KB');
      await shot(page, '02-my-files-after-upload');

      // Select it and create the share: alias, generated password (default), 7 days (default).
      await row.locator(testId('file-checkbox')).check();
      await page.click(testId('share-button'));
      const dialog = page.locator(testId('share-dialog'));
      await dialog.waitFor();
      expect(await dialog.locator(testId('alias-input')).inputValue()).toBe(fileName);
      await dialog.locator(testId('alias-input')).fill(alias);
      expect(await dialog.locator(testId('password-auto')).isChecked()).toBe(true);
      expect(await dialog.locator(testId('expiry-7')).isChecked()).toBe(true);
      expect(await dialog.locator(testId('allow-download')).isChecked()).toBe(true);
      await shot(page, '03-create-share-dialog');
      await dialog.locator(testId('create-share-submit')).click();
      await dialog.locator(testId('share-result')).waitFor();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      const password = await dialog.locator(testId('share-result-password')).inputValue();
      expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
      expect(password).toMatch(/^\S{8}$/);
      expect(await dialog.locator(testId('password-warning')).textContent()).toMatch(/will not be shown again/);
      await shot(page, '04-share-created');
      await dialog.locator(testId('share-result-done')).click();
      await dialog.waitFor({ state: 'detached' });
      const shareId = link.slice(link.lastIndexOf('/') + 1);

      // The recipient: no account, a second browser profile.
      const guest = await newPage(recipient, 'recipient');
      await guest.goto(link);
      await guest.waitForSelector(testId('share-password'));
      expect(await guest.textContent(testId('share-expiry'))).toMatch(/Available until/);
      await shot(guest, '05-recipient-password');
      await guest.fill(testId('share-password'), password === 'wrong-pw' ? 'other-pw' : 'wrong-pw');
      await guest.click(testId('unlock-submit'));
      await expect.poll(() => guest.textContent(testId('unlock-error')), { timeout: TIMEOUT }).toMatch(/Wrong password/);
      await shot(guest, '06-recipient-wrong-password');
      await guest.fill(testId('share-password'), password);
      await guest.click(testId('unlock-submit'));
      const entry = guest.locator(testId('share-entry'), { hasText: alias });
      await entry.waitFor();
      expect(await entry.locator(testId('share-entry-size')).textContent()).toBe('300 KB');
      await shot(guest, '07-recipient-files');

      const [download] = await Promise.all([guest.waitForEvent('download'), entry.locator(testId('download-button')).click()]);
      expect(download.suggestedFilename()).toBe(alias);
      const downloaded = await readFile(await download.path());
      expect(Buffer.compare(downloaded, bytes)).toBe(0);

      // The owner cancels the link from "My share links", through the confirm dialog.
      await page.click(testId('nav-links'));
      const linkRow = page.locator(`${testId('link-row')}[data-share-id="${shareId}"]`);
      await linkRow.waitFor();
      expect(await linkRow.locator(testId('link-title')).textContent()).toBe(alias);
      expect(await linkRow.locator(testId('link-status')).textContent()).toBe('Active');
      expect(await linkRow.locator(testId('link-downloads')).textContent()).toBe('1');
      await shot(page, '08-my-share-links');
      await linkRow.locator(testId('link-cancel')).click();
      const confirm = page.locator(testId('confirm-dialog'));
      await confirm.waitFor();
      expect(await confirm.locator(testId('confirm-text')).textContent()).toBe('Cancel this link? Recipients lose access immediately.');
      await shot(page, '09-confirm-cancel');
      await confirm.locator(testId('confirm-cancel')).click();
      await confirm.waitFor({ state: 'detached' });
      await expect.poll(() => linkRow.locator(testId('link-status')).textContent(), { timeout: TIMEOUT }).toBe('Cancelled');
      await shot(page, '10-link-cancelled');

      // The recipient's next look at the page says the link is gone.
      await guest.reload();
      const outcome = guest.locator(testId('share-outcome'));
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-code')).toBe('SHARE_CANCELLED');
      expect(await outcome.locator(testId('outcome-title')).textContent()).toBe('This link was cancelled by its owner');
      await shot(guest, '11-recipient-cancelled');

      expect(pageProblems).toEqual([]);
    } finally {
      await owner.close();
      await recipient.close();
    }
    // Cold handlers on a 2-core machine running the other e2e files alongside.
  }, 120_000);

  it('cancels several links at once from "My share links" and keeps the others', async () => {
    const owner = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    try {
      const page = await newPage(owner, 'owner');
      await signIn(page);
      const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
      const fileName = `batch-${run}.txt`;
      await page.setInputFiles(testId('upload-input'), { name: fileName, mimeType: 'text/plain', buffer: Buffer.from(`batch ${run}\n`) });
      const row = page.locator(`${testId('file-row')}[data-path="${fileName}"]`);
      await row.waitFor();

      // Three links to the same file; the two newest get cancelled together.
      const ids: string[] = [];
      for (const n of [1, 2, 3]) {
        await row.locator(testId('file-checkbox')).check();
        await page.click(testId('share-button'));
        const dialog = page.locator(testId('share-dialog'));
        await dialog.locator(testId('alias-input')).fill(`batch ${run} ${n}.txt`);
        await dialog.locator(testId('expiry-1')).check();
        await dialog.locator(testId('create-share-submit')).click();
        const link = await dialog.locator(testId('share-result-link')).inputValue();
        ids.push(link.slice(link.lastIndexOf('/') + 1));
        await dialog.locator(testId('share-result-done')).click();
        await dialog.waitFor({ state: 'detached' });
      }

      await page.click(testId('nav-links'));
      await page.click(testId('filter-active'));
      const rowOf = (id: string) => page.locator(`${testId('link-row')}[data-share-id="${id}"]`);
      await rowOf(ids[2]!).waitFor();
      // Newest first.
      const order = await page.locator(testId('link-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-share-id')));
      expect(order.indexOf(ids[2]!)).toBeLessThan(order.indexOf(ids[1]!));
      expect(order.indexOf(ids[1]!)).toBeLessThan(order.indexOf(ids[0]!));

      await rowOf(ids[1]!).locator(testId('link-checkbox')).check();
      await rowOf(ids[2]!).locator(testId('link-checkbox')).check();
      await page.click(testId('cancel-selected'));
      const confirm = page.locator(testId('confirm-dialog'));
      expect(await confirm.locator(testId('confirm-text')).textContent()).toBe('Cancel 2 links? Recipients lose access immediately.');
      await confirm.locator(testId('confirm-cancel')).click();
      await confirm.waitFor({ state: 'detached' });

      // The "Active" view reloads without the cancelled two; the "Cancelled" view has them.
      await rowOf(ids[2]!).waitFor({ state: 'detached' });
      expect(await rowOf(ids[1]!).count()).toBe(0);
      expect(await rowOf(ids[0]!).locator(testId('link-status')).textContent()).toBe('Active');
      expect(await page.textContent(testId('links-notice'))).toBe('2 links were cancelled.');
      await page.click(testId('filter-cancelled'));
      await rowOf(ids[2]!).waitFor();
      expect(await rowOf(ids[1]!).locator(testId('link-status')).textContent()).toBe('Cancelled');
      expect(await rowOf(ids[0]!).count()).toBe(0);

      expect(pageProblems).toEqual([]);
    } finally {
      await owner.close();
    }
  });

  it('lays the recipient page out for a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true });
    try {
      const page = await newPage(phone, 'phone');
      await page.goto(`${baseUrl}/s/AAAAAAAAAAAAAAAAAAAAAA`);
      const outcome = page.locator(testId('share-outcome'));
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-code')).toBe('SHARE_NOT_FOUND');
      // Nothing wider than the screen: no sideways scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, '12-recipient-not-found-phone');
      expect(pageProblems).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

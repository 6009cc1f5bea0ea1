/**
 * The outcome, in a real browser against the local runtime: an owner uploads a file,
 * shares it under an alias with a generated password and a 7-day expiry; a recipient with no
 * account is refused a wrong password, unlocks with the right one and downloads the exact
 * bytes under the alias; the owner cancels the link and the recipient loses access at once.
 * Screenshots of each main screen land in test-results/screenshots/ for people to look at.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { baseUrl, demoEmail, eventually, renameShareItem, runId, shareIdOf, shot, signIn, testId, unlock, useBrowser } from './support.js';

const browser = useBrowser();

describe('share lifecycle in the browser', () => {
  it('uploads, shares with an alias and a generated password, downloads the same bytes, then cancels', async () => {
    const owner = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const recipient = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    try {
      const page = await browser.newPage(owner, 'owner');
      await page.goto(`${baseUrl}/`);
      await page.waitForSelector(testId('signin-form'));
      await shot(page, '01-sign-in');
      await signIn(page, demoEmail);

      // Upload random bytes through the file input: progress bar first, then the file in the list.
      const run = runId();
      const fileName = `numbers-${run}.bin`;
      const alias = `Quarterly numbers ${run}.bin`;
      const bytes = randomBytes(300 * 1024);
      await page.setInputFiles(testId('upload-input'), { name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
      const upload = page.locator(testId('upload-item'), { hasText: fileName });
      await eventually(() => upload.locator(testId('upload-progress')).count()).toBe(1);
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
      expect(await dialog.locator(testId('share-item-alias')).textContent()).toBe(fileName);
      await renameShareItem(dialog, fileName, alias);
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
      const shareId = shareIdOf(link);

      // The recipient: no account, a second browser profile.
      const guest = await browser.newPage(recipient, 'recipient');
      await guest.goto(link);
      await guest.waitForSelector(testId('share-password'));
      expect(await guest.textContent(testId('share-expiry'))).toMatch(/Available until/);
      await shot(guest, '05-recipient-password');
      await unlock(guest, password === 'wrong-pw' ? 'other-pw' : 'wrong-pw');
      await eventually(() => guest.textContent(testId('unlock-error'))).toMatch(/Wrong password/);
      await shot(guest, '06-recipient-wrong-password');
      await unlock(guest, password);
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
      await eventually(() => linkRow.locator(testId('link-status')).textContent()).toBe('Cancelled');
      await shot(page, '10-link-cancelled');

      // The recipient's next look at the page says the link is gone.
      await guest.reload();
      const outcome = guest.locator(testId('share-outcome'));
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-code')).toBe('SHARE_CANCELLED');
      expect(await outcome.locator(testId('outcome-title')).textContent()).toBe('This link was cancelled by its owner');
      await shot(guest, '11-recipient-cancelled');

      expect(browser.pageProblems).toEqual([]);
    } finally {
      await owner.close();
      await recipient.close();
    }
    // Cold handlers on a 2-core machine running the other e2e files alongside.
  }, 120_000);

  it('cancels several links at once from "My share links" and keeps the others', async () => {
    const owner = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    try {
      const page = await browser.newPage(owner, 'owner');
      await signIn(page, demoEmail);
      const run = runId();
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
        await renameShareItem(dialog, fileName, `batch ${run} ${n}.txt`);
        await dialog.locator(testId('expiry-1')).check();
        await dialog.locator(testId('create-share-submit')).click();
        const link = await dialog.locator(testId('share-result-link')).inputValue();
        ids.push(shareIdOf(link));
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

      expect(browser.pageProblems).toEqual([]);
    } finally {
      await owner.close();
    }
  });

  it('lays the recipient page out for a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true });
    try {
      const page = await browser.newPage(phone, 'phone');
      await page.goto(`${baseUrl}/s/AAAAAAAAAAAAAAAAAAAAAA`);
      const outcome = page.locator(testId('share-outcome'));
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-code')).toBe('SHARE_NOT_FOUND');
      // Nothing wider than the screen: no sideways scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, '12-recipient-not-found-phone');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});

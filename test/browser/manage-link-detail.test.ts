/**
 * A link's own page, in a real browser against the local runtime: the owner opens a link
 * from "My share links" and sees its items, settings and access log (the recipient's
 * unlock and download); shows the link as a QR code; changes the expiry; sets a download
 * limit; regenerates the password, after which the recipient's open session is sent back to
 * the password form on its next action and only the new password opens the link.
 */
import { describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import {
  apiToken,
  baseUrl,
  demoEmail,
  eventually,
  openShareDialog,
  renameShareItem,
  runId,
  shareIdOf,
  shot,
  signIn,
  testId,
  unlock,
  useBrowser,
} from './support.js';

const DAY_MS = 24 * 3600 * 1000;

const browser = useBrowser();

describe('a link’s page', () => {
  it('shows the access log and QR code, changes expiry and limit, and a new password sends the recipient back to the password form', async () => {
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const guestContext = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    try {
      const run = runId();
      const folder = `detail-${run}`;
      const fileName = `brief-${run}.txt`;
      const alias = `Project brief ${run}.txt`;
      const ownerToken = await apiToken(demoEmail);
      await upload(ownerToken, `${folder}/${fileName}`, new TextEncoder().encode(`brief ${run}\n`), 'text/plain');

      // Create the link in the dialog: an alias, a generated password, at most 5 downloads.
      const owner = await browser.newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);
      const dialog = await openShareDialog(owner, `${folder}/${fileName}`);
      await renameShareItem(dialog, `${folder}/${fileName}`, alias);
      await dialog.locator(testId('max-downloads')).fill('5');
      await dialog.locator(testId('create-share-submit')).click();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      const oldPassword = await dialog.locator(testId('share-result-password')).inputValue();
      await dialog.locator(testId('share-result-done')).click();
      const shareId = shareIdOf(link);

      // The recipient unlocks and downloads once.
      const guest = await browser.newPage(guestContext, 'recipient');
      await guest.goto(link);
      await unlock(guest, oldPassword);
      const entry = guest.locator(testId('share-entry'), { hasText: alias });
      await entry.waitFor();
      await Promise.all([guest.waitForEvent('download'), entry.locator(testId('download-button')).click()]);

      // The owner opens the link's page from the list.
      await owner.click(testId('nav-links'));
      await owner.locator(`${testId('link-row')}[data-share-id="${shareId}"] ${testId('link-open')}`).click();
      await expect.poll(() => owner.evaluate(() => location.hash)).toBe(`#/links/${shareId}`);
      const detail = owner.locator(`${testId('link-detail')}[data-share-id="${shareId}"]`);
      await detail.waitFor();
      expect(await detail.locator(testId('link-detail-title')).textContent()).toBe(alias);
      expect(await detail.locator(testId('detail-url')).inputValue()).toBe(link);
      expect(await detail.locator(testId('detail-item-alias')).allTextContents()).toEqual([alias]);
      expect(await detail.locator(testId('detail-items')).textContent()).toContain(`${folder}/${fileName}`);
      expect(await detail.locator(testId('detail-password')).textContent()).toBe('Required');
      expect(await detail.locator(testId('detail-limit')).textContent()).toBe('5 downloads · 1 used');
      expect(await detail.locator(testId('detail-binding')).textContent()).toBe('Off');

      // The access log, newest first: the download (with the file's name), then the unlock.
      await detail.locator(testId('event-row')).nth(1).waitFor();
      const kinds = await detail.locator(testId('event-row')).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
      expect(kinds).toEqual(['download', 'unlock']);
      const texts = await detail.locator(testId('event-text')).allTextContents();
      expect(texts).toEqual(['Downloaded', 'Opened the link']);
      expect(await detail.locator(testId('event-row')).first().textContent()).toContain(alias);
      expect(await detail.locator(testId('event-agent')).first().textContent()).toMatch(/Chrome \d+/);
      await shot(owner, '30-link-detail');

      // The QR code: an SVG of many modules.
      await detail.locator(testId('detail-qr')).click();
      const qr = owner.locator(`${testId('qr-dialog')} svg${testId('qr-code')}`);
      await qr.waitFor();
      expect(await qr.locator('rect').count()).toBeGreaterThan(100);
      expect(await qr.getAttribute('aria-label')).toBe(`QR code for ${link}`);
      await shot(owner, '31-link-qr-code');
      await owner.keyboard.press('Escape');
      await owner.locator(testId('qr-dialog')).waitFor({ state: 'detached' });

      // Expiry: 30 days from now.
      const before = Date.now();
      await detail.locator(testId('edit-expiry')).click();
      await detail.locator(testId('detail-expiry-30')).check();
      await shot(owner, '32-link-change-expiry');
      await detail.locator(testId('expiry-save')).click();
      await detail.locator(testId('expiry-form')).waitFor({ state: 'detached' });
      expect(await detail.locator(testId('detail-notice')).textContent()).toBe('The expiry was changed.');
      const afterExpiry = await call('GET', `/api/shares/${shareId}`, { token: ownerToken });
      const expiresAt = Date.parse(afterExpiry.body.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY_MS - 60_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS + 60_000);
      expect(await detail.locator(testId('detail-expiry')).textContent()).not.toBe('Never');

      // Download limit: a bad number is refused in the form and kept; then 3 is saved.
      await detail.locator(testId('edit-limit')).click();
      await detail.locator(testId('limit-input')).fill('0');
      await detail.locator(testId('limit-save')).click();
      expect(await detail.locator(testId('limit-error')).textContent()).toMatch(/whole number/);
      expect(await detail.locator(testId('limit-input')).inputValue()).toBe('0');
      await detail.locator(testId('limit-input')).fill('3');
      await detail.locator(testId('limit-save')).click();
      await eventually(() => detail.locator(testId('detail-limit')).textContent()).toBe('3 downloads · 1 used');
      expect((await call('GET', `/api/shares/${shareId}`, { token: ownerToken })).body.maxDownloads).toBe(3);

      // A new password: shown once, and the old session ends at once.
      await detail.locator(testId('regenerate-password')).click();
      const regenerate = owner.locator(testId('regenerate-dialog'));
      expect(await regenerate.locator(testId('confirm-text')).textContent()).toMatch(/stops working at once/);
      await regenerate.locator(testId('confirm-regenerate')).click();
      const newPassword = await regenerate.locator(testId('new-password')).inputValue();
      expect(newPassword).toMatch(/^\S{8}$/);
      expect(newPassword).not.toBe(oldPassword);
      expect(await regenerate.locator(testId('new-password-warning')).textContent()).toMatch(/will not be shown again/);
      await shot(owner, '33-link-new-password');
      await regenerate.locator(testId('regenerate-done')).click();
      await regenerate.waitFor({ state: 'detached' });

      // The recipient's next action (another download) lands on the password form.
      await entry.locator(testId('download-button')).click();
      await guest.locator(testId('unlock-notice')).waitFor();
      expect(await guest.textContent(testId('unlock-notice'))).toBe('Your access ended. Enter the password again to continue.');
      await unlock(guest, oldPassword);
      await eventually(() => guest.textContent(testId('unlock-error'))).toMatch(/Wrong password/);
      await unlock(guest, newPassword);
      await guest.locator(testId('share-entry'), { hasText: alias }).waitFor();

      // The log now also shows the refused old password; fifty more unlocks make a second page.
      for (let i = 0; i < 50; i += 1) {
        const opened = await call('POST', `/api/public/shares/${shareId}/access`, {
          body: { password: newPassword, deviceId: `paging-device-${i}` },
        });
        expect(opened.status).toBe(200);
      }
      await detail.locator(testId('events-refresh')).click();
      await eventually(() => detail.locator(testId('event-row')).count()).toBe(50);
      await detail.locator(testId('events-load-more')).click();
      await eventually(() => detail.locator(testId('event-row')).count()).toBe(54);
      expect(await detail.locator(testId('events-load-more')).count()).toBe(0);
      const allTexts = await detail.locator(testId('event-text')).allTextContents();
      expect(allTexts.slice(-4)).toEqual(['Opened the link', 'Refused: wrong password', 'Downloaded', 'Opened the link']);
      await shot(owner, '34-link-access-log-paged');

      expect(browser.pageProblems).toEqual([]);
    } finally {
      await Promise.all([ownerContext.close(), guestContext.close()]);
    }
  }, 150_000);

  it('fits a phone screen, cancels through the confirm dialog and then offers no more changes', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    try {
      const ownerToken = await apiToken(demoEmail);
      const filePath = `phone-${runId()}/minutes.txt`;
      await upload(ownerToken, filePath, new TextEncoder().encode('minutes\n'), 'text/plain');
      const created = await call('POST', '/api/shares', {
        token: ownerToken,
        body: {
          items: [{ path: filePath, alias: 'Meeting minutes.txt' }],
          password: { mode: 'none' },
          expiry: { never: true },
          maxDownloads: 2,
        },
      });
      expect(created.status).toBe(201);
      const shareId = created.body.id as string;

      const page = await browser.newPage(phone, 'owner on a phone');
      await signIn(page, demoEmail);
      await page.goto(`${baseUrl}/#/links/${shareId}`);
      const detail = page.locator(testId('link-detail'));
      await detail.waitFor();
      expect(await detail.locator(testId('detail-expiry')).textContent()).toBe('Never');
      expect(await detail.locator(testId('detail-password')).textContent()).toMatch(/^Not required/);
      expect(await detail.locator(testId('detail-limit')).textContent()).toBe('2 downloads · 0 used');
      await detail.locator(testId('events-empty')).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, '35-link-detail-phone');

      await detail.locator(testId('detail-cancel')).click();
      const confirm = page.locator(testId('confirm-dialog'));
      expect(await confirm.locator(testId('confirm-text')).textContent()).toMatch(/^Cancel this link\? Recipients lose access immediately/);
      await confirm.locator(testId('confirm-ok')).click();
      await confirm.waitFor({ state: 'detached' });
      await eventually(() => detail.locator(testId('link-detail-status')).textContent()).toBe('Cancelled');
      expect(await detail.locator(testId('detail-cancelled-note')).count()).toBe(1);
      for (const action of ['edit-expiry', 'edit-limit', 'regenerate-password', 'detail-cancel']) {
        expect(await detail.locator(testId(action)).count()).toBe(0);
      }
      expect(await detail.locator(testId('detail-allow-download')).isDisabled()).toBe(true);
      const recipient = await call('GET', `/api/public/shares/${shareId}`);
      expect(recipient.status).toBe(410);

      // Back to the list, which also fits the phone and opens links by their name.
      await page.click(testId('back-to-links'));
      await page.locator(`${testId('link-row')}[data-share-id="${shareId}"]`).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, '36-links-phone');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('says so when the link does not exist or is not the owner’s', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await browser.newPage(context, 'owner');
      await signIn(page, demoEmail);
      await page.goto(`${baseUrl}/#/links/AAAAAAAAAAAAAAAAAAAAAA`);
      const missing = page.locator(testId('link-detail-missing'));
      await missing.waitFor();
      expect(await missing.locator('h1').textContent()).toBe('Link not found');
      await page.click(testId('back-to-links'));
      await page.locator(testId('links-table')).waitFor();
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

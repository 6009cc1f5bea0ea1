/**
 * Issue 4's browser outcome: an administrator allows device binding on the admin page; the
 * owner creates a link bound to the first device in the share dialog; recipient A (one
 * browser profile) unlocks and downloads; recipient B (another profile) is told the link is
 * bound to another device; the owner resets the binding on the link's page and B gets in.
 * The tenant settings go back to the defaults afterwards (other files assume them).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { upload } from '../integration/client.js';
import {
  adminEmail,
  apiToken,
  demoEmail,
  eventually,
  openShareDialog,
  restoreTenantDefaults,
  runId,
  setSwitch,
  shareIdOf,
  shot,
  signIn,
  testId,
  unlock,
  useBrowser,
} from './support.js';

const browser = useBrowser();

afterAll(restoreTenantDefaults);

describe('device binding, managed in the browser', () => {
  it('binds a link to the first device, refuses a second one, and lets it in after the owner resets the binding', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const contextA = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    const contextB = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    try {
      // The administrator allows device binding.
      const admin = await browser.newPage(adminContext, 'admin');
      await signIn(admin, adminEmail);
      await admin.click(testId('nav-admin'));
      const form = admin.locator(testId('admin-form'));
      await form.waitFor();
      expect(await form.locator(testId('admin-device-binding')).isChecked()).toBe(false);
      await setSwitch(form.locator(testId('admin-device-binding')), true);
      await form.locator(testId('admin-save')).click();
      await form.locator(testId('admin-saved')).waitFor();
      await shot(admin, '20-admin-binding-enabled');

      // The owner shares a file with "bind to the first device" ticked.
      const run = runId();
      const folder = `bind-${run}`;
      const fileName = `plan-${run}.bin`;
      const bytes = randomBytes(64 * 1024);
      await upload(await apiToken(demoEmail), `${folder}/${fileName}`, bytes);
      const owner = await browser.newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);
      const dialog = await openShareDialog(owner, `${folder}/${fileName}`);
      const binding = dialog.locator(testId('device-binding'));
      // Shown only because the policy now allows it (the dialog reads the policy fresh).
      await binding.waitFor({ state: 'attached' });
      await setSwitch(binding, true);
      await shot(owner, '21-share-dialog-bound');
      await dialog.locator(testId('create-share-submit')).click();
      await dialog.locator(testId('share-result')).waitFor();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      const secret = await dialog.locator(testId('share-result-password')).inputValue();
      await dialog.locator(testId('share-result-done')).click();
      const shareId = shareIdOf(link);

      // Recipient A: the first device. Unlocks and downloads the exact bytes.
      const pageA = await browser.newPage(contextA, 'recipient A');
      await pageA.goto(link);
      await unlock(pageA, secret);
      const entryA = pageA.locator(testId('share-entry'), { hasText: fileName });
      await entryA.waitFor();
      const [download] = await Promise.all([pageA.waitForEvent('download'), entryA.locator(testId('download-button')).click()]);
      expect(Buffer.compare(await readFile(await download.path()), bytes)).toBe(0);

      // Recipient B: another browser profile, refused before typing any password (its device id goes with the first request).
      const pageB = await browser.newPage(contextB, 'recipient B');
      await pageB.goto(link);
      const outcome = pageB.locator(testId('share-outcome'));
      await outcome.waitFor();
      expect(await pageB.locator(testId('share-password')).count()).toBe(0);
      expect(await outcome.getAttribute('data-code')).toBe('DEVICE_BOUND');
      expect(await outcome.locator(testId('outcome-title')).textContent()).toBe('This link is bound to another device');
      await shot(pageB, '22-recipient-b-bound-elsewhere');

      // The owner opens the link from "My share links", sees the binding and the refusal, resets it.
      await owner.click(testId('nav-links'));
      await owner.locator(`${testId('link-row')}[data-share-id="${shareId}"] ${testId('link-open')}`).click();
      const detail = owner.locator(`${testId('link-detail')}[data-share-id="${shareId}"]`);
      await detail.waitFor();
      expect(await detail.locator(testId('detail-binding')).textContent()).toBe('Bound to the first device that opened it');
      const refusal = detail.locator(`${testId('event-row')}[data-kind="denied:DEVICE_BOUND"]`);
      await refusal.waitFor();
      expect(await refusal.locator(testId('event-text')).textContent()).toBe('Refused: the link is bound to another device');
      await shot(owner, '23-link-detail-bound');
      await detail.locator(testId('reset-binding')).click();
      const confirm = owner.locator(testId('reset-dialog'));
      await confirm.locator(testId('confirm-ok')).click();
      await confirm.waitFor({ state: 'detached' });
      await eventually(() => detail.locator(testId('detail-binding')).textContent()).toBe(
        'On, not bound yet: the first device to open it will own it',
      );
      expect(await detail.locator(testId('reset-binding')).count()).toBe(0);
      expect(await detail.locator(testId('detail-notice')).textContent()).toMatch(/binding was reset/);

      // B tries again and gets in.
      await pageB.reload();
      await unlock(pageB, secret);
      await pageB.locator(testId('share-entry'), { hasText: fileName }).waitFor();
      await shot(pageB, '24-recipient-b-after-reset');

      expect(browser.pageProblems).toEqual([]);
    } finally {
      await Promise.all([adminContext.close(), ownerContext.close(), contextA.close(), contextB.close()]);
    }
  }, 120_000);
});

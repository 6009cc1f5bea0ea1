/**
 * The admin page in a real browser: a non-administrator has no Admin menu and is told
 * "Not allowed" at #/admin; an administrator sets the tenant policy, sees the API's
 * validation message in the page's words with what they typed kept, and the owner's share
 * dialog then follows the new rules (password required, default and maximum expiry).
 * The tenant settings go back to the defaults afterwards (other files assume them).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import {
  adminEmail,
  apiToken,
  baseUrl,
  demoEmail,
  eventually,
  openShareDialog,
  restoreTenantDefaults,
  runId,
  setSwitch,
  shot,
  signIn,
  testId,
  useBrowser,
} from './support.js';

const browser = useBrowser();

afterAll(restoreTenantDefaults);

describe('administration in the browser', () => {
  it('hides the Admin menu from a non-administrator and refuses #/admin in words', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    try {
      const page = await browser.newPage(context, 'owner');
      await signIn(page, demoEmail);
      await page.locator(testId('nav-links')).waitFor();
      expect(await page.locator(testId('nav-admin')).count()).toBe(0);
      await page.goto(`${baseUrl}/#/admin`);
      const refusal = page.locator(testId('admin-forbidden'));
      await refusal.waitFor();
      expect(await refusal.locator('h1').textContent()).toBe('Not allowed');
      expect(await page.locator(testId('admin-form')).count()).toBe(0);
      await shot(page, '40-admin-not-allowed');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sets the tenant policy, shows validation in words, and the share dialog follows the new rules', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const admin = await browser.newPage(adminContext, 'admin');
      await signIn(admin, adminEmail);
      await admin.click(testId('nav-admin'));
      const form = admin.locator(testId('admin-form'));
      await form.waitFor();
      // The defaults as the form shows them.
      expect(await form.locator(testId('admin-device-binding')).isChecked()).toBe(false);
      expect(await form.locator(testId('admin-require-password')).isChecked()).toBe(false);
      expect(await form.locator(testId('admin-default-expiry')).inputValue()).toBe('7');
      expect(await form.locator(testId('admin-no-max')).isChecked()).toBe(true);
      expect(await form.locator(testId('admin-sender-user')).isChecked()).toBe(true);

      // A default beyond the maximum: the API refuses, the page says why, the values stay.
      await setSwitch(form.locator(testId('admin-require-password')), true);
      await form.locator(testId('admin-default-expiry')).fill('45');
      await form.locator(testId('admin-has-max')).check();
      await form.locator(testId('admin-max-expiry')).fill('30');
      await form.locator(testId('admin-save')).click();
      const error = form.locator(testId('admin-error'));
      await error.waitFor();
      expect(await error.textContent()).toBe('Default expiry: must not exceed Maximum expiry');
      expect(await form.locator(testId('admin-default-expiry')).getAttribute('aria-invalid')).toBe('true');
      expect(await form.locator(testId('admin-default-expiry')).inputValue()).toBe('45');
      await shot(admin, '41-admin-validation');

      // An administrator sender that is not an address is refused too.
      await form.locator(testId('admin-sender-admin')).check();
      await form.locator(testId('admin-sender')).fill('not-an-address');
      await form.locator(testId('admin-default-expiry')).fill('14');
      await form.locator(testId('admin-save')).click();
      await eventually(() => error.textContent()).toMatch(/^Sender address: /);
      await form.locator(testId('admin-sender-user')).check();
      await form.locator(testId('admin-save')).click();
      await form.locator(testId('admin-saved')).waitFor();
      expect(await form.locator(testId('admin-error')).count()).toBe(0);
      const saved = await call('GET', '/api/admin/settings', { token: await apiToken(adminEmail) });
      expect(saved.body).toEqual({
        adminNotificationSender: null,
        deviceBindingEnabled: false,
        requirePassword: true,
        defaultExpiryDays: 14,
        maxExpiryDays: 30,
        // Settings added later are always in GET; the page leaves the ones it does not show as they were.
        dailyPartnerEmailLimit: 200,
        fileRequestsEnabled: true,
        defaultRequestMaxBytes: 10 * 1024 ** 3,
      });
      await shot(admin, '42-admin-saved');

      // The owner's share dialog now requires a password, proposes 14 days and allows at most 30.
      const folder = `policy-${runId()}`;
      await upload(await apiToken(demoEmail), `${folder}/notes.txt`, new TextEncoder().encode('notes\n'), 'text/plain');
      const owner = await browser.newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);
      const dialog = await openShareDialog(owner, `${folder}/notes.txt`);
      await eventually(() => dialog.locator(testId('expiry-policy-hint')).textContent()).toBe(
        "Your organisation's default is 14 days; links can last at most 30 days.",
      );
      expect(await dialog.locator(testId('expiry-14')).isChecked()).toBe(true);
      expect(await dialog.locator(testId('expiry-never')).isDisabled()).toBe(true);
      expect(await dialog.locator(testId('expiry-30')).isDisabled()).toBe(false);
      expect(await dialog.locator(testId('password-none')).isDisabled()).toBe(true);
      expect(await dialog.locator(testId('device-binding')).count()).toBe(0);
      await shot(owner, '43-share-dialog-under-policy');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await Promise.all([adminContext.close(), ownerContext.close()]);
      await restoreTenantDefaults();
    }
  }, 120_000);
});

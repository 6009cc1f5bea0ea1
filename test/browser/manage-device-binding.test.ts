/**
 * Issue 4's browser outcome: an administrator allows device binding on the admin page; the
 * owner creates a link bound to the first device in the share dialog; recipient A (one
 * browser profile) unlocks and downloads; recipient B (another profile) is told the link is
 * bound to another device; the owner resets the binding on the link's page and B gets in.
 * The tenant settings go back to the defaults afterwards (other files assume them).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, signIn as apiSignIn, upload } from '../integration/client.js';

const baseUrl = inject('baseUrl');
const demoEmail = inject('demoEmail');
const adminEmail = inject('adminEmail');
const password = inject('demoPassword');

const screenshotDir = path.resolve('test-results', 'screenshots');
const TIMEOUT = 15_000;
const DEFAULT_TENANT_SETTINGS = { adminNotificationSender: null, deviceBindingEnabled: false, requirePassword: false, defaultExpiryDays: 7, maxExpiryDays: null };

let browser: Browser;
const pageProblems: string[] = [];

const testId = (id: string) => `[data-testid="${id}"]`;
/** Full-page screenshot from the top, so the sticky top bar is not captured mid-page. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function newPage(context: BrowserContext, who: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`${who}: uncaught ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) pageProblems.push(`${who}: ${message.text()}`);
  });
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.fill(testId('signin-email'), email);
  await page.fill(testId('signin-password'), password);
  await page.click(testId('signin-submit'));
  await expect.poll(() => page.textContent(testId('user-email')), { timeout: TIMEOUT }).toBe(email);
}

/** Switches are visually replaced by their track: click the label, then check the state took. */
async function setSwitch(input: Locator, on: boolean): Promise<void> {
  if ((await input.isChecked()) !== on) await input.locator('xpath=ancestor::label[1]').click();
  await expect.poll(() => input.isChecked()).toBe(on);
}

async function unlock(page: Page, secret: string): Promise<void> {
  await page.fill(testId('share-password'), secret);
  await page.click(testId('unlock-submit'));
}

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  const adminToken = await apiSignIn(adminEmail, password);
  const restored = await call('PUT', '/api/admin/settings', { token: adminToken, body: DEFAULT_TENANT_SETTINGS });
  await browser?.close();
  expect(restored.status).toBe(200);
});

describe('device binding, managed in the browser', () => {
  it('binds a link to the first device, refuses a second one, and lets it in after the owner resets the binding', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const contextA = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    const contextB = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    try {
      // The administrator allows device binding.
      const admin = await newPage(adminContext, 'admin');
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
      const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
      const folder = `bind-${run}`;
      const fileName = `plan-${run}.bin`;
      const bytes = randomBytes(64 * 1024);
      await upload(await apiSignIn(demoEmail, password), `${folder}/${fileName}`, bytes);
      const owner = await newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);
      await owner.goto(`${baseUrl}/#/files/${folder}/`);
      const row = owner.locator(`${testId('file-row')}[data-path="${folder}/${fileName}"]`);
      await row.locator(testId('file-checkbox')).check();
      await owner.click(testId('share-button'));
      const dialog = owner.locator(testId('share-dialog'));
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
      const shareId = link.slice(link.lastIndexOf('/') + 1);

      // Recipient A: the first device. Unlocks and downloads the exact bytes.
      const pageA = await newPage(contextA, 'recipient A');
      await pageA.goto(link);
      await unlock(pageA, secret);
      const entryA = pageA.locator(testId('share-entry'), { hasText: fileName });
      await entryA.waitFor();
      const [download] = await Promise.all([pageA.waitForEvent('download'), entryA.locator(testId('download-button')).click()]);
      expect(Buffer.compare(await readFile(await download.path()), bytes)).toBe(0);

      // Recipient B: another browser profile, same password, refused.
      const pageB = await newPage(contextB, 'recipient B');
      await pageB.goto(link);
      await unlock(pageB, secret);
      const outcome = pageB.locator(testId('share-outcome'));
      await outcome.waitFor();
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
      await expect
        .poll(() => detail.locator(testId('detail-binding')).textContent(), { timeout: TIMEOUT })
        .toBe('On, not bound yet: the first device to open it will own it');
      expect(await detail.locator(testId('reset-binding')).count()).toBe(0);
      expect(await detail.locator(testId('detail-notice')).textContent()).toMatch(/binding was reset/);

      // B tries again and gets in.
      await pageB.reload();
      await unlock(pageB, secret);
      await pageB.locator(testId('share-entry'), { hasText: fileName }).waitFor();
      await shot(pageB, '24-recipient-b-after-reset');

      expect(pageProblems).toEqual([]);
    } finally {
      await Promise.all([adminContext.close(), ownerContext.close(), contextA.close(), contextB.close()]);
    }
  }, 120_000);
});

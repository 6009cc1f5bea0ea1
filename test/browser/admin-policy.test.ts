/**
 * The admin page in a real browser: a non-administrator has no Admin menu and is told
 * "Not allowed" at #/admin; an administrator sets the tenant policy, sees the API's
 * validation message in the page's words with what they typed kept, and the owner's share
 * dialog then follows the new rules (password required, default and maximum expiry).
 * The tenant settings go back to the defaults afterwards (other files assume them).
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
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

async function restoreDefaults(): Promise<void> {
  const restored = await call('PUT', '/api/admin/settings', { token: await apiSignIn(adminEmail, password), body: DEFAULT_TENANT_SETTINGS });
  expect(restored.status).toBe(200);
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
  await restoreDefaults();
});

describe('administration in the browser', () => {
  it('hides the Admin menu from a non-administrator and refuses #/admin in words', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    try {
      const page = await newPage(context, 'owner');
      await signIn(page, demoEmail);
      await page.locator(testId('nav-links')).waitFor();
      expect(await page.locator(testId('nav-admin')).count()).toBe(0);
      await page.goto(`${baseUrl}/#/admin`);
      const refusal = page.locator(testId('admin-forbidden'));
      await refusal.waitFor();
      expect(await refusal.locator('h1').textContent()).toBe('Not allowed');
      expect(await page.locator(testId('admin-form')).count()).toBe(0);
      await shot(page, '40-admin-not-allowed');
      expect(pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sets the tenant policy, shows validation in words, and the share dialog follows the new rules', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const admin = await newPage(adminContext, 'admin');
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
      await expect.poll(() => error.textContent(), { timeout: TIMEOUT }).toMatch(/^Sender address: /);
      await form.locator(testId('admin-sender-user')).check();
      await form.locator(testId('admin-save')).click();
      await form.locator(testId('admin-saved')).waitFor();
      expect(await form.locator(testId('admin-error')).count()).toBe(0);
      const saved = await call('GET', '/api/admin/settings', { token: await apiSignIn(adminEmail, password) });
      expect(saved.body).toEqual({ adminNotificationSender: null, deviceBindingEnabled: false, requirePassword: true, defaultExpiryDays: 14, maxExpiryDays: 30 });
      await shot(admin, '42-admin-saved');

      // The owner's share dialog now requires a password, proposes 14 days and allows at most 30.
      const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
      const folder = `policy-${run}`;
      await upload(await apiSignIn(demoEmail, password), `${folder}/notes.txt`, new TextEncoder().encode('notes\n'), 'text/plain');
      const owner = await newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);
      await owner.goto(`${baseUrl}/#/files/${folder}/`);
      await owner.locator(`${testId('file-row')}[data-path="${folder}/notes.txt"] ${testId('file-checkbox')}`).check();
      await owner.click(testId('share-button'));
      const dialog = owner.locator(testId('share-dialog'));
      await expect.poll(() => dialog.locator(testId('expiry-policy-hint')).textContent(), { timeout: TIMEOUT }).toBe(
        "Your organisation's default is 14 days; links can last at most 30 days.",
      );
      expect(await dialog.locator(testId('expiry-14')).isChecked()).toBe(true);
      expect(await dialog.locator(testId('expiry-never')).isDisabled()).toBe(true);
      expect(await dialog.locator(testId('expiry-30')).isDisabled()).toBe(false);
      expect(await dialog.locator(testId('password-none')).isDisabled()).toBe(true);
      expect(await dialog.locator(testId('device-binding')).count()).toBe(0);
      await shot(owner, '43-share-dialog-under-policy');
      expect(pageProblems).toEqual([]);
    } finally {
      await Promise.all([adminContext.close(), ownerContext.close()]);
      await restoreDefaults();
    }
  }, 120_000);
});

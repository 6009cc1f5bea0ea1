/**
 * What every browser test needs: one headless Chromium per file, pages that record their own
 * uncaught errors and CSP violations, sign-in through the UI, screenshots, and the tenant
 * defaults other files assume.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { call, signIn as apiSignIn } from '../integration/client.js';
import { proveSender } from '../integration/notifications-inbox.js';

export const baseUrl = inject('baseUrl');
export const inboxUrl = inject('inboxUrl');
export const demoEmail = inject('demoEmail');
/** The demo owner's display name: what recipients see as the sharer. */
export const demoName = inject('demoName');
export const adminEmail = inject('adminEmail');
/** The demo owner and the administrator share this password. */
export const demoPassword = inject('demoPassword');

/** Default wait for page actions and polled assertions. */
export const TIMEOUT = 15_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const screenshotDir = path.resolve('test-results', 'screenshots');

const DEFAULT_TENANT_SETTINGS = {
  adminNotificationSender: null,
  deviceBindingEnabled: false,
  requirePassword: false,
  defaultExpiryDays: 7,
  maxExpiryDays: null,
};

export const testId = (id: string) => `[data-testid="${id}"]`;

/** expect.poll that waits as long as page actions do (its own default is one second). */
export const eventually = <T>(read: () => T) => expect.poll(read, { timeout: TIMEOUT });

/** A name part no other run uses, so tests never collide on files or links. */
export const runId = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** The share id is the last path segment of a share link. */
export const shareIdOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

export interface TestBrowser {
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page whose uncaught errors and CSP violations land in `pageProblems`, tagged with `who`. */
  newPage(context: BrowserContext, who: string): Promise<Page>;
  /** Problems the pages reported themselves; each test ends by expecting none. */
  readonly pageProblems: string[];
}

/** Launches Chromium before the file's tests and closes it after them. */
export function useBrowser(options: { timeout?: number } = {}): TestBrowser {
  const timeout = options.timeout ?? TIMEOUT;
  let browser: Browser | undefined;
  const pageProblems: string[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  const launched = () => {
    if (!browser) throw new Error('the browser starts in beforeAll');
    return browser;
  };
  return {
    pageProblems,
    newContext: (contextOptions) => launched().newContext(contextOptions),
    async newPage(context, who) {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageProblems.push(`${who}: uncaught ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
          pageProblems.push(`${who}: ${message.text()}`);
      });
      page.setDefaultTimeout(timeout);
      return page;
    },
  };
}

/** Full-page screenshot from the top, so the sticky top bar is not captured mid-page. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  // Playwright creates the folder if needed.
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fills and submits the sign-in form, without waiting for the outcome. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.fill(testId('signin-email'), email);
  await page.fill(testId('signin-password'), password);
  await page.click(testId('signin-submit'));
}

/** Signs in through the web app and waits until it shows who is signed in. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await submitSignIn(page, email, demoPassword);
  await expect.poll(() => page.textContent(testId('user-email')), { timeout: TIMEOUT }).toBe(email);
}

/** An ID token for the API, for setting up or checking what the browser did. */
export const apiToken = (email: string) => apiSignIn(email, demoPassword);

/** Submits a share's password on the recipient page. */
export async function unlock(page: Page, secret: string): Promise<void> {
  await page.fill(testId('share-password'), secret);
  await page.click(testId('unlock-submit'));
}

/** Opens the owner's share dialog with one file selected, from the file's folder. */
export async function openShareDialog(page: Page, filePath: string): Promise<Locator> {
  await page.goto(`${baseUrl}/#/files/${path.posix.dirname(filePath)}/`);
  await page.locator(`${testId('file-row')}[data-path="${filePath}"] ${testId('file-checkbox')}`).check();
  await page.click(testId('share-button'));
  return page.locator(testId('share-dialog'));
}

/** Sets the name recipients see for one item of the share dialog: Rename on its row, type, Done. */
export async function renameShareItem(dialog: Locator, path: string, alias: string): Promise<void> {
  await dialog.locator(`${testId('share-item')}[data-path="${path}"] ${testId('share-item-rename')}`).click();
  await dialog.locator(`${testId('alias-input')}[data-path="${path}"]`).fill(alias);
  await dialog.locator(testId('alias-done')).click();
  await expect
    .poll(() => dialog.locator(`${testId('share-item')}[data-path="${path}"] ${testId('share-item-alias')}`).textContent())
    .toBe(alias);
}

/** Switches are visually replaced by their track: click the label, then check the state took. */
export async function setSwitch(input: Locator, on: boolean): Promise<void> {
  if ((await input.isChecked()) !== on) await input.locator('xpath=ancestor::label[1]').click();
  await expect.poll(() => input.isChecked()).toBe(on);
}

/** Puts the tenant policy back as other files assume it. */
export async function restoreTenantDefaults(): Promise<void> {
  const restored = await call('PUT', '/api/admin/settings', { token: await apiToken(adminEmail), body: DEFAULT_TENANT_SETTINGS });
  expect(restored.status).toBe(200);
}

/**
 * Sets (or with null, clears) the signed-in owner's own notification sender. Any address but
 * the verified sign-in one is proved first, with the code emailed to it (read from the inbox).
 */
export async function setNotificationSender(token: string, sender: string | null): Promise<void> {
  const saved = await call('PUT', '/api/me/settings', { token, body: { notificationSender: sender } });
  if (saved.status === 400 && saved.body.error.code === 'SENDER_NOT_VERIFIED' && sender) {
    await proveSender(baseUrl, inboxUrl, token, sender);
    return;
  }
  expect(saved.status).toBe(200);
}

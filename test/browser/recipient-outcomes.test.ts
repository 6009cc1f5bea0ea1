/**
 * What a recipient sees besides the happy path, in a real browser: a shared folder with
 * downloads turned off, the lock-out after too many wrong passwords, an access token that no
 * longer works; and the owner sent back to sign-in when the API stops accepting the session.
 */
import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, signIn, upload } from '../integration/client.js';

const baseUrl = inject('baseUrl');
const TIMEOUT = 15_000;
const testId = (id: string) => `[data-testid="${id}"]`;

let browser: Browser;
let ownerToken: string;

async function share(items: { path: string; alias?: string }[], settings: { allowDownload: boolean; password: string }): Promise<string> {
  const created = await call('POST', '/api/shares', {
    token: ownerToken,
    body: {
      items,
      allowDownload: settings.allowDownload,
      password: { mode: 'custom', value: settings.password },
      expiry: { days: 1 },
      recipients: [],
      notifyOnDownload: false,
      deviceBinding: false,
    },
  });
  expect(created.status).toBe(201);
  return created.body.url as string;
}

async function recipientPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

async function unlock(page: Page, password: string) {
  await page.fill(testId('share-password'), password);
  await page.click(testId('unlock-submit'));
}

beforeAll(async () => {
  ownerToken = await signIn(inject('demoEmail'), inject('demoPassword'));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('recipient outcomes in the browser', () => {
  it('browses a shared folder with breadcrumbs and offers no download when the owner turned downloads off', async () => {
    const root = `web-${randomBytes(4).toString('hex')}/`;
    await upload(ownerToken, `${root}b.txt`, new TextEncoder().encode('bee'));
    await upload(ownerToken, `${root}sub/a.txt`, new TextEncoder().encode('ay'));
    const link = await share([{ path: root, alias: 'Project' }], { allowDownload: false, password: 'folder-pass' });

    const page = await recipientPage();
    try {
      await page.goto(link);
      await unlock(page, 'folder-pass');
      await page.waitForSelector(testId('downloads-off'));
      expect(await page.textContent(testId('downloads-off'))).toContain('The owner turned off downloads');
      await page.click(`${testId('share-folder')}:has-text("Project")`);
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("b.txt")`);
      expect(await page.locator(testId('share-entry-name')).allTextContents()).toEqual(['sub', 'b.txt']);
      expect(await page.locator(testId('share-breadcrumbs')).textContent()).toMatch(/All files.*Project/);
      expect(await page.locator(testId('download-button')).count()).toBe(0);

      await page.click(`${testId('share-folder')}:has-text("sub")`);
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("a.txt")`);
      await page.screenshot({ path: 'test-results/screenshots/13-recipient-folder-downloads-off.png', fullPage: true });
      await page.click(`${testId('share-breadcrumbs')} button:text-is("Project")`);
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("b.txt")`);
    } finally {
      await page.context().close();
    }
  });

  it('tells the recipient how long to wait after too many wrong passwords', async () => {
    const name = `web-${randomBytes(4).toString('hex')}.txt`;
    await upload(ownerToken, name, new TextEncoder().encode('locked'));
    const link = await share([{ path: name }], { allowDownload: true, password: 'right-pass' });

    const page = await recipientPage();
    try {
      await page.goto(link);
      for (let attempt = 1; attempt <= 5; attempt++) {
        await unlock(page, `wrong-${attempt}`);
        await expect.poll(() => page.textContent(testId('unlock-error')), { timeout: TIMEOUT }).toMatch(/Wrong password/);
        // The message element is replaced on each answer; wait for the button to come back.
        await page.waitForSelector(`${testId('unlock-submit')}:not([disabled])`);
      }
      await unlock(page, 'right-pass');
      await expect.poll(() => page.textContent(testId('unlock-error')), { timeout: TIMEOUT }).toMatch(/^Too many attempts\. Try again in 1[45] minutes\.$/);
      await page.screenshot({ path: 'test-results/screenshots/14-recipient-too-many-attempts.png', fullPage: true });
    } finally {
      await page.context().close();
    }
  });

  it('asks for the password again when the stored access token stops working', async () => {
    const name = `web-${randomBytes(4).toString('hex')}.txt`;
    await upload(ownerToken, name, new TextEncoder().encode('token'));
    const link = await share([{ path: name, alias: 'Token test.txt' }], { allowDownload: true, password: 'token-pass' });
    const shareId = link.slice(link.lastIndexOf('/') + 1);

    const page = await recipientPage();
    try {
      await page.goto(link);
      await unlock(page, 'token-pass');
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("Token test.txt")`);
      await page.evaluate((key) => sessionStorage.setItem(key, 'not-a-valid-token'), `sharelink.share.${shareId}`);
      await page.reload();
      await page.waitForSelector(testId('unlock-notice'));
      expect(await page.textContent(testId('unlock-notice'))).toMatch(/Enter the password again/);
      await unlock(page, 'token-pass');
      await page.waitForSelector(`${testId('share-entry-name')}:text-is("Token test.txt")`);
    } finally {
      await page.context().close();
    }
  });

  it('sends the owner back to sign-in with a message when the API rejects the session', async () => {
    const page = await recipientPage();
    try {
      await page.goto(`${baseUrl}/`);
      await page.evaluate(() => sessionStorage.setItem('sharelink.idToken', 'header.payload.signature'));
      await page.reload();
      await page.waitForSelector(testId('signin-notice'));
      expect(await page.textContent(testId('signin-notice'))).toBe('Your session has ended. Please sign in again.');
      expect(await page.evaluate(() => sessionStorage.getItem('sharelink.idToken'))).toBeNull();
    } finally {
      await page.context().close();
    }
  });
});

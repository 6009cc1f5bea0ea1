/**
 * What a recipient sees besides the happy path, in a real browser: a shared folder with
 * downloads turned off, the lock-out after too many wrong passwords, an access token that no
 * longer works; and the owner sent back to sign-in when the API stops accepting the session.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import { apiToken, baseUrl, demoEmail, eventually, shareIdOf, shot, testId, TIMEOUT, unlock, useBrowser } from './support.js';

const browser = useBrowser();
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

/** A fresh browser profile per page, so no access token carries over between tests. */
async function recipientPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

beforeAll(async () => {
  ownerToken = await apiToken(demoEmail);
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
      await shot(page, '13-recipient-folder-downloads-off');
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
        await eventually(() => page.textContent(testId('unlock-error'))).toMatch(/Wrong password/);
        // The message element is replaced on each answer; wait for the button to come back.
        await page.waitForSelector(`${testId('unlock-submit')}:not([disabled])`);
      }
      await unlock(page, 'right-pass');
      // A disabled form and a live countdown (from Retry-After): a locked-out recipient cannot keep submitting.
      await eventually(() => page.textContent(testId('unlock-countdown'))).toMatch(
        /^Too many wrong passwords\. You can try again in 1[45]:\d\d\.$/,
      );
      expect(await page.isDisabled(testId('share-password'))).toBe(true);
      expect(await page.isDisabled(testId('unlock-submit'))).toBe(true);
      const before = await page.textContent(testId('unlock-countdown-time'));
      await eventually(() => page.textContent(testId('unlock-countdown-time'))).not.toBe(before);
      await shot(page, '14-recipient-too-many-attempts');
    } finally {
      await page.context().close();
    }
  });

  it('asks for the password again when the stored access token stops working', async () => {
    const name = `web-${randomBytes(4).toString('hex')}.txt`;
    await upload(ownerToken, name, new TextEncoder().encode('token'));
    const link = await share([{ path: name, alias: 'Token test.txt' }], { allowDownload: true, password: 'token-pass' });
    const shareId = shareIdOf(link);

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
      // A refresh token Cognito no longer knows (revoked, expired): the app cannot renew the session.
      await page.evaluate(() => localStorage.setItem('sharelink.refreshToken', 'revoked-refresh-token'));
      await page.reload();
      await page.waitForSelector(testId('signin-notice'));
      expect(await page.textContent(testId('signin-notice'))).toBe('Your session has ended. Please sign in again.');
      expect(await page.evaluate(() => localStorage.getItem('sharelink.refreshToken'))).toBeNull();
    } finally {
      await page.context().close();
    }
  });
});

/**
 * An operator creates a user with `npm run create-user` (Cognito AdminCreateUser with a
 * temporary password); at first sign-in the web app asks them to choose their own password,
 * then lets them in. Runs the real script code against the local runtime's Cognito.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createUser } from '../../bin/create-user.js';

const baseUrl = inject('baseUrl');
const testId = (id: string) => `[data-testid="${id}"]`;
let browser: Browser;

beforeAll(async () => {
  // cognito-local accepts any credentials; the SDK only needs some to sign with.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('a user created by an operator', () => {
  it('chooses their own password at first sign-in and gets in, as an administrator when made one', async () => {
    const config = (await (await fetch(`${baseUrl}/config.json`)).json()) as { userPoolId: string; cognitoEndpoint: string; region: string };
    const email = `new-${Date.now().toString(36)}@example.com`;
    const { temporaryPassword } = await createUser({
      userPoolId: config.userPoolId,
      email,
      admin: true,
      printPassword: true,
      region: config.region,
      endpoint: config.cognitoEndpoint,
    });
    expect(temporaryPassword).toMatch(/^.{16}$/);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${baseUrl}/`);
      await page.fill(testId('signin-email'), email);
      await page.fill(testId('signin-password'), temporaryPassword!);
      await page.click(testId('signin-submit'));
      await page.waitForSelector(testId('new-password-form'));
      await page.fill(testId('new-password'), 'My-own-password-9');
      await page.fill(testId('new-password-repeat'), 'My-own-password-8');
      await page.click(testId('new-password-submit'));
      await expect.poll(() => page.textContent(testId('signin-error')), { timeout: 15_000 }).toContain('differ');
      await page.fill(testId('new-password-repeat'), 'My-own-password-9');
      await page.click(testId('new-password-submit'));
      await expect.poll(() => page.textContent(testId('user-email')), { timeout: 15_000 }).toBe(email);

      const token = await page.evaluate(() => sessionStorage.getItem('sharelink.idToken'));
      const me = await (await fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect(me).toMatchObject({ email, isAdmin: true });

      // The new password is theirs from now on; the temporary one no longer works.
      await page.evaluate(() => sessionStorage.clear());
      await page.goto(`${baseUrl}/`);
      await page.fill(testId('signin-email'), email);
      await page.fill(testId('signin-password'), temporaryPassword!);
      await page.click(testId('signin-submit'));
      await expect.poll(() => page.textContent(testId('signin-error')), { timeout: 15_000 }).toContain('Incorrect');
      await page.fill(testId('signin-password'), 'My-own-password-9');
      await page.click(testId('signin-submit'));
      await expect.poll(() => page.textContent(testId('user-email')), { timeout: 15_000 }).toBe(email);
    } finally {
      await context.close();
    }
  });
});

/**
 * An operator creates a user with `npm run create-user` (Cognito AdminCreateUser with a
 * temporary password); at first sign-in the web app asks them to choose their own password,
 * then lets them in. Runs the real script code against the local runtime's Cognito.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../bin/create-user.js';
import { baseUrl, eventually, submitSignIn, testId, TIMEOUT, useBrowser } from './support.js';

const browser = useBrowser();

beforeAll(() => {
  // cognito-local accepts any credentials; the SDK only needs some to sign with.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
});

describe('a user created by an operator', () => {
  it('chooses their own password at first sign-in and gets in, as an administrator when made one', async () => {
    const config = (await (await fetch(`${baseUrl}/config.json`)).json()) as {
      userPoolId: string;
      cognitoEndpoint: string;
      region: string;
    };
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
      page.setDefaultTimeout(TIMEOUT);
      await page.goto(`${baseUrl}/`);
      await submitSignIn(page, email, temporaryPassword!);
      await page.waitForSelector(testId('new-password-form'));
      await page.fill(testId('new-password'), 'My-own-password-9');
      await page.fill(testId('new-password-repeat'), 'My-own-password-8');
      await page.click(testId('new-password-submit'));
      await eventually(() => page.textContent(testId('signin-error'))).toContain('differ');
      await page.fill(testId('new-password-repeat'), 'My-own-password-9');
      await page.click(testId('new-password-submit'));
      await eventually(() => page.textContent(testId('user-email'))).toBe(email);

      // /api/me said who they are and that they administer: the Admin menu shows.
      await eventually(() => page.locator(testId('nav-admin')).count()).toBe(1);

      // The new password is theirs from now on; the temporary one no longer works.
      await page.evaluate(() => localStorage.removeItem('sharelink.refreshToken'));
      await page.goto(`${baseUrl}/`);
      await submitSignIn(page, email, temporaryPassword!);
      await eventually(() => page.textContent(testId('signin-error'))).toContain('Incorrect');
      await page.fill(testId('signin-password'), 'My-own-password-9');
      await page.click(testId('signin-submit'));
      await eventually(() => page.textContent(testId('user-email'))).toBe(email);
    } finally {
      await context.close();
    }
  });
});

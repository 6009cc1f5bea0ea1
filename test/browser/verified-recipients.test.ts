/**
 * Verified recipients in the browser: the owner creates a link only two partners may open (with
 * device binding), each partner opens it on their own browser with the code from the local
 * inbox, partner A's second device is told the link is bound to another device, and the owner's
 * link page shows both partners' status.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import { partnerAddress, sentTo, waitForEmails } from '../integration/notifications-inbox.js';
import {
  adminEmail,
  apiToken,
  baseUrl,
  demoEmail,
  eventually,
  inboxUrl,
  openShareDialog,
  restoreTenantDefaults,
  runId,
  setNotificationSender,
  setSwitch,
  shareIdOf,
  shot,
  signIn,
  testId,
  useBrowser,
} from './support.js';
import type { Page } from 'playwright-core';

const browser = useBrowser();
const isCodeFor = (address: string) => (email: { subject: string; destination: { to: string[] } }) =>
  sentTo(address)(email as never) && /^Your ShareLink code: \d{6}$/.test(email.subject);

afterAll(async () => {
  await restoreTenantDefaults();
  await setNotificationSender(await apiToken(demoEmail), null);
});

/** Asks for a code on the recipient page and types back the newest one emailed to the address. */
async function enterWithCode(page: Page, address: string, readInboxPage: boolean): Promise<void> {
  const before = (await waitForEmails(inboxUrl, isCodeFor(address), 0)).length;
  await page.fill(testId('verify-email-input'), address);
  await page.click(testId('verify-send-code'));
  await eventually(() => page.textContent(testId('verify-code-sent'))).toContain(address);
  const emails = await waitForEmails(inboxUrl, isCodeFor(address), before + 1);
  let code = /(\d{6})$/.exec(emails.at(-1)!.subject)![1]!;
  if (readInboxPage) {
    // Read as a person reads it: on the local inbox page.
    const inbox = await page.context().newPage();
    await inbox.goto(`${inboxUrl}/`);
    const email = inbox
      .locator('.email', { hasText: `To: ${address}` })
      .filter({ hasText: 'Your ShareLink code' })
      .first();
    await email.waitFor();
    code = /Your ShareLink code: (\d{6})/.exec(await email.innerText())![1]!;
    await inbox.close();
  }
  await page.fill(testId('verify-code-input'), code);
  await page.click(testId('verify-code-submit'));
}

describe('verified recipients in the browser', () => {
  it('lets each listed partner in with their own code and device, and shows the owner who did what', async () => {
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const contextA = await browser.newContext({ viewport: { width: 1100, height: 760 }, acceptDownloads: true });
    const contextB = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const contextA2 = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    try {
      const run = runId();
      const [partnerA, partnerB] = [partnerAddress(), partnerAddress()];
      const ownerToken = await apiToken(demoEmail);
      const allowed = await call('PUT', '/api/admin/settings', {
        token: await apiToken(adminEmail),
        body: {
          adminNotificationSender: null,
          deviceBindingEnabled: true,
          requirePassword: false,
          defaultExpiryDays: 7,
          maxExpiryDays: null,
        },
      });
      expect(allowed.status).toBe(200);
      await setNotificationSender(ownerToken, 'demo.files@example.com');
      const path = `verified-${run}/Contract ${run}.txt`;
      await upload(ownerToken, path, randomBytes(512), 'text/plain');

      // The owner: two partners, only they may open it, each bound to their own device, no password.
      const owner = await browser.newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);
      const dialog = await openShareDialog(owner, path);
      await dialog.locator(testId('password-none')).check();
      await setSwitch(dialog.locator(testId('device-binding')), true);
      await dialog.locator(testId('recipients-input')).fill(`${partnerA}, ${partnerB} `);
      await eventually(() => dialog.locator(testId('recipient-chip')).count()).toBe(2);
      await dialog.locator(testId('verify-recipients')).check();
      await shot(owner, '80-verified-recipients-dialog');
      await dialog.locator(testId('create-share-submit')).click();
      await dialog.locator(testId('share-result')).waitFor();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      await dialog.locator(testId('share-result-done')).click();

      // Partner A, fresh browser: email, the code from the inbox page, the files; a download.
      const pageA = await browser.newPage(contextA, 'partner-a');
      await pageA.goto(link);
      await pageA.waitForSelector(testId('verify-email-form'));
      await shot(pageA, '81-verified-recipient-email');
      await enterWithCode(pageA, partnerA, true);
      const entry = pageA.locator(testId('share-entry')).first();
      await entry.waitFor();
      const [download] = await Promise.all([pageA.waitForEvent('download'), entry.locator(testId('download-button')).click()]);
      expect(download.suggestedFilename()).toBe(`Contract ${run}.txt`);

      // Partner B, another device: gets in too.
      const pageB = await browser.newPage(contextB, 'partner-b');
      await pageB.goto(link);
      await enterWithCode(pageB, partnerB, false);
      await pageB.locator(testId('share-entry')).first().waitFor();

      // Partner A's second device: a right code, but the link is bound to A's first device.
      const pageA2 = await browser.newPage(contextA2, 'partner-a-second');
      await pageA2.goto(link);
      await enterWithCode(pageA2, partnerA, false);
      const outcome = pageA2.locator(testId('share-outcome'));
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-code')).toBe('DEVICE_BOUND');
      await shot(pageA2, '82-verified-recipient-second-device');

      // The owner's link page: both partners, with what they did.
      await owner.goto(`${baseUrl}/#/links/${shareIdOf(link)}`);
      const rowA = owner.locator(`${testId('partner-row')}[data-email="${partnerA}"]`);
      const rowB = owner.locator(`${testId('partner-row')}[data-email="${partnerB}"]`);
      await eventually(() => rowA.getAttribute('data-status')).toBe('downloaded');
      await eventually(() => rowB.getAttribute('data-status')).toBe('opened');
      expect(await rowA.locator(testId('partner-status')).textContent()).toBe('Downloaded');
      expect(await rowB.locator(testId('partner-status')).textContent()).toBe('Opened');
      await eventually(() => owner.locator(testId('event-email')).allTextContents()).toContain(partnerA);
      await shot(owner, '83-verified-recipients-link-page');
    } finally {
      await Promise.all([ownerContext.close(), contextA.close(), contextB.close(), contextA2.close()]);
    }
  });
});

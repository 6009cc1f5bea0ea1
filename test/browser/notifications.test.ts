/**
 * The partner email as a person meets it: it shows in the local inbox that `npm start`
 * prints, and its link opens the recipient page, where the password the email carries
 * unlocks the files. The owner's sender goes back to none afterwards.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, randomBytes, upload, uniquePath } from '../integration/client.js';
import { linkIn, partnerAddress, sentTo, waitForEmails } from '../integration/notifications-inbox.js';
import {
  apiToken,
  baseUrl,
  demoEmail,
  demoName,
  eventually,
  inboxUrl,
  setNotificationSender,
  testId,
  unlock,
  useBrowser,
} from './support.js';

const browser = useBrowser();
let owner: string;

/** Each page in a browser profile of its own. */
async function newPage(who: string): Promise<Page> {
  return browser.newPage(await browser.newContext({ viewport: { width: 1100, height: 800 } }), who);
}

beforeAll(async () => {
  owner = await apiToken(demoEmail);
  await setNotificationSender(owner, 'demo.files@example.com');
});

afterAll(async () => {
  await setNotificationSender(owner, null);
});

describe('the partner email in a browser', () => {
  it('shows in the inbox, and its link opens the recipient page where its password unlocks the files', async () => {
    const path = uniquePath('budget.xlsx');
    await upload(owner, path, randomBytes(512));
    const partner = partnerAddress();
    const created = await call('POST', '/api/shares', {
      token: owner,
      body: {
        items: [{ path, alias: 'Budget 2027.xlsx' }],
        recipients: [partner],
        message: 'Budget draft for review',
        includePasswordInEmail: true,
      },
    });
    expect(created.status).toBe(201);
    const [email] = await waitForEmails(inboxUrl, sentTo(partner));

    const inbox = await newPage('inbox');
    await inbox.goto(`${inboxUrl}/`);
    await eventually(() => inbox.locator('body').innerText()).toContain(partner);
    expect(await inbox.locator('body').innerText()).toContain(`${demoName} shared "Budget 2027.xlsx" with you`);

    const link = linkIn(email!.body.html!);
    expect(link).toBe(`${baseUrl}/s/${created.body.id}`);
    const emailedPassword = /Password: (\S+)/.exec(email!.body.text!)?.[1];
    expect(emailedPassword).toBe(created.body.password);

    const recipient = await newPage('recipient');
    await recipient.goto(link);
    await recipient.locator(testId('share-password')).waitFor();
    // The name an administrator gave the owner, never an unverified claim.
    expect(await recipient.locator(testId('share-owner')).textContent()).toBe(demoName);
    expect(await recipient.locator(testId('share-message')).textContent()).toContain('Budget draft for review');
    await unlock(recipient, emailedPassword!);
    await recipient.waitForSelector(`${testId('share-entry-name')}:text-is("Budget 2027.xlsx")`);
    expect(browser.pageProblems).toEqual([]);
  });
});

/**
 * The partner email as a person meets it: it shows in the local inbox that `npm start`
 * prints, and its link opens the recipient page, where the password the email carries
 * unlocks the files. The owner's sender goes back to none afterwards.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, randomBytes, signIn, upload, uniquePath } from '../integration/client.js';
import { linkIn, partnerAddress, sentTo, waitForEmails } from '../integration/notifications-inbox.js';

const baseUrl = inject('baseUrl');
const inboxUrl = inject('inboxUrl');
const demoEmail = inject('demoEmail');
const password = inject('demoPassword');
const TIMEOUT = 15_000;

let browser: Browser;
let owner: string;
const pageProblems: string[] = [];
const testId = (id: string) => `[data-testid="${id}"]`;

async function newPage(who: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageProblems.push(`${who}: uncaught ${error.message}`));
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  owner = await signIn(demoEmail, password);
  expect((await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: 'demo.files@example.com' } })).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  expect((await call('PUT', '/api/me/settings', { token: owner, body: { notificationSender: null } })).status).toBe(200);
});

describe('the partner email in a browser', () => {
  it('shows in the inbox, and its link opens the recipient page where its password unlocks the files', async () => {
    const path = uniquePath('budget.xlsx');
    await upload(owner, path, randomBytes(512));
    const partner = partnerAddress();
    const created = await call('POST', '/api/shares', {
      token: owner,
      body: { items: [{ path, alias: 'Budget 2027.xlsx' }], recipients: [partner], message: 'Budget draft for review', includePasswordInEmail: true },
    });
    expect(created.status).toBe(201);
    const [email] = await waitForEmails(inboxUrl, sentTo(partner));

    const inbox = await newPage('inbox');
    await inbox.goto(`${inboxUrl}/`);
    await expect.poll(() => inbox.locator('body').innerText(), { timeout: TIMEOUT }).toContain(partner);
    expect(await inbox.locator('body').innerText()).toContain(`${demoEmail} shared "Budget 2027.xlsx" with you`);

    const link = linkIn(email!.body.html!);
    expect(link).toBe(`${baseUrl}/s/${created.body.id}`);
    const emailedPassword = /Password: (\S+)/.exec(email!.body.text!)?.[1];
    expect(emailedPassword).toBe(created.body.password);

    const recipient = await newPage('recipient');
    await recipient.goto(link);
    await recipient.locator(testId('share-password')).waitFor();
    expect(await recipient.locator(testId('share-owner')).textContent()).toBe(demoEmail);
    expect(await recipient.locator(testId('share-message')).textContent()).toContain('Budget draft for review');
    await recipient.fill(testId('share-password'), emailedPassword!);
    await recipient.click(testId('unlock-submit'));
    await recipient.waitForSelector(`${testId('share-entry-name')}:text-is("Budget 2027.xlsx")`);
    expect(pageProblems).toEqual([]);
  });
});

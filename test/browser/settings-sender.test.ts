/**
 * Personal settings in both notification modes, in a real browser: while the administrator
 * has set a system sender, the owner sees it read-only with the sentence that the
 * administrator set it, and the share dialog names it; once the administrator clears it,
 * the owner edits and saves their own sender (a bad address refused in words; a new address
 * proved with the code emailed to it, read from the local inbox page, a wrong code refused), and with no
 * sender the share dialog warns before submit and the API's refusal keeps what was typed;
 * its "Set one in Settings" link opens Settings in a new tab, and the dialog picks the new
 * sender up and creates the link for the recipients typed; the partner's email (read from
 * the local SES inbox) comes from that sender and its link opens the recipient page.
 * Tenant settings and the owner's sender go back to the defaults afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import { linkIn, partnerAddress, sentTo, waitForEmails } from '../integration/notifications-inbox.js';
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
  shareIdOf,
  shot,
  signIn,
  testId,
  TIMEOUT,
  useBrowser,
} from './support.js';

const browser = useBrowser();

async function restoreDefaults(): Promise<void> {
  await restoreTenantDefaults();
  await setNotificationSender(await apiToken(demoEmail), null);
}

afterAll(restoreDefaults);

describe('personal settings in the browser', () => {
  it('shows the administrator’s sender read-only, then lets the owner set and clear their own', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const partnerContext = await browser.newContext({ viewport: { width: 1000, height: 720 } });
    try {
      const run = runId();
      const systemSender = `files-${run}@example.com`;
      const ownSender = `demo-${run}@example.com`;
      const folder = `sender-${run}`;
      const ownerToken = await apiToken(demoEmail);
      // Start from an owner without a sender of their own, whatever ran before.
      await setNotificationSender(ownerToken, null);
      await upload(ownerToken, `${folder}/offer.txt`, new TextEncoder().encode('offer\n'), 'text/plain');

      // The administrator sets a system sender on the admin page.
      const admin = await browser.newPage(adminContext, 'admin');
      await signIn(admin, adminEmail);
      await admin.click(testId('nav-admin'));
      const adminForm = admin.locator(testId('admin-form'));
      await adminForm.locator(testId('admin-sender-admin')).check();
      await adminForm.locator(testId('admin-sender')).fill(systemSender);
      await adminForm.locator(testId('admin-save')).click();
      await adminForm.locator(testId('admin-saved')).waitFor();

      // The owner sees it read-only, with whose decision it is.
      const owner = await browser.newPage(ownerContext, 'owner');
      await signIn(owner, demoEmail);
      await owner.click(testId('nav-settings'));
      const card = owner.locator(testId('settings-card'));
      await card.waitFor();
      expect(await card.getAttribute('data-mode')).toBe('admin');
      expect(await card.locator(testId('settings-sender')).inputValue()).toBe(systemSender);
      expect(await card.locator(testId('settings-sender')).getAttribute('readonly')).not.toBeNull();
      expect(await card.locator(testId('settings-save')).count()).toBe(0);
      expect(await card.locator(testId('settings-admin-note')).textContent()).toBe(
        'Your administrator set this address for everyone’s emails. You cannot change it here.',
      );
      await shot(owner, '50-settings-admin-mode');

      // The share dialog names the sender recipients' emails will come from.
      let dialog = await openShareDialog(owner, `${folder}/offer.txt`);
      await dialog.locator(testId('recipients-input')).fill('partner@example.com, second@example.com ');
      await eventually(() => dialog.locator(testId('recipient-chip')).allTextContents()).toEqual([
        'partner@example.com',
        'second@example.com',
      ]);
      await eventually(() => dialog.locator(testId('sender-note')).textContent()).toBe(
        `Emails come from ${systemSender}, set by your administrator.`,
      );
      await owner.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      // The administrator clears it: user mode.
      await adminForm.locator(testId('admin-sender-user')).check();
      await adminForm.locator(testId('admin-save')).click();
      await adminForm.locator(testId('admin-saved')).waitFor();

      // The owner's settings page is now editable: a bad address is refused, a good one saved.
      await owner.goto(`${baseUrl}/#/settings`);
      await owner.reload();
      await card.waitFor();
      expect(await card.getAttribute('data-mode')).toBe('user');
      const field = card.locator(testId('settings-sender'));
      expect(await field.inputValue()).toBe('');
      await field.fill('not an address');
      await card.locator(testId('settings-save')).click();
      await eventually(() => card.locator(testId('settings-error')).textContent()).toMatch(/^Sender address: /);
      expect(await field.inputValue()).toBe('not an address');
      // A new address is proved first: ShareLink emails it a code, which the owner types back.
      await field.fill(ownSender);
      await card.locator(testId('settings-save')).click();
      const verification = card.locator(testId('sender-verification'));
      await verification.waitFor();
      expect(await verification.locator(testId('sender-code-sent')).textContent()).toMatch(
        new RegExp(`^We emailed a 6-digit code to ${ownSender.replace(/[.]/g, '\\.')}\\. Type it here`),
      );
      expect((await call('GET', '/api/me', { token: await apiToken(demoEmail) })).body.notification.sender).toBeNull();
      await verification.locator(testId('sender-code')).fill('000000');
      await verification.locator(testId('sender-code-confirm')).click();
      await eventually(() => verification.locator(testId('sender-code-error')).textContent()).toMatch(/^Wrong code\./);
      await shot(owner, '51-settings-sender-code-asked');

      // The code, read as a person reads it: on the local inbox page.
      const inbox = await browser.newPage(partnerContext, 'inbox');
      await inbox.goto(`${inboxUrl}/`);
      const codeEmail = inbox
        .locator('.email', { hasText: `To: ${ownSender}` })
        .filter({ hasText: 'Your ShareLink code' })
        .first();
      await codeEmail.waitFor();
      const code = /Your ShareLink code: (\d{6})/.exec((await codeEmail.innerText()) ?? '')?.[1];
      expect(code).toMatch(/^\d{6}$/);
      await inbox.close();

      await verification.locator(testId('sender-code')).fill(code!);
      await verification.locator(testId('sender-code-confirm')).click();
      await eventually(() => card.locator(testId('settings-saved')).textContent()).toBe(`Saved. Emails will come from ${ownSender}.`);
      await shot(owner, '52-settings-user-mode-saved');
      await owner.reload();
      await eventually(() => owner.locator(testId('settings-sender')).inputValue()).toBe(ownSender);
      const me = await call('GET', '/api/me', { token: await apiToken(demoEmail) });
      expect(me.body.notification).toEqual({ mode: 'user', sender: ownSender, editable: true });

      // Empty means no sender.
      await owner.locator(testId('settings-sender')).fill('');
      await owner.locator(testId('settings-save')).click();
      await eventually(() => owner.locator(testId('settings-saved')).textContent()).toBe('Saved. No sender: you will not send emails.');

      // With no sender, the dialog warns before submit; the API's refusal keeps what was typed.
      dialog = await openShareDialog(owner, `${folder}/offer.txt`);
      const partner = partnerAddress();
      await dialog.locator(testId('recipients-input')).fill(partner);
      await dialog.locator(testId('recipients-input')).press('Enter');
      await dialog.locator(testId('message-input')).fill('Here is the offer.');
      const warning = dialog.locator(testId('sender-missing'));
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/^No email can be sent: you have no sender address\. Set one in Settings/);
      expect(await warning.locator('a').getAttribute('href')).toBe('#/settings');
      await warning.scrollIntoViewIfNeeded();
      await shot(owner, '53-share-dialog-sender-warning');
      await dialog.locator(testId('create-share-submit')).click();
      await eventually(() => dialog.locator(testId('share-error')).textContent()).toMatch(/No sender address is configured/);
      expect(await dialog.locator(testId('recipient-chip')).allTextContents()).toEqual([partner]);
      expect(await dialog.locator(testId('message-input')).inputValue()).toBe('Here is the offer.');
      await shot(owner, '54-share-dialog-sender-refused');

      // "Set one in Settings" opens the settings in a new tab, signed in; back in the dialog
      // the new sender shows, and the link is created for the recipient as typed.
      const [settingsTab] = await Promise.all([ownerContext.waitForEvent('page'), warning.locator('a').click()]);
      settingsTab.setDefaultTimeout(TIMEOUT);
      const tabField = settingsTab.locator(`${testId('settings-card')}[data-mode="user"] ${testId('settings-sender')}`);
      await tabField.fill(ownSender);
      await settingsTab.locator(testId('settings-save')).click();
      await settingsTab.locator(testId('settings-saved')).waitFor();
      await settingsTab.close();
      await owner.bringToFront();
      await eventually(() => dialog.locator(testId('sender-note')).textContent()).toBe(
        `Emails come from ${ownSender}, your sender address.`,
      );
      expect(await dialog.locator(testId('sender-missing')).count()).toBe(0);
      await dialog.locator(testId('create-share-submit')).click();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      expect(await dialog.locator(testId('share-result-emailed')).textContent()).toBe(
        `An email with the link goes to ${partner}. The password is not in it: send it another way.`,
      );
      const created = await call('GET', `/api/shares/${shareIdOf(link)}`, { token: await apiToken(demoEmail) });
      expect(created.body.recipients).toEqual([partner]);
      expect(created.body.message).toBe('Here is the offer.');

      // The partner's email comes from the owner's sender, and its link opens the recipient page.
      const [email] = await waitForEmails(inboxUrl, sentTo(partner), 1, 45_000);
      expect(email!.from).toContain(ownSender);
      const emailedLink = linkIn(email!.body.html ?? '');
      expect(emailedLink).toBe(link);
      const partnerPage = await browser.newPage(partnerContext, 'partner');
      await partnerPage.goto(emailedLink);
      await partnerPage.locator(testId('share-password')).waitFor();
      expect(await partnerPage.textContent(testId('share-message'))).toBe('Here is the offer.');
      await shot(partnerPage, '55-partner-opens-emailed-link');

      expect(browser.pageProblems).toEqual([]);
    } finally {
      await Promise.all([adminContext.close(), ownerContext.close(), partnerContext.close()]);
      await restoreDefaults();
    }
  }, 120_000);
});

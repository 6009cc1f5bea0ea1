/**
 * The owner app with real work in it: a 200-character name never widens a page, the share
 * dialog stays usable with 200 items, Enter in a field never creates a link, errors go once
 * their cause is fixed, the session carries to new tabs and deep links (and sign-out to every
 * tab), the uploads panel collapses and clears itself, dead links offer nothing to copy, and
 * every page passes axe (run inside the page, from node_modules/axe-core).
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import {
  adminEmail,
  apiToken,
  baseUrl,
  demoEmail,
  eventually,
  openShareDialog,
  runId,
  setNotificationSender,
  signIn,
  submitSignIn,
  demoPassword,
  testId,
  useBrowser,
} from './support.js';

const browser = useBrowser();
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Exactly 200 characters, no spaces to break at, ending in an extension. */
const longNameOf = (run: string) => {
  const stem = `Quarterly-board-pack-${run}-`;
  return `${stem}${'x'.repeat(200 - stem.length - '-final.pdf'.length)}-final.pdf`;
};

async function createShare(token: string, items: { path: string; alias: string }[], extra: Record<string, unknown> = {}) {
  const reply = await call('POST', '/api/shares', {
    token,
    body: { items, allowDownload: true, password: { mode: 'none' }, expiry: { days: 7 }, ...extra },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as { id: string; url: string };
}

/** The page scrolls sideways (the complaint), or an open dialog's body does. */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > window.innerWidth) {
      // Name the culprits: the innermost elements reaching past the right edge.
      const wide = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
      const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
      const names = innermost.slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
      problems.push(`page ${root.scrollWidth} > ${window.innerWidth} (${names.join(', ')})`);
    }
    for (const body of document.querySelectorAll('dialog[open] .modal-body, [data-testid="uploads"]')) {
      if (body.scrollWidth > body.clientWidth + 1) problems.push(`${body.className} ${body.scrollWidth} > ${body.clientWidth}`);
    }
    // Every progress bar stays inside its card.
    for (const bar of document.querySelectorAll('progress')) {
      const card = bar.closest('.card');
      if (card && bar.getBoundingClientRect().right > card.getBoundingClientRect().right + 1)
        problems.push('a progress bar leaves its card');
    }
    return problems;
  });
}

async function signedInPage(context: BrowserContext, who = 'owner', email = demoEmail): Promise<Page> {
  const page = await browser.newPage(context, who);
  await signIn(page, email);
  return page;
}

/** Runs axe-core inside the page and returns its violations as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: path.resolve('node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string;
      nodes: { target: unknown[] }[];
    }
    const result = await axe.run(document);
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`);
  });
}

describe('owner experience', () => {
  it('a 200-character name never widens files, uploads, the share dialog, the links list or the link page, at desktop and phone widths', async () => {
    const run = runId();
    const token = await apiToken(demoEmail);
    const folder = `ux-long-${run}`;
    const longName = longNameOf(run);
    expect(longName).toHaveLength(200);
    await upload(token, `${folder}/${longName}`, new TextEncoder().encode('long\n'), 'application/pdf');
    const share = await createShare(token, [{ path: `${folder}/${longName}`, alias: longName }]);

    for (const viewport of [DESKTOP, PHONE]) {
      const context = await browser.newContext({ viewport });
      try {
        const page = await signedInPage(context);
        await page.goto(`${baseUrl}/#/files/${folder}/`);
        const name = page.locator(`${testId('file-row')}[data-path="${folder}/${longName}"] ${testId('file-name')}`);
        await name.waitFor();
        expect(await name.getAttribute('title')).toBe(longName);
        expect(await name.textContent()).toBe(longName);
        expect(await horizontalOverflow(page), `files at ${viewport.width}`).toEqual([]);

        // The uploads panel, with the long name in it.
        await page.setInputFiles(testId('upload-input'), {
          name: `again-${longName}`.slice(0, 200),
          mimeType: 'text/plain',
          buffer: Buffer.from('x'),
        });
        await page.locator(testId('upload-item')).first().waitFor();
        expect(await horizontalOverflow(page), `uploads at ${viewport.width}`).toEqual([]);

        const dialog = await openShareDialog(page, `${folder}/${longName}`);
        await dialog.locator(testId('share-item')).waitFor();
        expect(await horizontalOverflow(page), `share dialog at ${viewport.width}`).toEqual([]);
        await dialog.locator('button[aria-label="Close"]').click();

        await page.goto(`${baseUrl}/#/links`);
        await page.locator(`${testId('link-row')}[data-share-id="${share.id}"]`).waitFor();
        expect(await horizontalOverflow(page), `links at ${viewport.width}`).toEqual([]);

        await page.goto(`${baseUrl}/#/links/${share.id}`);
        await page.locator(testId('link-detail')).waitFor();
        expect(await page.locator(testId('link-detail-title')).textContent()).toBe(longName);
        expect(await horizontalOverflow(page), `link page at ${viewport.width}`).toEqual([]);

        const guest = await browser.newPage(context, 'recipient');
        await guest.goto(share.url);
        await guest.click(testId('unlock-submit'));
        await guest.locator(testId('share-entry-name')).first().waitFor();
        expect(await horizontalOverflow(guest), `recipient page at ${viewport.width}`).toEqual([]);
      } finally {
        await context.close();
      }
    }
    expect(browser.pageProblems).toEqual([]);
  });

  it('a share of 200 items keeps its settings in view, lists five rows and renames one item into its alias', async () => {
    const run = runId();
    const token = await apiToken(demoEmail);
    const parent = `ux-many-${run}`;
    const names = Array.from({ length: 200 }, (_, index) => `item-${String(index).padStart(3, '0')}`);
    for (let start = 0; start < names.length; start += 25) {
      await Promise.all(
        names.slice(start, start + 25).map(async (name) => {
          expect((await call('POST', '/api/folders', { token, body: { path: `${parent}/${name}/` } })).status).toBe(201);
        }),
      );
    }
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await signedInPage(context);
      await page.goto(`${baseUrl}/#/files/${parent}/`);
      await eventually(() => page.locator(testId('folder-row')).count()).toBe(200);
      await page.check('input[aria-label="Select everything in this folder"]');
      await page.click(testId('share-button'));
      const dialog = page.locator(testId('share-dialog'));
      await dialog.locator(testId('share-item')).first().waitFor();

      // The settings come first and are on screen as the dialog opens.
      for (const setting of ['allow-download', 'password-auto', 'expiry-7']) {
        const box = await dialog.locator(testId(setting)).boundingBox();
        expect(box && box.y + box.height <= DESKTOP.height, `${setting} visible`).toBe(true);
      }
      expect(await dialog.locator(testId('share-item')).count()).toBe(5);
      expect(await dialog.locator('input[type="text"]').count()).toBeLessThan(5);
      expect(await dialog.locator(testId('share-items-more')).textContent()).toBe('and 195 more items');

      // Rename one: only its row has a field; Enter keeps the name and does not create the link.
      await dialog.locator(`${testId('share-item')}[data-path="${parent}/item-001/"] ${testId('share-item-rename')}`).click();
      expect(await dialog.locator(testId('alias-input')).count()).toBe(1);
      await dialog.locator(testId('alias-input')).fill(`Renamed ${run}`);
      await dialog.locator(testId('alias-input')).press('Enter');
      await eventually(() => dialog.locator(testId('share-item-alias')).nth(1).textContent()).toBe(`Renamed ${run}`);
      expect(await dialog.locator(testId('share-result')).count()).toBe(0);

      await dialog.locator(testId('share-items-more')).click();
      expect(await dialog.locator(testId('share-item')).count()).toBe(200);
      await dialog.locator(testId('create-share-submit')).click();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      const shared = await call('GET', `/api/shares/${link.slice(link.lastIndexOf('/') + 1)}`, { token });
      const items = shared.body.items as { path: string; alias: string }[];
      expect(items).toHaveLength(200);
      expect(items.find((item) => item.path === `${parent}/item-001/`)?.alias).toBe(`Renamed ${run}`);
      expect(items.find((item) => item.path === `${parent}/item-002/`)?.alias).toBe('item-002');
    } finally {
      await context.close();
    }
    expect(browser.pageProblems).toEqual([]);
  });

  it('Enter in a text field of the share dialog never creates the link; only the button does', async () => {
    const run = runId();
    const token = await apiToken(demoEmail);
    const filePath = `ux-enter-${run}/enter-${run}.txt`;
    await upload(token, filePath, new TextEncoder().encode('enter\n'), 'text/plain');
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await signedInPage(context);
      const dialog = await openShareDialog(page, filePath);
      await dialog.locator(testId('max-downloads')).fill('3');
      await dialog.locator(testId('max-downloads')).press('Enter');
      await dialog.locator(testId('password-custom')).check();
      await dialog.locator(testId('password-custom-value')).fill('correct horse');
      await dialog.locator(testId('password-custom-value')).press('Enter');
      // Whatever Enter did has reached the API by the time the list is read after the button.
      expect(await dialog.locator(testId('share-result')).count()).toBe(0);
      const before = await call('GET', '/api/shares?status=all', { token });
      expect((before.body.shares as { items: { path: string }[] }[]).some((s) => s.items.some((item) => item.path === filePath))).toBe(
        false,
      );
      await dialog.locator(testId('create-share-submit')).click();
      await dialog.locator(testId('share-result')).waitFor();
      const after = await call('GET', '/api/shares?status=all', { token });
      expect(
        (after.body.shares as { items: { path: string }[] }[]).filter((s) => s.items.some((item) => item.path === filePath)),
      ).toHaveLength(1);
    } finally {
      await context.close();
    }
    expect(browser.pageProblems).toEqual([]);
  });

  it('errors clear once their cause is fixed: a sender set in another tab, a bad address deleted', async () => {
    const run = runId();
    const token = await apiToken(demoEmail);
    const filePath = `ux-errors-${run}/errors-${run}.txt`;
    await upload(token, filePath, new TextEncoder().encode('errors\n'), 'text/plain');
    await setNotificationSender(token, null);
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await signedInPage(context);
      const dialog = await openShareDialog(page, filePath);
      await dialog.locator(testId('recipients-input')).fill('partner@example.com');
      await dialog.locator(testId('recipients-input')).press('Enter');
      await dialog.locator(testId('create-share-submit')).click();
      await eventually(() => dialog.locator(testId('share-error')).count()).toBe(1);

      // The sender is set in another tab: the refusal goes, the note names the sender.
      await setNotificationSender(token, demoEmail);
      const other = await browser.newPage(context, 'other tab');
      await other.goto(`${baseUrl}/`);
      await other.evaluate(() => localStorage.setItem('sharelink.settingsChanged', String(Date.now())));
      await eventually(() => dialog.locator(testId('sender-note')).textContent()).toContain(demoEmail);
      expect(await dialog.locator(testId('share-error')).count()).toBe(0);

      // A bad address is judged on Enter; deleting it takes the message away.
      await dialog.locator(testId('recipients-input')).fill('not-an-address');
      await dialog.locator(testId('recipients-input')).press('Enter');
      await eventually(() => dialog.locator(testId('recipients-error')).count()).toBe(1);
      await dialog.locator(testId('recipients-input')).fill('');
      await eventually(() => dialog.locator(testId('recipients-error')).count()).toBe(0);
    } finally {
      await context.close();
      await setNotificationSender(token, null);
    }
    expect(browser.pageProblems).toEqual([]);
  });

  it('the session carries to a new tab, a reload and a deep link; sign-out in one tab signs out the other', async () => {
    const token = await apiToken(demoEmail);
    const run = runId();
    const filePath = `ux-session-${run}/session-${run}.txt`;
    await upload(token, filePath, new TextEncoder().encode('session\n'), 'text/plain');
    const share = await createShare(token, [{ path: filePath, alias: `session-${run}.txt` }]);
    const deepLink = `${baseUrl}/#/links/${share.id}`;

    const context = await browser.newContext({ viewport: DESKTOP });
    const signedOut = await browser.newContext({ viewport: DESKTOP });
    try {
      const first = await signedInPage(context, 'first tab');
      const second = await browser.newPage(context, 'second tab');
      await second.goto(deepLink);
      await second.locator(testId('link-detail')).waitFor();
      expect(await second.textContent(testId('user-email'))).toBe(demoEmail);
      await first.reload();
      await eventually(() => first.locator(testId('user-email')).count()).toBe(1);

      // Opened while signed out: sign-in, then the page the link named.
      const fresh = await browser.newPage(signedOut, 'signed-out tab');
      await fresh.goto(deepLink);
      await submitSignIn(fresh, demoEmail, demoPassword);
      await fresh.locator(testId('link-detail')).waitFor();
      expect(fresh.url()).toBe(deepLink);

      await first.click(testId('sign-out'));
      await second.locator(testId('signin-email')).waitFor();
      await second.reload();
      await second.locator(testId('signin-email')).waitFor();
    } finally {
      await context.close();
      await signedOut.close();
    }
    expect(browser.pageProblems).toEqual([]);
  });

  it('the uploads panel starts as one line for a big batch, expands on demand, asks before leaving, and clears itself', async () => {
    const run = runId();
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await signedInPage(context);
      await page.goto(`${baseUrl}/#/files/`);
      const files = Array.from({ length: 8 }, (_, index) => ({
        name: `ux-batch-${run}-${index}.bin`,
        size: index === 0 ? 40 * 1024 * 1024 : 1024,
      }));
      // Made in the page (a 40 MB file through the protocol is slow), then handed to the input as a picker would.
      await page.evaluate((list) => {
        const transfer = new DataTransfer();
        for (const file of list) transfer.items.add(new File([new Uint8Array(file.size)], file.name, { type: 'application/octet-stream' }));
        const input = document.querySelector<HTMLInputElement>('[data-testid="upload-input"]')!;
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, files);
      const panel = page.locator(testId('uploads'));
      await panel.waitFor();
      expect(await panel.getAttribute('data-expanded')).toBe('false');
      expect(await page.locator(testId('upload-item')).count()).toBe(0);
      expect(await page.textContent(testId('uploads-overall-text'))).toMatch(/^(Uploading \d of 8, .+ left|8 files uploaded)$/);

      await page.click(testId('uploads-toggle'));
      expect(await page.locator(testId('upload-item')).count()).toBe(8);
      const uploading = await page.evaluate(() => document.querySelector('[data-testid="uploads-overall-text"]')?.textContent ?? '');
      if (uploading.startsWith('Uploading')) {
        // Leaving while files are still going up asks first (the click above gave the page a gesture).
        const asked = new Promise<string>((resolve) =>
          page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))),
        );
        await page.close({ runBeforeUnload: true });
        expect(await asked).toBe('beforeunload');
      }
      await page.bringToFront();
      await eventually(() => page.textContent(testId('uploads-overall-text'))).toBe('8 files uploaded');
      await expect.poll(() => page.locator(testId('uploads')).count(), { timeout: 20_000 }).toBe(0);
    } finally {
      await context.close();
    }
    expect(browser.pageProblems).toEqual([]);
  });

  it('says a bad or foreign link id in words, offers no Copy on dead links, bulk cancel only with a selection, and empty states act', async () => {
    const run = runId();
    const token = await apiToken(demoEmail);
    const filePath = `ux-states-${run}/dead-${run}.txt`;
    await upload(token, filePath, new TextEncoder().encode('dead\n'), 'text/plain');
    const dead = await createShare(token, [{ path: filePath, alias: `dead-${run}.txt` }]);
    expect((await call('DELETE', `/api/shares/${dead.id}`, { token })).status).toBeLessThan(300);
    expect((await call('POST', '/api/folders', { token, body: { path: `ux-empty-${run}/` } })).status).toBe(201);

    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await signedInPage(context);
      for (const [hash, reason] of [
        ['#/links/not-a-link', 'link-detail-reason'],
        ['#/links/AAAAAAAAAAAAAAAAAAAAAA', 'link-detail-reason'],
        ['#/requests/not-a-request', 'request-detail-reason'],
      ] as const) {
        await page.goto(`${baseUrl}/${hash}`);
        await eventually(() => page.locator(testId(reason)).count()).toBe(1);
        expect(await page.textContent(testId(reason))).toBe('This link does not exist or is not yours.');
        expect(await page.locator('button', { hasText: 'Try again' }).count()).toBe(0);
      }

      await page.goto(`${baseUrl}/#/links/${dead.id}`);
      await page.locator(testId('link-detail')).waitFor();
      expect(await page.locator(testId('detail-copy')).count()).toBe(0);
      await page.goto(`${baseUrl}/#/links`);
      const row = page.locator(`${testId('link-row')}[data-share-id="${dead.id}"]`);
      await row.waitFor();
      expect(await row.locator(testId('link-copy')).count()).toBe(0);
      expect(await page.locator(testId('cancel-selected')).count()).toBe(0);
      await page
        .locator(`${testId('link-row')}:has(${testId('link-checkbox')}:not([disabled]))`)
        .first()
        .locator(testId('link-checkbox'))
        .check();
      expect(await page.locator(testId('cancel-selected')).count()).toBe(1);

      await page.goto(`${baseUrl}/#/files/ux-empty-${run}/`);
      expect(await page.locator(testId('files-empty-upload')).textContent()).toBe('Upload files');
    } finally {
      await context.close();
    }
    expect(browser.pageProblems).toEqual([]);
  });

  it.each([
    ['English', 'en-US'],
    ['Simplified Chinese', 'zh-CN'],
  ])('every main page passes axe with no violations, in %s', async (_language, locale) => {
    const run = runId();
    const token = await apiToken(demoEmail);
    const folder = `ux-axe-${locale}-${run}/`;
    const filePath = `${folder}axe-${run}.txt`;
    await upload(token, filePath, new TextEncoder().encode('axe\n'), 'text/plain');
    const share = await createShare(token, [{ path: filePath, alias: `axe-${run}.txt` }]);
    const request = await call('POST', '/api/requests', { token, body: { title: `Axe ${run}`, folder, password: { mode: 'none' } } });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    const { id: requestId, url: requestUrl } = request.body as { id: string; url: string };

    // The browser's language picks the pages' language. axe is injected as an inline script, which the
    // pages' CSP rightly refuses: these contexts let the test tool in.
    const options = { viewport: DESKTOP, bypassCSP: true, locale };
    const context = await browser.newContext(options);
    const adminContext = await browser.newContext(options);
    const signedOutContext = await browser.newContext(options);
    try {
      const signInPage = await browser.newPage(signedOutContext, 'sign-in');
      await signInPage.goto(`${baseUrl}/`);
      await signInPage.locator(testId('signin-email')).waitFor();
      const found: Record<string, string[]> = { 'sign-in': await axeViolations(signInPage) };

      const page = await signedInPage(context);
      const pages: [string, string, string][] = [
        ['files', `#/files/${folder}`, 'file-row'],
        ['links', '#/links', 'link-row'],
        ['link page', `#/links/${share.id}`, 'link-detail'],
        ['requests', '#/requests', 'request-row'],
        ['request page', `#/requests/${requestId}`, 'request-detail'],
        ['settings', '#/settings', 'nav-settings'],
      ];
      for (const [name, hash, ready] of pages) {
        await page.goto(`${baseUrl}/${hash}`);
        await page.locator(testId(ready)).first().waitFor();
        found[name] = await axeViolations(page);
      }
      // The pages really are in the language (the link's settings card), not English with another locale.
      await page.goto(`${baseUrl}/#/links/${share.id}`);
      const chinese = /[\u4e00-\u9fff]/;
      await expect
        .poll(async () => chinese.test((await page.locator(testId('detail-password')).textContent()) ?? ''))
        .toBe(locale === 'zh-CN');
      await page.goto(`${baseUrl}/#/files/${folder}`);
      const dialog = await openShareDialog(page, filePath);
      await dialog.locator(testId('share-item')).waitFor();
      found['share dialog'] = await axeViolations(page);

      const admin = await signedInPage(adminContext, 'admin', adminEmail);
      await admin.goto(`${baseUrl}/#/admin`);
      await admin.locator(testId('nav-admin')).waitFor();
      found.admin = await axeViolations(admin);

      const recipient = await browser.newPage(context, 'recipient');
      await recipient.goto(share.url);
      await recipient.locator(testId('unlock-submit')).waitFor();
      found['recipient unlock'] = await axeViolations(recipient);
      await recipient.click(testId('unlock-submit'));
      await recipient.locator(testId('share-entry-name')).first().waitFor();
      found['recipient page'] = await axeViolations(recipient);

      const uploader = await browser.newPage(context, 'uploader');
      await uploader.goto(requestUrl);
      await uploader.locator(testId('uploader-name')).waitFor();
      found['upload-link page'] = await axeViolations(uploader);

      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])));
    } finally {
      await context.close();
      await adminContext.close();
      await signedOutContext.close();
    }
    expect(browser.pageProblems).toEqual([]);
  });
});

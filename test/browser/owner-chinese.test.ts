/**
 * The owner's main journey in Simplified Chinese: a browser that prefers Chinese signs in, sees
 * the files page in Chinese, uploads a file, shares it, a Chinese recipient unlocks and downloads
 * the same bytes, then the owner cancels the link from the links page and the recipient loses access.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import {
  adminEmail,
  apiToken,
  baseUrl,
  demoEmail,
  demoPassword,
  eventually,
  runId,
  shareIdOf,
  shot,
  signIn,
  submitSignIn,
  testId,
  unlock,
  useBrowser,
} from './support.js';

const browser = useBrowser();

const chineseBrowser = (viewport: { width: number; height: number }): Promise<BrowserContext> =>
  browser.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true });

describe('the owner app in Chinese', () => {
  it('signs in, uploads, shares, lets a Chinese recipient download, then cancels the link, all in Chinese', async () => {
    const owner = await chineseBrowser({ width: 1280, height: 820 });
    const recipient = await chineseBrowser({ width: 1100, height: 760 });
    try {
      const page = await browser.newPage(owner, 'owner');
      await signIn(page, demoEmail);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await page.textContent('#files-title')).toBe('我的文件');
      expect(await page.textContent(testId('nav-links'))).toBe('我的分享链接');
      expect(await page.textContent(testId('sign-out'))).toBe('退出登录');
      await eventually(() => page.title()).toBe('我的文件 · ShareLink');

      const run = runId();
      const fileName = `zh-${run}.bin`;
      const bytes = randomBytes(40 * 1024);
      await page.setInputFiles(testId('upload-input'), { name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
      await eventually(() => page.textContent(testId('uploads-overall-text'))).toBe('已上传 1 个文件');
      const row = page.locator(`${testId('file-row')}[data-path="${fileName}"]`);
      await row.waitFor();
      expect(await row.locator(testId('file-checkbox')).getAttribute('aria-label')).toBe(`选择 ${fileName}`);

      await row.locator(testId('file-checkbox')).check();
      expect(await page.textContent(testId('selection-bar'))).toContain('已选择 1 个项目');
      expect(await page.textContent(testId('share-button'))).toContain('分享（1）');
      await page.click(testId('share-button'));
      const dialog = page.locator(testId('share-dialog'));
      await dialog.waitFor();
      await dialog.locator(testId('create-share-submit')).click();
      await dialog.locator(testId('share-result')).waitFor();
      const link = await dialog.locator(testId('share-result-link')).inputValue();
      const password = await dialog.locator(testId('share-result-password')).inputValue();
      expect(await dialog.locator(testId('password-warning')).textContent()).toMatch(/^请立即复制密码：它不会再次显示。/);
      await shot(page, 'owner-zh-01-share-created');
      await dialog.locator(testId('share-result-done')).click();
      await dialog.waitFor({ state: 'detached' });

      const guest = await browser.newPage(recipient, 'recipient');
      await guest.goto(link);
      await guest.waitForSelector(testId('share-password'));
      await unlock(guest, password);
      const entry = guest.locator(testId('share-entry'), { hasText: fileName });
      await entry.waitFor();
      expect(await entry.locator(testId('download-button')).textContent()).toBe('下载');
      const [download] = await Promise.all([guest.waitForEvent('download'), entry.locator(testId('download-button')).click()]);
      expect(download.suggestedFilename()).toBe(fileName);
      expect(Buffer.compare(await readFile(await download.path()), bytes)).toBe(0);

      await page.click(testId('nav-links'));
      await eventually(() => page.title()).toBe('我的分享链接 · ShareLink');
      const linkRow = page.locator(`${testId('link-row')}[data-share-id="${shareIdOf(link)}"]`);
      await linkRow.waitFor();
      expect(await linkRow.locator(testId('link-downloads')).textContent()).toBe('1');
      const activeStatus = await linkRow.locator(testId('link-status')).textContent();
      await linkRow.locator(testId('link-cancel')).click();
      const confirm = page.locator(testId('confirm-dialog'));
      await confirm.waitFor();
      expect(await confirm.locator(testId('confirm-keep')).textContent()).toBe('保留链接');
      await confirm.locator(testId('confirm-cancel')).click();
      await confirm.waitFor({ state: 'detached' });
      await eventually(() => linkRow.locator(testId('link-status')).textContent()).not.toBe(activeStatus);
      await shot(page, 'owner-zh-02-link-cancelled');

      await guest.reload();
      const outcome = guest.locator(testId('share-outcome'));
      await outcome.waitFor();
      expect(await outcome.getAttribute('data-code')).toBe('SHARE_CANCELLED');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await owner.close();
      await recipient.close();
    }
  }, 120_000);

  it('lets an English browser switch the sign-in page to Chinese, then signs in, shows settings, folder-name problems and an ended session in Chinese', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 820 } });
    try {
      const page = await browser.newPage(context, 'owner');
      await page.goto(`${baseUrl}/`);
      await page.locator(testId('signin-form')).waitFor();
      expect(await page.textContent('h1')).toBe('Sign in');
      // Before signing in, from the sign-in card itself; the page reloads in the language chosen.
      await Promise.all([page.waitForEvent('load'), page.selectOption(testId('language-switcher'), 'zh-CN')]);
      await eventually(() => page.textContent('h1')).toBe('登录');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await page.textContent('label[for="signin-email"]')).toBe('邮箱');
      expect(await page.textContent('label[for="signin-password"]')).toBe('密码');
      expect(await page.textContent(testId('signin-submit'))).toBe('登录');
      expect(await page.inputValue(testId('language-switcher'))).toBe('zh-CN');
      await eventually(() => page.title()).toBe('登录 · ShareLink');

      await submitSignIn(page, demoEmail, `${demoPassword}-wrong`);
      await eventually(() => page.textContent(testId('signin-error'))).toBe('邮箱或密码错误。');
      await shot(page, 'owner-zh-03-sign-in-error');
      await page.fill(testId('signin-password'), demoPassword);
      await page.click(testId('signin-submit'));
      await eventually(() => page.textContent(testId('user-email'))).toBe(demoEmail);

      // A folder name is refused in Chinese before anything reaches the server.
      await page.click(testId('new-folder-button'));
      await page.fill(testId('new-folder-name'), `zh-${runId()}/sub`);
      await page.click(testId('new-folder-submit'));
      await eventually(() => page.textContent(testId('new-folder-error'))).toBe('文件夹名称不能包含“/”或“\\”。');
      await page.keyboard.press('Escape');

      await page.click(testId('nav-settings'));
      await eventually(() => page.textContent('#settings-title')).toBe('设置');
      await eventually(() => page.title()).toBe('设置 · ShareLink');
      expect(await page.textContent('.settings-view .subtitle')).toBe(`当前登录账号：${demoEmail}`);
      await page.locator(testId('settings-card')).waitFor();
      expect(await page.textContent('#settings-email')).toBe('通知邮件');
      await shot(page, 'owner-zh-04-settings');

      // The session ends (its refresh token is no longer known): the sign-in page says so in Chinese.
      await page.evaluate(() => localStorage.setItem('sharelink.refreshToken', 'revoked-refresh-token'));
      await page.reload();
      await eventually(() => page.textContent(testId('signin-notice'))).toBe('登录已过期，请重新登录。');
      expect(await page.textContent('h1')).toBe('登录');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows the administration page, its refusals, expiry choices and the access log in Chinese', async () => {
    const run = runId();
    const token = await apiToken(demoEmail);
    const filePath = `zh-admin-${run}/log-${run}.txt`;
    await upload(token, filePath, new TextEncoder().encode('log\n'), 'text/plain');
    const created = await call('POST', '/api/shares', {
      token,
      body: { items: [{ path: filePath }], password: { mode: 'custom', value: 'zh-admin-pass-1' }, expiry: { days: 7 } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const shareId = (created.body as { id: string }).id;
    for (const password of ['not-the-password', 'zh-admin-pass-1']) {
      await call('POST', `/api/public/shares/${shareId}/access`, { body: { password, deviceId: `zh-admin-${run}` } });
    }
    const owner = await chineseBrowser({ width: 1280, height: 900 });
    const admin = await chineseBrowser({ width: 1280, height: 900 });
    try {
      const page = await browser.newPage(owner, 'owner');
      await signIn(page, demoEmail);
      // The access log, newest first, in the page's language.
      await page.goto(`${baseUrl}/#/links/${shareId}`);
      const detail = page.locator(testId('link-detail'));
      await detail.locator(testId('event-row')).nth(1).waitFor();
      expect(await detail.locator(testId('event-text')).allTextContents()).toEqual(['打开链接', '访问被拒：密码错误']);
      // A non-administrator is refused the administration page in words.
      await page.goto(`${baseUrl}/#/admin`);
      const refusal = page.locator(testId('admin-forbidden'));
      await refusal.waitFor();
      expect(await refusal.locator('h1').textContent()).toBe('无权访问');
      // The share dialog's expiry choices and the organisation's policy.
      await page.goto(`${baseUrl}/#/files/zh-admin-${run}/`);
      const row = page.locator(`${testId('file-row')}[data-path="${filePath}"]`);
      await row.locator(testId('file-checkbox')).check();
      await page.click(testId('share-button'));
      const dialog = page.locator(testId('share-dialog'));
      await dialog.waitFor();
      await eventually(() => dialog.textContent()).toMatch(/组织默认有效期为 [\d,]+ 天/);
      expect(await dialog.textContent()).toContain('指定日期');

      const adminPage = await browser.newPage(admin, 'admin');
      await signIn(adminPage, adminEmail);
      await adminPage.goto(`${baseUrl}/#/admin`);
      const form = adminPage.locator(testId('admin-form'));
      await form.waitFor();
      expect(await adminPage.textContent('#admin-title')).toBe('管理');
      expect(await adminPage.textContent('#admin-security')).toBe('链接安全');
      expect(await form.locator(testId('admin-save')).textContent()).toBe('保存设置');
      // A default beyond the maximum is refused, in Chinese; nothing is saved.
      await form.locator(testId('admin-default-expiry')).fill('45');
      await form.locator(testId('admin-has-max')).check();
      await form.locator(testId('admin-max-expiry')).fill('30');
      await form.locator(testId('admin-save')).click();
      await eventually(() => form.locator(testId('admin-error')).textContent()).toBe('默认有效期：不能超过最长有效期');
      await shot(adminPage, 'owner-zh-03-admin-refusal');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await owner.close();
      await admin.close();
    }
  }, 120_000);

  it('lists file requests in Chinese: default title, a form problem, the table, spoken names, cancelling', async () => {
    const token = await apiToken(demoEmail);
    const run = runId();
    const folder = `zh-req-${run}`;
    // A sub-folder of a fresh folder: the root of the shared demo account may list it past the first page.
    expect((await call('POST', '/api/folders', { token, body: { path: `${folder}/papers/` } })).status).toBe(201);
    const created = await call('POST', '/api/requests', {
      token,
      body: { title: `资料 ${run}`, folder: `${folder}/`, password: { mode: 'none' } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { id } = created.body as { id: string };
    const owner = await chineseBrowser({ width: 1280, height: 820 });
    try {
      const page = await browser.newPage(owner, 'owner');
      await signIn(page, demoEmail);

      // The request dialog: a Chinese default title, and what to fix said in Chinese.
      await page.goto(`${baseUrl}/#/files/${folder}/`);
      const folderRow = page.locator(`${testId('folder-row')}[data-path="${folder}/papers/"]`);
      await folderRow.locator(testId('folder-menu')).click();
      await folderRow.locator(testId('folder-request-files')).click();
      const dialog = page.locator(testId('request-dialog'));
      expect(await dialog.locator(testId('request-title-input')).inputValue()).toBe('papers 相关文件');
      await dialog.locator(testId('request-title-input')).fill(' ');
      await dialog.locator(testId('create-request-submit')).click();
      expect(await dialog.locator(testId('request-error')).textContent()).toBe('请填写请求标题：上传者首先看到的就是它。');
      await dialog.locator('button:text-is("取消")').click();
      await dialog.waitFor({ state: 'detached' });

      await page.goto(`${baseUrl}/#/requests`);
      expect(await page.textContent('#requests-title')).toBe('我的文件请求');
      expect(await page.locator('[data-testid="requests-table"] th').allTextContents()).toEqual(
        expect.arrayContaining(['请求', '状态', '创建时间', '到期时间', '已收到']),
      );
      const row = page.locator(`${testId('request-row')}[data-request-id="${id}"]`);
      await row.waitFor();
      expect(await row.locator(testId('request-received')).textContent()).toBe('0 个文件 · 0 B');
      expect(await row.locator(testId('request-status')).textContent()).toBe('有效');
      expect(await row.locator('.link-meta').textContent()).toBe(`存入 ${folder} · 无密码`);
      // Each button's spoken name starts with what it shows (axe label-content-name-mismatch).
      for (const [button, visible] of [
        ['request-details', '详情'],
        ['request-copy', '复制链接'],
        ['request-cancel', '取消'],
      ] as const) {
        const control = row.locator(testId(button));
        expect(await control.textContent()).toBe(visible);
        expect(await control.getAttribute('aria-label')).toBe(`${visible}：资料 ${run}`);
      }
      await shot(page, 'owner-zh-03-requests');

      await row.locator(testId('request-cancel')).click();
      const confirm = page.locator(testId('confirm-dialog'));
      expect(await confirm.locator(testId('confirm-text')).textContent()).toMatch(/^取消此文件请求？/);
      expect(await confirm.locator(testId('confirm-ok')).textContent()).toBe('取消请求');
      await confirm.locator(testId('confirm-ok')).click();
      await confirm.waitFor({ state: 'detached' });
      expect(await page.textContent(testId('requests-notice'))).toBe('已取消 1 个文件请求。');
      await eventually(() => row.locator(testId('request-status')).textContent()).toBe('已取消');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await owner.close();
    }
  }, 120_000);
});

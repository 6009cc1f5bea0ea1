/**
 * The owner's main journey in Simplified Chinese: a browser that prefers Chinese signs in, sees
 * the files page in Chinese, uploads a file, shares it, a Chinese recipient unlocks and downloads
 * the same bytes, then the owner cancels the link from the links page and the recipient loses access.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../integration/client.js';
import { apiToken, baseUrl, demoEmail, eventually, runId, shareIdOf, shot, signIn, testId, unlock, useBrowser } from './support.js';

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

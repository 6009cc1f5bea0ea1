/**
 * The public pages in Simplified Chinese: a browser that prefers Chinese gets the recipient
 * page and the upload-link page in Chinese, the recipient journey (unlock, list, download)
 * works in it, and the language switcher changes the page to English and is remembered.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, upload } from '../integration/client.js';
import { apiToken, baseUrl, demoEmail, eventually, runId, shot, testId, unlock, useBrowser } from './support.js';

const browser = useBrowser();
let ownerToken: string;

beforeAll(async () => {
  ownerToken = await apiToken(demoEmail);
});

const chineseBrowser = (): Promise<BrowserContext> =>
  browser.newContext({ locale: 'zh-CN', viewport: { width: 1000, height: 760 }, acceptDownloads: true });

describe('the public pages in Chinese', () => {
  it('a Chinese browser gets the recipient page in Chinese: unlock, list, download; the switcher turns it to English, remembered', async () => {
    const run = runId();
    const bytes = new TextEncoder().encode(`hello ${run}\n`.repeat(100));
    await upload(ownerToken, `i18n-${run}/notes.txt`, bytes);
    const created = await call('POST', '/api/shares', {
      token: ownerToken,
      body: {
        items: [{ path: `i18n-${run}/notes.txt` }],
        password: { mode: 'custom', value: 'zh-secret-1' },
        expiry: { days: 2 },
        locale: 'zh-CN',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const link = created.body.url as string;

    const context = await chineseBrowser();
    const page = await browser.newPage(context, 'recipient');
    try {
      await page.goto(link);
      await page.waitForSelector(testId('unlock-form'));
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      expect(await page.textContent('h1')).toMatch(/ 与你分享了文件$/);
      expect(await page.textContent(testId('share-expiry'))).toMatch(/^有效期至 \d{4}年\d{1,2}月\d{1,2}日/);
      expect(await page.textContent('label[for="share-password"]')).toContain('密码');
      expect(await page.title()).toBe('打开共享的文件 · ShareLink');

      await unlock(page, 'wrong-password');
      await eventually(() => page.textContent(testId('unlock-error'))).toBe('密码错误，请检查后重试。');
      await unlock(page, 'zh-secret-1');
      const entry = page.locator(testId('share-entry'));
      await entry.waitFor();
      expect(await page.textContent(testId('share-counts'))).toMatch(/^1 个文件 · \d+(\.\d)? KB$/);
      expect(await entry.locator(testId('download-button')).textContent()).toBe('下载');
      expect(await entry.locator(testId('download-button')).getAttribute('aria-label')).toBe('下载 notes.txt');
      await shot(page, 'i18n-01-recipient-zh');

      const [download] = await Promise.all([page.waitForEvent('download'), entry.locator(testId('download-button')).click()]);
      expect(download.suggestedFilename()).toBe('notes.txt');
      expect(Buffer.compare(await readFile(await download.path()), bytes)).toBe(0);
      await eventually(() => page.textContent(testId('download-note'))).toBe('正在下载“notes.txt”…');

      // English, chosen with the switcher: the page reloads in it, and stays in it after another reload.
      expect(await page.inputValue(testId('language-switcher'))).toBe('zh-CN');
      await Promise.all([page.waitForEvent('load'), page.selectOption(testId('language-switcher'), 'en')]);
      await eventually(() => page.textContent(testId('download-button'))).toBe('Download');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.textContent('h1')).toMatch(/ shared files with you$/);
      await page.reload();
      await eventually(() => page.textContent(testId('download-button'))).toBe('Download');
      expect(await page.inputValue(testId('language-switcher'))).toBe('en');
      // And back: the choice goes both ways.
      await Promise.all([page.waitForEvent('load'), page.selectOption(testId('language-switcher'), 'zh-CN')]);
      await eventually(() => page.textContent(testId('download-button'))).toBe('下载');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a link that does not exist in Chinese', async () => {
    const context = await chineseBrowser();
    const page = await browser.newPage(context, 'recipient');
    try {
      await page.goto(`${baseUrl}/s/AAAAAAAAAAAAAAAAAAAAAA`);
      await eventually(() => page.textContent(testId('outcome-title'))).toBe('找不到链接');
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a Chinese browser gets the upload-link page in Chinese, and sends a file in it', async () => {
    const run = runId();
    const reply = await call('POST', '/api/requests', {
      token: ownerToken,
      body: { folder: `i18n-req-${run}/`, title: `资料 ${run}`, password: { mode: 'none' }, maxFiles: 5, locale: 'zh-CN' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const context = await chineseBrowser();
    const page = await browser.newPage(context, 'uploader');
    try {
      await page.goto(reply.body.url as string);
      await page.waitForSelector(testId('access-form'));
      expect(await page.textContent(testId('request-owner'))).toMatch(/ 请你发送文件$/);
      expect(await page.textContent(testId('request-limits'))).toMatch(/最多 5 个文件（还可发送 5 个）/);
      expect(await page.textContent('label[for="uploader-name"]')).toBe('你的名字');
      await page.click(testId('access-submit'));
      expect(await page.textContent(testId('access-error'))).toBe('请输入你的名字：你的文件将按此名字归档。');
      await page.fill(testId('uploader-name'), 'Li Lei');
      await page.click(testId('access-submit'));
      await eventually(() => page.textContent(testId('visit-name'))).toBe('发送者：Li Lei');
      await page.setInputFiles(testId('pick-files-input'), { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
      await eventually(() => page.textContent(testId('upload-counts'))).toBe('已接收 1/1');
      expect(await page.textContent(testId('upload-status'))).toBe('已接收');
      expect(await page.textContent('#receipt-title')).toBe('你的文件已全部送达');
      await shot(page, 'i18n-02-uploader-zh');

      await Promise.all([page.waitForEvent('load'), page.selectOption(testId('language-switcher'), 'en')]);
      await eventually(() => page.textContent('h1')).toBe(`资料 ${run}`);
      await eventually(() => page.textContent(testId('request-owner'))).toMatch(/ asks you to send files$/);
      expect(browser.pageProblems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ownerI18n } from '../../../web/src/owner/i18n/index.js';
import { folderLabel, initialRequestForm, requestBodyOf } from '../../../web/src/owner/lib/requests.js';
import { initialShareForm, shareRequestOf } from '../../../web/src/owner/lib/share-form.js';
import type { SelectedItem } from '../../../web/src/owner/types.js';

/** What the request and share forms tell the owner to fix, in the language the page loaded (read when asked, not at import). */
const items: SelectedItem[] = [{ path: 'report.pdf', name: 'report.pdf', kind: 'file' }];
const problemOf = (result: ReturnType<typeof shareRequestOf>) => ('problem' in result ? result.problem : undefined);

describe('the owner forms’ texts', () => {
  // The translator marks <html lang>; unit tests run without a page.
  beforeAll(() => vi.stubGlobal('document', { documentElement: {} }));
  afterAll(() => vi.unstubAllGlobals());

  it('are English by default', () => {
    expect(initialRequestForm('Clients/Tax/', undefined).title).toBe('Files for Tax');
    expect(folderLabel('')).toBe('All files');
    expect(requestBodyOf({ ...initialRequestForm('Tax/', undefined), title: ' ' }, 'Tax/', undefined)).toBe(
      'Give the request a title: uploaders see it first.',
    );
    const form = { ...initialShareForm(items, undefined), recipientDraft: 'ann bob@' };
    expect(problemOf(shareRequestOf(form, items, undefined))).toBe('Recipients: “ann”, “bob@” are not email addresses.');
    expect(problemOf(shareRequestOf({ ...form, recipientDraft: 'ann' }, items, undefined))).toBe(
      'Recipients: “ann” is not an email address.',
    );
  });

  it('follow the language chosen at runtime', async () => {
    await ownerI18n.load('zh-CN');
    expect(initialRequestForm('Clients/Tax/', undefined).title).toBe('Tax 相关文件');
    expect(folderLabel('')).toBe('全部文件');
    expect(folderLabel('Clients/Tax/')).toBe('Clients/Tax');
    const request = { ...initialRequestForm('Tax/', undefined), passwordMode: 'custom' as const, customPassword: 'short' };
    expect(requestBodyOf(request, 'Tax/', undefined)).toBe('请设置至少 8 个字符的密码，或由系统自动生成。');
    const form = { ...initialShareForm(items, undefined), recipientDraft: 'ann bob@' };
    expect(problemOf(shareRequestOf(form, items, undefined))).toBe('收件人：“ann”、“bob@” 不是有效的邮箱地址。');
    expect(problemOf(shareRequestOf({ ...form, recipientDraft: '', maxDownloads: '0' }, items, undefined))).toMatch(/^下载次数上限/);
    await ownerI18n.load('en');
    expect(folderLabel('')).toBe('All files');
  });
});

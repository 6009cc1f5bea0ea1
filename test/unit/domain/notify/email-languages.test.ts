import { describe, expect, it } from 'vitest';
import { createRequestSchema } from '../../../../functions/lib/domain/requests/owner.js';
import { createShareSchema } from '../../../../functions/lib/domain/links/create.js';
import { downloadAlertEmail, partnerEmail } from '../../../../functions/lib/domain/notify/email-templates.js';
import { outboxJobFor, linkLockedEmail, senderCodeEmail } from '../../../../functions/lib/domain/notify/security-emails.js';
import { uploadEmail } from '../../../../functions/lib/domain/notify/upload-emails.js';
import { senderCodeRequestSchema } from '../../../../functions/lib/domain/settings/sender-verification.js';

const partner = (locale?: 'en' | 'zh-CN') =>
  partnerEmail({
    ownerName: 'Anna',
    link: 'https://share.example.com/s/AbCdEfGhIjKlMnOpQrStUv',
    itemNames: ['report.pdf', 'photos/', '<b>x</b>'],
    message: null,
    expiresAt: '2026-03-08T12:00:00.000Z',
    requiresPassword: true,
    ...(locale ? { locale } : {}),
  });

describe('emails in the owner’s language', () => {
  it('writes the partner email in Chinese for a link made in Chinese, in English otherwise', () => {
    const zh = partner('zh-CN');
    expect(zh.subject).toBe('Anna 与你分享了 3 项内容');
    expect(zh.text).toContain('Anna 通过 ShareLink 与你分享了 3 项内容。');
    expect(zh.text).toContain('此链接将于 2026年3月8日 12:00（UTC） 过期。');
    expect(zh.text).toContain('此链接受密码保护，Anna 会另行告诉你密码。');
    expect(zh.text).toContain('由 ShareLink 发送。');
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(zh.html).toContain('<strong>Anna</strong> 与你分享了 3 项内容。');
    expect(zh.html).toContain('打开共享的文件');
    // Escaping holds in every language.
    expect(zh.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(zh.html).not.toContain('<b>x</b>');
    const en = partner();
    expect(en.subject).toBe('Anna shared 3 items with you');
    expect(en.html).toContain('<html lang="en">');
    expect(partner('en')).toEqual(en);
  });

  it('writes the download alert, the lock alert, the files-arrived email and the sender code in Chinese', () => {
    const alert = downloadAlertEmail({
      file: 'Holiday',
      zip: { fileCount: 2, names: ['Holiday/'] },
      at: '2026-03-08T12:00:00.000Z',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0',
      client: 'abc',
      manageLink: 'https://share.example.com/#/links/x',
      shareLabel: 'Holiday/',
      locale: 'zh-CN',
    });
    expect(alert.subject).toBe('已打包下载：Holiday（2 个文件）');
    expect(alert.text).toContain('有人从你的链接 “Holiday/” 将 2 个文件 打包成一个 zip 下载：');
    expect(alert.text).toContain('设备：Firefox 128，运行于 Windows');
    expect(alert.html).toContain('打开访问日志');

    const locked = linkLockedEmail({
      shareLabel: 'a.pdf',
      failures: 20,
      lockedUntil: '2026-03-08T12:00:00.000Z',
      manageLink: 'x',
      locale: 'zh-CN',
    });
    expect(locked.subject).toBe('链接已锁定：a.pdf');
    expect(locked.text).toContain('在一小时内共收到 20 次错误密码');

    const arrived = uploadEmail({
      uploader: 'Ben',
      uploaderEmail: null,
      title: 'Tax',
      files: [{ name: 'a.pdf', size: 10 }],
      at: '2026-03-08T12:00:00.000Z',
      folderLink: 'https://x/#/files/Tax/Ben/',
      folderLabel: 'Tax/Ben/',
      requestLink: 'https://x/#/requests/r',
      locale: 'zh-CN',
    });
    expect(arrived.subject).toBe('Ben 为“Tax”发送了“a.pdf”');
    expect(arrived.text).toContain('Ben 于 2026年3月8日 12:00（UTC） 通过你的文件请求 “Tax” 发送了 1 个文件（10 B）。');

    const code = senderCodeEmail({ code: '123456', address: 'me@corp.example', expiresAt: '2026-03-08T12:00:00.000Z', locale: 'zh-CN' });
    expect(code.subject).toBe('你的 ShareLink 验证码：123456');
    expect(code.html).toContain('<strong>me@corp.example</strong>');
  });

  it('takes the locale with a new link, request and sender code, and nothing but the two languages', () => {
    const share = { items: [{ path: 'a.pdf' }] };
    expect(createShareSchema.parse({ ...share, locale: 'zh-CN' }).locale).toBe('zh-CN');
    expect(createShareSchema.parse(share).locale).toBeUndefined();
    expect(createShareSchema.safeParse({ ...share, locale: 'fr' }).success).toBe(false);
    expect(createRequestSchema.safeParse({ folder: '', title: 'T', locale: 'zh-CN' }).success).toBe(true);
    expect(createRequestSchema.safeParse({ folder: '', title: 'T', locale: 'de' }).success).toBe(false);
    expect(senderCodeRequestSchema.parse({ address: 'a@b.example', locale: 'zh-CN' }).locale).toBe('zh-CN');
  });

  it('reads a queued sender code’s language, ignoring one it does not speak', () => {
    const item = (locale: unknown) => ({
      eventName: 'INSERT',
      keys: { pk: 'USER#u1', sk: 'OUTBOX#sender-code#1' },
      newImage: { kind: 'sender-code', userId: 'u1', to: 'a@b.example', sealedCode: 's', expiresAt: '2026-03-08T12:00:00.000Z', locale },
    });
    expect(outboxJobFor(item('zh-CN'))).toMatchObject({ kind: 'sender-code', locale: 'zh-CN' });
    expect(outboxJobFor(item('xx'))).not.toHaveProperty('locale');
  });
});

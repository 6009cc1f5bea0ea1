import { afterAll, describe, expect, it } from 'vitest';
import { ownerI18n } from '../../../web/src/owner/i18n/index.js';
import { readable } from '../../../web/src/owner/lib/admin-settings.js';
import { describeEvent, shortUserAgent } from '../../../web/src/owner/lib/events.js';
import { expiryChoiceOf, expiryPolicyHint, expiryPresets } from '../../../web/src/owner/lib/expiry.js';
import type { ShareEvent } from '../../../web/src/owner/types.js';

// The translator marks the page's language on <html>; node has no document, so give it the one element it touches.
(globalThis as { document?: unknown }).document = { documentElement: {} };
afterAll(() => ownerI18n.load('en'));

const event = (kind: string, extra: Record<string, unknown> = {}) =>
  ({ kind, at: '2026-03-01T10:00:00Z', client: 'abc', userAgent: 'curl/8', ...extra }) as unknown as ShareEvent;

describe('the owner lib texts (expiry, access log, admin refusals)', () => {
  it('read in English as before', async () => {
    await ownerI18n.load('en');
    expect(expiryPresets(14).map((preset) => preset.label)).toEqual(['1 day', '7 days', '14 days', '30 days', 'On a date', 'Never']);
    expect(expiryPolicyHint(14, 30)).toBe("Your organisation's default is 14 days; links can last at most 30 days.");
    expect(expiryPolicyHint(7, null)).toBe("Your organisation's default is 7 days; links may also never expire.");
    expect(expiryPolicyHint(undefined, 1)).toBe('Links can last at most 1 day.');
    expect(expiryPolicyHint(undefined, null)).toBeUndefined();
    expect(expiryChoiceOf('date', '', null)).toBe('Pick the date the link stops working.');
    expect(expiryChoiceOf('date', '2099-01-01', 30)).toBe('Links can last at most 30 days here.');
    expect(describeEvent(event('unlock', { uploader: 'Ann' })).text).toBe('Ann: Opened the link');
    expect(describeEvent(event('denied:WRONG_PASSWORD'))).toEqual({ tone: 'denied', text: 'Refused: wrong password' });
    expect(describeEvent(event('denied:SOMETHING_NEW')).text).toBe('Refused: something new');
    expect(readable('Invalid request body: defaultExpiryDays: must not exceed maxExpiryDays')).toEqual({
      text: 'Default expiry: must not exceed Maximum expiry',
      fields: ['defaultExpiryDays', 'maxExpiryDays'],
    });
    expect(readable('Invalid request body: adminNotificationSender: Invalid email address').text).toBe(
      'Sender address: Invalid email address',
    );
  });

  it('follow the language loaded at runtime, Chinese included', async () => {
    await ownerI18n.load('zh-CN');
    expect(expiryPresets().map((preset) => preset.label)).toEqual(['1 天', '7 天', '30 天', '指定日期', '永不过期']);
    expect(expiryPolicyHint(14, 30)).toBe('组织默认有效期为 14 天，最长 30 天。');
    expect(expiryChoiceOf('date', '2099-01-01', 30)).toBe('此处链接的有效期最长为 30 天。');
    expect(describeEvent(event('upload', { uploader: 'Ann' })).text).toBe('Ann：上传');
    expect(describeEvent(event('denied:DEVICE_BOUND')).text).toBe('访问被拒：链接已绑定到其他设备');
    expect(shortUserAgent('')).toBe('未知');
    expect(readable('Invalid request body: defaultExpiryDays: must not exceed maxExpiryDays').text).toBe('默认有效期：不能超过最长有效期');
  });
});

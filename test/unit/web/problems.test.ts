import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/common/http.js';
import { makeI18n } from '../../../web/src/common/i18n.js';
import ownerEn from '../../../web/src/owner/i18n/en.js';
import ownerZh from '../../../web/src/owner/i18n/zh-CN.js';
import { problemIn } from '../../../web/src/owner/lib/problems.js';

const en = makeI18n('en', ownerEn);
const zh = makeI18n('zh-CN', ownerZh);
const policy = new ApiError(400, 'POLICY_VIOLATION', 'Links can last at most 30 days here.');

describe("owner-facing errors in the page's language", () => {
  it("show the server's own sentence in English: it names the case", () => {
    expect(problemIn(en, policy)).toBe('Links can last at most 30 days here.');
    expect(problemIn(en, new ApiError(400, 'SENDER_NOT_VERIFIED', 'Confirm a@b.example first.'))).toBe('Confirm a@b.example first.');
  });

  it('show the catalog sentence for a code in Chinese, with the server detail only where the code depends on the case', () => {
    expect(problemIn(zh, new ApiError(400, 'SENDER_NOT_VERIFIED', 'Confirm a@b.example first.'))).toBe(
      ownerZh['problem.SENDER_NOT_VERIFIED'],
    );
    expect(problemIn(zh, new ApiError(404, 'SHARE_NOT_FOUND', 'This link does not exist.'))).toBe('该链接不存在，或不属于你。');
    expect(problemIn(zh, policy)).toBe('你所在组织的策略不允许此操作：Links can last at most 30 days here.');
  });

  it('fall back to the shared catalog, then to the server sentence, for codes the owner catalog lacks', () => {
    expect(problemIn(zh, new ApiError(429, 'TOO_MANY_ATTEMPTS', 'Too many.', 120))).toBe(zh.t('error.TOO_MANY_ATTEMPTS', { count: 2 }));
    expect(problemIn(zh, new ApiError(418, 'SOMETHING_NEW', 'A new server sentence.'))).toBe('A new server sentence.');
  });

  it('word network failures, bare HTTP errors and anything else in the page language', () => {
    expect(problemIn(zh, new ApiError(0, 'NETWORK_ERROR', 'Could not reach the server.'))).toBe(ownerZh['error.NETWORK_ERROR']);
    expect(problemIn(zh, new ApiError(502, 'HTTP_502', 'Bad gateway'))).toBe(ownerZh['common.error.server']);
    expect(problemIn(en, new ApiError(404, 'HTTP_404', 'x'))).toBe('The request failed (HTTP 404).');
    expect(problemIn(zh, new TypeError('boom'))).toBe(ownerZh['common.error.unexpected']);
  });
});

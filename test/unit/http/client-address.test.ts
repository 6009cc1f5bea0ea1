import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../../../functions/lib/http/client-address.js';

describe('the client address used to count password attempts', () => {
  afterEach(() => {
    delete process.env.ORIGIN_VERIFY_SECRET;
  });

  it("is the viewer's address when CloudFront proves it forwarded the request", () => {
    process.env.ORIGIN_VERIFY_SECRET = 's3cret-value';
    expect(clientAddress({ 'cloudfront-viewer-address': '203.0.113.7:46532', 'x-origin-verify': 's3cret-value' }, '130.176.0.1')).toBe('203.0.113.7');
    expect(clientAddress({ 'cloudfront-viewer-address': '[2001:db8::1]:443', 'x-origin-verify': 's3cret-value' }, '130.176.0.1')).toBe('2001:db8::1');
  });

  it('ignores a viewer address from a caller that went around CloudFront', () => {
    process.env.ORIGIN_VERIFY_SECRET = 's3cret-value';
    expect(clientAddress({ 'cloudfront-viewer-address': '203.0.113.7:1' }, '198.51.100.9')).toBe('198.51.100.9');
    expect(clientAddress({ 'cloudfront-viewer-address': '203.0.113.7:1', 'x-origin-verify': 'guess-value!' }, '198.51.100.9')).toBe('198.51.100.9');
  });

  it('is the connection address where no origin secret is configured (the local runtime)', () => {
    expect(clientAddress({ 'cloudfront-viewer-address': '203.0.113.7:1', 'x-origin-verify': 'x' }, '127.0.0.1')).toBe('127.0.0.1');
  });
});

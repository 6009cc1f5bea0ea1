import { afterEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../../../functions/lib/http/client-address.js';
import { viewerAddressFunctionCode } from '../../../infra/edge.js';

describe('the client address used to count password attempts', () => {
  afterEach(() => {
    delete process.env.ORIGIN_VERIFY_SECRET;
  });

  it("is the viewer's address when CloudFront proves it forwarded the request", () => {
    process.env.ORIGIN_VERIFY_SECRET = 's3cret-value';
    expect(clientAddress({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': 's3cret-value' }, '130.176.0.1')).toBe('203.0.113.7');
  });

  it('ignores a viewer address from a caller that went around CloudFront', () => {
    process.env.ORIGIN_VERIFY_SECRET = 's3cret-value';
    expect(clientAddress({ 'x-viewer-address': '203.0.113.7' }, '198.51.100.9')).toBe('198.51.100.9');
    expect(clientAddress({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': 'guess-value!' }, '198.51.100.9')).toBe('198.51.100.9');
  });

  it('is the connection address where no origin secret is configured (the local runtime)', () => {
    expect(clientAddress({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': 'x' }, '127.0.0.1')).toBe('127.0.0.1');
  });

  it("is set at the edge from the viewer's IP, overwriting what the client sent", () => {
    const handler = new Function(`${viewerAddressFunctionCode}; return handler;`)() as (event: unknown) => { headers: Record<string, { value: string }> };
    const request = handler({ viewer: { ip: '203.0.113.7' }, request: { uri: '/api/x', headers: { 'x-viewer-address': { value: '1.2.3.4' } } } });
    expect(request.headers['x-viewer-address']).toEqual({ value: '203.0.113.7' });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { clientAddress } from '../../../functions/lib/http/client-address.js';
import { viewerAddressFunctionCode } from '../../../infra/edge.js';

describe('the client address used to count password attempts', () => {
  const secret = async () => 's3cret-value';

  it("is the viewer's address when CloudFront proves it forwarded the request", async () => {
    expect(await clientAddress({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': 's3cret-value' }, '130.176.0.1', secret)).toBe(
      '203.0.113.7',
    );
  });

  it('ignores a viewer address from a caller that went around CloudFront', async () => {
    expect(await clientAddress({ 'x-viewer-address': '203.0.113.7' }, '198.51.100.9', secret)).toBe('198.51.100.9');
    expect(await clientAddress({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': 'guess-value!' }, '198.51.100.9', secret)).toBe(
      '198.51.100.9',
    );
  });

  it('is the connection address where no origin secret is configured (the local runtime)', async () => {
    expect(await clientAddress({ 'x-viewer-address': '203.0.113.7', 'x-origin-verify': 'x' }, '127.0.0.1', async () => undefined)).toBe(
      '127.0.0.1',
    );
  });

  it('fetches the origin secret only for requests that claim a viewer address', async () => {
    const source = vi.fn(secret);
    expect(await clientAddress({}, '198.51.100.9', source)).toBe('198.51.100.9');
    expect(source).not.toHaveBeenCalled();
  });

  it("is set at the edge from the viewer's IP, overwriting what the client sent", () => {
    // The CloudFront Function's source, run as CloudFront runs it: a plain script defining `handler`.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const handler = new Function(`${viewerAddressFunctionCode}; return handler;`)() as (event: unknown) => {
      headers: Record<string, { value: string }>;
    };
    const request = handler({
      viewer: { ip: '203.0.113.7' },
      request: { uri: '/api/x', headers: { 'x-viewer-address': { value: '1.2.3.4' } } },
    });
    expect(request.headers['x-viewer-address']).toEqual({ value: '203.0.113.7' });
  });
});

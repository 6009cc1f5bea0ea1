import { describe, expect, it } from 'vitest';
import { TOKEN_TTL_SECONDS, clientHash, clientNetwork, deviceHash, issueToken, readToken } from '../../../functions/lib/domain/tokens.js';
import { NOW } from '../fixtures.js';

const KEY = Buffer.from('unit-test-signing-key-0123456789abcdef');
const OTHER_KEY = Buffer.from('another-signing-key-0123456789abcdef');
const CLAIMS = { sid: 'AAAAAAAAAAAAAAAAAAAAAA', dev: deviceHash('browser-device-1'), pv: 3, av: 2 };

/** Flips one bit of the first character's value, so the decoded bytes really change. */
function tamper(part: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const index = alphabet.indexOf(part[0]!);
  return alphabet[index ^ 0b100000]! + part.slice(1);
}

describe('access tokens', () => {
  it('carry the share, device, password version and access version they were issued for', () => {
    const { token } = issueToken(KEY, CLAIMS, NOW);
    expect(readToken(KEY, token, NOW + 1000)).toEqual({ ...CLAIMS, exp: Math.floor(NOW / 1000) + TOKEN_TTL_SECONDS });
  });

  it('issued before access versions existed read as version 0, and a non-number version is refused', () => {
    const { av: _av, ...older } = CLAIMS;
    const { token } = issueToken(KEY, older as never, NOW);
    expect(readToken(KEY, token, NOW)?.av).toBe(0);
    const { token: odd } = issueToken(KEY, { ...CLAIMS, av: '2' } as never, NOW);
    expect(readToken(KEY, odd, NOW)).toBeUndefined();
  });

  it('live at most one hour', () => {
    const { token, expiresIn } = issueToken(KEY, CLAIMS, NOW);
    expect(TOKEN_TTL_SECONDS).toBeLessThanOrEqual(3600);
    expect(expiresIn).toBeLessThanOrEqual(3600);
    expect(readToken(KEY, token, NOW + 3599_000)).toBeDefined();
    expect(readToken(KEY, token, NOW + 3600_000)).toBeUndefined();
    expect(readToken(KEY, token, NOW + 86_400_000)).toBeUndefined();
  });

  it('are refused when the payload was changed', () => {
    const { token } = issueToken(KEY, CLAIMS, NOW);
    const [payload, signature] = token.split('.') as [string, string];
    expect(readToken(KEY, `${tamper(payload)}.${signature}`, NOW)).toBeUndefined();
    // A payload re-encoded with other claims but the old signature.
    const forged = Buffer.from(JSON.stringify({ ...CLAIMS, sid: 'BBBBBBBBBBBBBBBBBBBBBB', exp: Math.floor(NOW / 1000) + 60 })).toString(
      'base64url',
    );
    expect(readToken(KEY, `${forged}.${signature}`, NOW)).toBeUndefined();
  });

  it('are refused when the signature was changed, cut short or left out', () => {
    const { token } = issueToken(KEY, CLAIMS, NOW);
    const [payload, signature] = token.split('.') as [string, string];
    expect(readToken(KEY, `${payload}.${tamper(signature)}`, NOW)).toBeUndefined();
    expect(readToken(KEY, `${payload}.${signature.slice(0, 20)}`, NOW)).toBeUndefined();
    expect(readToken(KEY, `${payload}.`, NOW)).toBeUndefined();
    expect(readToken(KEY, payload, NOW)).toBeUndefined();
    expect(readToken(KEY, `${token}.extra`, NOW)).toBeUndefined();
  });

  it('are refused when signed with another key', () => {
    const { token } = issueToken(OTHER_KEY, CLAIMS, NOW);
    expect(readToken(KEY, token, NOW)).toBeUndefined();
  });

  it('are refused once expired', () => {
    const { token } = issueToken(KEY, CLAIMS, NOW - 2 * 3600_000);
    expect(readToken(KEY, token, NOW)).toBeUndefined();
  });

  it('are refused when validly signed but claiming a lifetime over an hour', () => {
    // Only a holder of the key can do this; still, a token must never outlive the rule.
    const { token } = issueToken(KEY, CLAIMS, NOW + 24 * 3600_000);
    expect(readToken(KEY, token, NOW)).toBeUndefined();
  });

  it('are refused when the signed claims are incomplete', () => {
    const { token } = issueToken(KEY, { sid: CLAIMS.sid, dev: CLAIMS.dev } as never, NOW);
    expect(readToken(KEY, token, NOW)).toBeUndefined();
  });

  it('never throw on garbage', () => {
    for (const garbage of ['', '.', '..', 'a.b', '%%%.###', 'eyJhbGciOiJIUzI1NiJ9.e30.sig', '\u0000.\u0000']) {
      expect(readToken(KEY, garbage, NOW)).toBeUndefined();
    }
  });
});

describe('device hashes', () => {
  it('are stable for one device and differ between devices', () => {
    expect(deviceHash('device-aaaaaaaa')).toBe(deviceHash('device-aaaaaaaa'));
    expect(deviceHash('device-aaaaaaaa')).not.toBe(deviceHash('device-bbbbbbbb'));
  });

  it('do not reveal the raw device id', () => {
    const id = 'my-browser-device-id-123';
    expect(deviceHash(id)).not.toContain(id);
    expect(deviceHash(id)).not.toContain(Buffer.from(id).toString('base64url'));
  });
});

describe('client hashes', () => {
  it('are stable per address and key, and do not contain the address', () => {
    expect(clientHash(KEY, '203.0.113.7')).toBe(clientHash(KEY, '203.0.113.7'));
    expect(clientHash(KEY, '203.0.113.7')).not.toBe(clientHash(KEY, '203.0.113.8'));
    expect(clientHash(KEY, '203.0.113.7')).not.toBe(clientHash(OTHER_KEY, '203.0.113.7'));
    expect(clientHash(KEY, '203.0.113.7')).not.toContain('203.0.113.7');
  });
});

describe('clients', () => {
  it('are one IPv4 address each', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientHash(KEY, '203.0.113.7')).not.toBe(clientHash(KEY, '203.0.113.8'));
  });

  it('count every address of one IPv6 /64 as the same client, and another /64 as another', () => {
    expect(clientHash(KEY, '2001:db8:1:2::1')).toBe(clientHash(KEY, '2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(clientHash(KEY, '2001:db8:1:2::1')).toBe(clientHash(KEY, '2001:0db8:0001:0002:0000:0000:0000:0002'));
    expect(clientHash(KEY, '2001:db8:1:2::1')).not.toBe(clientHash(KEY, '2001:db8:1:3::1'));
  });

  it('are one IPv6 /64 each, however the address is written', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0DB8:0001:0002:0:0:0:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientHash(KEY, '2001:db8:1:2::1')).toBe(clientHash(KEY, '2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(clientHash(KEY, '2001:db8:1:2::1')).not.toBe(clientHash(KEY, '2001:db8:1:3::1'));
  });

  it('are their IPv4 address when written as IPv4-mapped IPv6', () => {
    expect(clientNetwork('::ffff:198.51.100.20')).toBe('198.51.100.20');
    expect(clientHash(KEY, '::ffff:198.51.100.20')).toBe(clientHash(KEY, '198.51.100.20'));
  });

  it('pass anything that is not an address through unchanged', () => {
    expect(clientNetwork('not-an-address')).toBe('not-an-address');
  });
});

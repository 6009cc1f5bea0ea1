import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** What a recipient's access token vouches for. Bound to share, device, password version and grant. */
export interface AccessClaims {
  /** share id */
  sid: string;
  /** hash of the device id the recipient unlocked with */
  dev: string;
  /** password version at unlock; regenerating the password bumps it and so revokes tokens */
  pv: number;
  /**
   * Who the access was granted to: absent for whoever holds the link (and its password); a
   * verified partner's key on the share (`partnerKey`), whose own version `av` then is.
   */
  grant?: string;
  /**
   * The grant's access version at unlock; revoking the grant (resetting the device binding, for
   * the link itself) bumps it, so every token issued before stops working. 0 when absent.
   */
  av: number;
  /** The verified partner's email (links with `verifyRecipients`); absent for whoever holds the link. */
  em?: string;
  /** expiry, epoch seconds */
  exp: number;
}

export const TOKEN_TTL_SECONDS = 3600;

/** Device ids are stored and compared only as hashes. */
export function deviceHash(deviceId: string): string {
  return createHash('sha256').update(`device:${deviceId}`).digest('base64url').slice(0, 32);
}

function sign(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(`sharelink-access.${payload}`).digest();
}

export function issueToken(key: Buffer, claims: Omit<AccessClaims, 'exp'>, nowMs: number): { token: string; expiresIn: number } {
  const body: AccessClaims = { ...claims, exp: Math.floor(nowMs / 1000) + TOKEN_TTL_SECONDS };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return { token: `${payload}.${sign(key, payload).toString('base64url')}`, expiresIn: TOKEN_TTL_SECONDS };
}

/** The claims if the token is authentic and unexpired, otherwise undefined. Never throws. */
export function readToken(key: Buffer, token: string, nowMs: number): AccessClaims | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = sign(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<AccessClaims>;
    if (
      typeof claims.sid !== 'string' ||
      typeof claims.dev !== 'string' ||
      typeof claims.pv !== 'number' ||
      typeof claims.exp !== 'number' ||
      (claims.av !== undefined && typeof claims.av !== 'number') ||
      (claims.grant !== undefined && typeof claims.grant !== 'string') ||
      (claims.em !== undefined && typeof claims.em !== 'string')
    ) {
      return undefined;
    }
    if (claims.exp * 1000 <= nowMs || claims.exp * 1000 > nowMs + TOKEN_TTL_SECONDS * 1000 + 60_000) return undefined;
    // Tokens issued before access versions existed carry none: version 0, which a revocation passes.
    return { ...(claims as AccessClaims), av: claims.av ?? 0 };
  } catch {
    return undefined;
  }
}

/** The eight 16-bit groups of an IPv6 address, or undefined if it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address;
  // A trailing dotted IPv4 part (`::ffff:192.0.2.1`) is two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * What counts as one client: an IPv4 address, or an IPv6 /64 (one home or office network gets
 * a whole /64, so counting single IPv6 addresses would give one attacker billions of clients).
 * An IPv4-mapped IPv6 address is its IPv4 address.
 */
export function clientNetwork(address: string): string {
  const bare = address.trim().replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (!groups) return bare;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** A keyed hash of the client (its address, or its IPv6 /64): enough to count attempts, useless to recover the address. */
export function clientHash(key: Buffer, sourceIp: string): string {
  return createHmac('sha256', key)
    .update(`client:${clientNetwork(sourceIp)}`)
    .digest('base64url')
    .slice(0, 22);
}

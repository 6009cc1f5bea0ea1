import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a recipient's access token vouches for. Bound to share, device and password version. */
export interface AccessClaims {
  /** share id */
  sid: string;
  /** hash of the device id the recipient unlocked with */
  dev: string;
  /** password version at unlock; regenerating the password bumps it and so revokes tokens */
  pv: number;
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
      typeof claims.exp !== 'number'
    ) {
      return undefined;
    }
    if (claims.exp * 1000 <= nowMs || claims.exp * 1000 > nowMs + TOKEN_TTL_SECONDS * 1000 + 60_000) return undefined;
    return claims as AccessClaims;
  } catch {
    return undefined;
  }
}

/** A keyed hash of the client address: enough to count attempts, useless to recover the address. */
export function clientHash(key: Buffer, sourceIp: string): string {
  return createHmac('sha256', key).update(`client:${sourceIp}`).digest('base64url').slice(0, 22);
}

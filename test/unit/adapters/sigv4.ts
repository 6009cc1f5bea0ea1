import { createHash, createHmac } from 'node:crypto';

/**
 * An independent verifier for SigV4 presigned S3 URLs (query-string authentication,
 * UNSIGNED-PAYLOAD), written from the AWS specification rather than from the SDK, because
 * s3rver accepts any signature. It rebuilds canonical request -> string to sign ->
 * signing key -> signature from what the URL itself says, so any change to the URL that
 * S3 would notice (key, expiry, response headers, signed header values) fails here too.
 */

export interface VerifyOptions {
  secretAccessKey: string;
  /** The HTTP method the URL will be used with. */
  method: 'GET' | 'PUT' | 'HEAD';
  /** Values of the request headers the client will send, for headers the URL signs (host is taken from the URL). */
  headers?: Record<string, string>;
  /** The instant the request is made; defaults to now. */
  nowMs?: number;
}

export type Verdict = { valid: true } | { valid: false; reason: string };

export interface PresignedParts {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  amzDate: string;
  expiresSeconds: number;
  signedHeaders: string[];
  signature: string;
  params: Array<[string, string]>;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 percent-encoding as SigV4 requires: everything but A-Z a-z 0-9 - _ . ~, hex in upper case. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(char) || (keepSlash && char === '/')) out += char;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Query parameters exactly as written in the URL, decoded (no `+`-means-space: that is form encoding, not SigV4). */
function queryParams(url: URL): Array<[string, string]> {
  const raw = url.search.replace(/^\?/, '');
  if (!raw) return [];
  return raw.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? '' : pair.slice(eq + 1);
    return [decodeURIComponent(name), decodeURIComponent(value)];
  });
}

export function parsePresigned(url: URL): PresignedParts {
  const params = queryParams(url);
  const get = (name: string) => {
    const found = params.filter(([n]) => n === name);
    if (found.length !== 1) throw new Error(`expected exactly one ${name} parameter, found ${found.length}`);
    return found[0]![1];
  };
  if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') throw new Error('not AWS4-HMAC-SHA256');
  const [accessKeyId, date, region, service, terminator, ...rest] = get('X-Amz-Credential').split('/');
  if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request' || rest.length)
    throw new Error('malformed X-Amz-Credential');
  const expires = get('X-Amz-Expires');
  if (!/^\d+$/.test(expires)) throw new Error('malformed X-Amz-Expires');
  return {
    accessKeyId,
    date,
    region,
    service,
    amzDate: get('X-Amz-Date'),
    expiresSeconds: Number(expires),
    signedHeaders: get('X-Amz-SignedHeaders').split(';'),
    signature: get('X-Amz-Signature'),
    params,
  };
}

function canonicalRequest(url: URL, method: string, parts: PresignedParts, headers: Record<string, string>): string {
  // S3 signs the path as sent, each segment URI-encoded once (no double encoding, unlike other services).
  const canonicalUri = url.pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
  const canonicalQuery = parts.params
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const lowerHeaders: Record<string, string> = { host: url.host };
  for (const [name, value] of Object.entries(headers)) lowerHeaders[name.toLowerCase()] = value;
  const sortedSigned = [...parts.signedHeaders].sort();
  if (sortedSigned.join(';') !== parts.signedHeaders.join(';')) throw new Error('X-Amz-SignedHeaders is not sorted');
  const canonicalHeaders = sortedSigned
    .map((name) => {
      const value = lowerHeaders[name];
      if (value === undefined) throw new Error(`the URL signs header "${name}" but the request would not send it`);
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const payloadHash = parts.params.find(([n]) => n === 'X-Amz-Content-Sha256')?.[1] ?? 'UNSIGNED-PAYLOAD';
  return [method, canonicalUri, canonicalQuery, canonicalHeaders, sortedSigned.join(';'), payloadHash].join('\n');
}

/** The hex SigV4 signature the URL should carry, computed from scratch. */
export function expectedSignature(url: URL, options: VerifyOptions): string {
  const parts = parsePresigned(url);
  const scope = `${parts.date}/${parts.region}/${parts.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    parts.amzDate,
    scope,
    sha256Hex(canonicalRequest(url, options.method, parts, options.headers ?? {})),
  ].join('\n');
  const kDate = hmac(`AWS4${options.secretAccessKey}`, parts.date);
  const kRegion = hmac(kDate, parts.region);
  const kService = hmac(kRegion, parts.service);
  const kSigning = hmac(kService, 'aws4_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

/** What S3 would decide about a request made with this URL: signature, scope date and expiry. */
export function verifyPresignedUrl(href: string, options: VerifyOptions): Verdict {
  let url: URL;
  let parts: PresignedParts;
  try {
    url = new URL(href);
    parts = parsePresigned(url);
  } catch (error) {
    return { valid: false, reason: (error as Error).message };
  }
  const issued = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(parts.amzDate);
  if (!issued) return { valid: false, reason: 'malformed X-Amz-Date' };
  if (!parts.amzDate.startsWith(parts.date)) return { valid: false, reason: 'credential scope date differs from X-Amz-Date' };
  if (parts.expiresSeconds < 1 || parts.expiresSeconds > 604_800) return { valid: false, reason: 'X-Amz-Expires out of range' };
  const issuedMs = Date.UTC(+issued[1]!, +issued[2]! - 1, +issued[3]!, +issued[4]!, +issued[5]!, +issued[6]!);
  const nowMs = options.nowMs ?? Date.now();
  if (nowMs > issuedMs + parts.expiresSeconds * 1000) return { valid: false, reason: 'expired' };
  let expected: string;
  try {
    expected = expectedSignature(url, options);
  } catch (error) {
    return { valid: false, reason: (error as Error).message };
  }
  return expected === parts.signature ? { valid: true } : { valid: false, reason: 'signature mismatch' };
}

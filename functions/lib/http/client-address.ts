import { timingSafeEqual } from 'node:crypto';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../contract/headers.js';

/** A secret fetched once per cold start; undefined where none is configured. */
export type SecretSource = () => Promise<string | undefined>;

/**
 * The recipient's address, for counting password attempts per client. Behind CloudFront,
 * API Gateway's sourceIp is the edge's, shared by everyone near it; a CloudFront Function
 * (infra/edge.ts) puts the viewer's own IP in the viewer-address header. That header is
 * believed only with the origin secret CloudFront adds, so a caller who goes around
 * CloudFront cannot choose a fresh address per guess. The secret is fetched only when a
 * request carries both headers.
 */
export async function clientAddress(
  headers: Record<string, string | undefined>,
  sourceIp: string,
  originSecret: SecretSource,
): Promise<string> {
  const viewer = headers[VIEWER_ADDRESS_HEADER];
  const proof = headers[ORIGIN_VERIFY_HEADER];
  if (!viewer || !proof) return sourceIp;
  const secret = await originSecret();
  if (!secret) return sourceIp;
  const a = Buffer.from(proof);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return sourceIp;
  return viewer;
}

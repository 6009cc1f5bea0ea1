import { timingSafeEqual } from 'node:crypto';

/**
 * The recipient's address, for counting password attempts per client. Behind CloudFront,
 * API Gateway's sourceIp is the edge's, shared by everyone near it; a CloudFront Function
 * (infra/edge.ts) puts the viewer's own IP in `x-viewer-address`. That header is believed only
 * with the origin secret CloudFront adds (`x-origin-verify`), so a caller who goes around
 * CloudFront cannot choose a fresh address per guess.
 */
export function clientAddress(headers: Record<string, string | undefined>, sourceIp: string): string {
  const secret = process.env.ORIGIN_VERIFY_SECRET;
  const viewer = headers['x-viewer-address'];
  const proof = headers['x-origin-verify'];
  if (!secret || !viewer || !proof) return sourceIp;
  const a = Buffer.from(proof);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return sourceIp;
  return viewer;
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Small secrets one function hands another through the table (a sender code on its way to the
 * notify function): AES-256-GCM under a key derived from the signing key per purpose (HKDF),
 * bound to a context (associated data), so a sealed value copied elsewhere does not open.
 */
const VERSION = 'v1';

function keyFor(signingKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', signingKey, Buffer.from('sharelink'), `sharelink/${purpose}/${VERSION}`, 32));
}

export function seal(signingKey: Buffer, purpose: string, context: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(signingKey, purpose), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return [VERSION, iv, data, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The value, or undefined if it was not sealed for this purpose and context with this key. */
export function open(signingKey: Buffer, purpose: string, context: string, sealed: string): string | undefined {
  const [version, iv, data, tag, extra] = sealed.split('.');
  if (version !== VERSION || !iv || data === undefined || !tag || extra !== undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(signingKey, purpose), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

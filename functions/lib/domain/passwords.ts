import { randomBytes, randomInt, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import * as z from 'zod/mini';

/** No 0/O, 1/l/I: a password read aloud or copied by hand survives. */
export const PASSWORD_ALPHABET = '23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
export const GENERATED_PASSWORD_LENGTH = 8;

/**
 * A password an owner chooses for a link (or, later, an upload link): at least 8 characters.
 * With 5 tries per client and 20 per link per hour, 8 characters leave guessing hopeless for
 * anything but a dictionary word, which no length rule prevents.
 */
export const MIN_CUSTOM_PASSWORD_LENGTH = 8;
export const MAX_CUSTOM_PASSWORD_LENGTH = 128;
export const customPasswordSchema = z
  .string()
  .check(
    z.minLength(MIN_CUSTOM_PASSWORD_LENGTH, `must be at least ${MIN_CUSTOM_PASSWORD_LENGTH} characters`),
    z.maxLength(MAX_CUSTOM_PASSWORD_LENGTH, `must be at most ${MAX_CUSTOM_PASSWORD_LENGTH} characters`),
  );

export function generatePassword(): string {
  let password = '';
  for (let i = 0; i < GENERATED_PASSWORD_LENGTH; i++) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return password;
}

// N=2^14, r=8, p=1: ~16 MiB and tens of milliseconds per check, the interactive-login setting.
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: BinaryLike, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$<salt b64url>$<hash b64url>`; the parameters travel with the hash so they can change later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

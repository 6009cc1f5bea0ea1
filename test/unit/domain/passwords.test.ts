import { describe, expect, it } from 'vitest';
import {
  GENERATED_PASSWORD_LENGTH,
  PASSWORD_ALPHABET,
  generatePassword,
  hashPassword,
  verifyPassword,
} from '../../../functions/lib/domain/passwords.js';

describe('generated passwords', () => {
  const samples = Array.from({ length: 200 }, generatePassword);

  it('are 8 characters long', () => {
    expect(GENERATED_PASSWORD_LENGTH).toBe(8);
    for (const password of samples) expect(password).toHaveLength(8);
  });

  it('use only characters nobody confuses when reading them aloud (no 0/O, 1/l/I)', () => {
    for (const ambiguous of ['0', 'O', '1', 'l', 'I']) expect(PASSWORD_ALPHABET).not.toContain(ambiguous);
    for (const password of samples) expect(password).toMatch(/^[23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
  });

  it('differ from one link to the next', () => {
    expect(new Set(samples).size).toBe(samples.length);
  });

  it('draw on the whole alphabet', () => {
    const used = new Set(samples.join(''));
    // 1,600 draws from 56 characters: every character shows up unless the generator is skewed.
    expect(used.size).toBe(PASSWORD_ALPHABET.length);
  });
});

describe('password hashes', () => {
  it('verify the password they were made from', async () => {
    const hash = await hashPassword('k7Tq-9xPz');
    expect(await verifyPassword('k7Tq-9xPz', hash)).toBe(true);
  });

  it('reject a wrong password, including one differing only in case or by a trailing space', async () => {
    const hash = await hashPassword('k7TqP9xz');
    expect(await verifyPassword('k7TqP9xy', hash)).toBe(false);
    expect(await verifyPassword('K7TQP9XZ', hash)).toBe(false);
    expect(await verifyPassword('k7TqP9xz ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('use a fresh salt each time, so the same password gives different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password'), hashPassword('same-password')]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(await verifyPassword('same-password', a)).toBe(true);
    expect(await verifyPassword('same-password', b)).toBe(true);
  });

  it('never contain the password, in clear or base64', async () => {
    const password = 'Visible-Secret-42';
    const hash = await hashPassword(password);
    expect(hash).not.toContain(password);
    expect(hash).not.toContain(Buffer.from(password).toString('base64url'));
    expect(hash).not.toContain(Buffer.from(password).toString('base64'));
    expect(hash.toLowerCase()).not.toContain(Buffer.from(password).toString('hex'));
  });

  it('are scrypt with the parameters stored alongside', async () => {
    const hash = await hashPassword('abc');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('treat a stored value that is not a hash as a mismatch', async () => {
    expect(await verifyPassword('abc', 'abc')).toBe(false);
    expect(await verifyPassword('abc', '')).toBe(false);
    expect(await verifyPassword('abc', 'bcrypt$x$y$z$salt$hash')).toBe(false);
  });

  it('accept the same password typed in another Unicode normal form', async () => {
    const hash = await hashPassword('Kennwort-\u00fc'); // ü precomposed
    expect(await verifyPassword('Kennwort-u\u0308', hash)).toBe(true); // u + combining diaeresis
  });
});

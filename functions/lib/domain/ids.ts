import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';

/** 128 random bits, base64url: 22 characters nobody can guess or enumerate. */
export function newShareId(): string {
  return randomBytes(16).toString('base64url');
}

export const shareIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'must be a share id (22 characters)'));

/** A paging cursor as a listing gave it out (opaque; checked by the listing). */
export const cursorSchema = z.string().check(z.maxLength(2048));

import { randomBytes } from 'node:crypto';
import type { Share } from '../../functions/lib/domain/share.js';

/** A fixed clock for domain tests: 2026-03-01T12:00:00Z. */
export const NOW = Date.parse('2026-03-01T12:00:00.000Z');
export const MINUTE = 60_000;
export const DAY = 24 * 3600 * 1000;

export const OWNER = { userId: 'owner-1', email: 'owner@example.com' };
export const OTHER_OWNER = { userId: 'owner-2', email: 'someone@example.com' };

/** A 22-character share id, as the service issues them. */
export const aShareId = () => randomBytes(16).toString('base64url');

/** An active share of OWNER with one file, expiring in 7 days, no password; override anything. */
export function aShare(overrides: Partial<Share> = {}): Share {
  return {
    id: aShareId(),
    ownerId: OWNER.userId,
    ownerEmail: OWNER.email,
    items: [{ path: 'docs/report.pdf', alias: 'report.pdf', kind: 'file', size: 1234 }],
    allowDownload: true,
    passwordHash: null,
    passwordVersion: 1,
    status: 'active',
    createdAt: new Date(NOW - DAY).toISOString(),
    expiresAt: new Date(NOW + 7 * DAY).toISOString(),
    cancelledAt: null,
    downloadCount: 0,
    maxDownloads: null,
    deviceBinding: false,
    boundDevice: null,
    recipients: [],
    message: null,
    notifyOnDownload: false,
    includePasswordInEmail: false,
    ...overrides,
  };
}

/** Runs a promise expected to fail and returns the error, so its fields can be asserted. */
export async function failureOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

import * as z from 'zod/mini';
import { AppError, notFound, policyViolation } from '../../errors.js';
import { cursorSchema, shareIdSchema } from '../ids.js';
import { downloadLimitSchema } from './create.js';
import { expirySchema, resolveExpiry } from '../expiry.js';
import { generatePassword, hashPassword } from '../passwords.js';
import type { ShareChanges, ShareRepository } from '../ports.js';
import { ownerView, statusOf, type Share } from '../share.js';
import { partnerEditsSchema, preparePartnerEdits, type PartnerEditDeps } from './partners.js';

/** The owner's links: listing, reading, cancelling and editing them. */

export const shareStatusQuerySchema = z.strictObject({
  status: z._default(z.enum(['active', 'expired', 'cancelled', 'all']), 'all'),
  cursor: z.optional(cursorSchema),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
});

export const shareIdParamsSchema = z.strictObject({ id: shareIdSchema });

export const cancelManySchema = z.strictObject({
  ids: z.array(shareIdSchema).check(z.minLength(1, 'give at least one id'), z.maxLength(100, 'at most 100 ids at once')),
});

export interface OwnerDeps {
  shares: ShareRepository;
  baseUrl: string;
  nowMs: number;
}

export async function listOwnerShares(deps: OwnerDeps, userId: string, query: z.output<typeof shareStatusQuerySchema>) {
  const page = await deps.shares.listByOwner(userId, query.status, query.cursor, query.limit, deps.nowMs);
  return { shares: page.items.map((share) => ownerView(share, deps.baseUrl, deps.nowMs)), nextCursor: page.nextCursor };
}

/** Another owner's share is "not found": never reveal that it exists. */
export async function getOwnerShare(deps: OwnerDeps, userId: string, id: string) {
  const share = await deps.shares.get(id);
  if (!share || share.ownerId !== userId) throw notFound('Share link not found.');
  return ownerView(share, deps.baseUrl, deps.nowMs);
}

export async function cancelShares(deps: OwnerDeps, userId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const nowIso = new Date(deps.nowMs).toISOString();
  const results = await Promise.all(unique.map(async (id) => [id, await deps.shares.cancel(id, userId, nowIso)] as const));
  return {
    cancelled: results.filter(([, ok]) => ok).map(([id]) => id),
    notFound: results.filter(([, ok]) => !ok).map(([id]) => id),
  };
}

/** Owner edits of one link: expiry, downloads, limit, a new password, a reset binding. */
export const updateShareSchema = z
  .strictObject({
    expiry: z.optional(expirySchema),
    allowDownload: z.optional(z.boolean()),
    regeneratePassword: z.optional(z.literal(true)),
    resetDeviceBinding: z.optional(z.literal(true)),
    maxDownloads: z.optional(z.nullable(downloadLimitSchema)),
    /** Verified recipients and partners: add, remove, resend, revoke, resetDevice (lists of addresses). */
    partners: z.optional(partnerEditsSchema),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, 'give at least one change'));

export async function updateShare(
  deps: OwnerDeps | PartnerEditDeps,
  userId: string,
  id: string,
  input: z.output<typeof updateShareSchema>,
) {
  const current = await deps.shares.get(id);
  if (!current || current.ownerId !== userId) throw notFound('Share link not found.');
  if (statusOf(current, deps.nowMs) === 'cancelled') throw new AppError('CONFLICT', 'This link is cancelled; create a new one instead.');
  const changes: ShareChanges = {};
  if (input.expiry) {
    changes.expiresAt = resolveExpiry(input.expiry, await deps.shares.getTenantSettings(), deps.nowMs);
  }
  if (input.allowDownload !== undefined) changes.allowDownload = input.allowDownload;
  if (input.maxDownloads !== undefined) changes.maxDownloads = input.maxDownloads;
  if (input.resetDeviceBinding) {
    if (!current.deviceBinding) throw policyViolation('This link is not bound to a device.');
    changes.boundDevice = null;
  }
  // Every part of the edit is checked before anything is written: a refused request changes nothing.
  let partnerEdits: { apply: () => Promise<Share> } | undefined;
  if (input.partners) {
    if (!('outbox' in deps)) throw new Error('updateShare needs partner edit deps for partners');
    partnerEdits = await preparePartnerEdits(deps, current, input.partners);
  }
  const password = input.regeneratePassword ? generatePassword() : undefined;
  if (password) changes.passwordHash = await hashPassword(password);
  // Resetting the binding also revokes the old device's tokens (the link's access version).
  let updated = await deps.shares.update(id, userId, changes, password !== undefined, input.resetDeviceBinding === true);
  if (!updated) throw new AppError('CONFLICT', 'This link changed meanwhile (it was cancelled); reload it.');
  if (partnerEdits) updated = await partnerEdits.apply();
  return { ...ownerView(updated, deps.baseUrl, deps.nowMs), ...(password ? { password } : {}) };
}

export const eventsQuerySchema = z.strictObject({
  cursor: z.optional(cursorSchema),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
});

export async function listShareEvents(deps: OwnerDeps, userId: string, id: string, query: z.output<typeof eventsQuerySchema>) {
  const share = await deps.shares.get(id);
  if (!share || share.ownerId !== userId) throw notFound('Share link not found.');
  const page = await deps.shares.listEvents(id, query.cursor, query.limit);
  return { events: page.items, nextCursor: page.nextCursor };
}

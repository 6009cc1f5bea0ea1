import * as z from 'zod';
import { AppError, notFound, policyViolation } from '../errors.js';
import { expirySchema } from './create-share.js';
import { generatePassword, hashPassword } from './passwords.js';
import { resolveExpiry } from './policy.js';
import type { ShareChanges } from './ports.js';
import type { OwnerDeps } from './owner.js';
import { ownerView, statusOf } from './share.js';

/** Owner edits of one link (DESIGN.md §1 "Manage share links"). */
export const updateShareSchema = z
  .strictObject({
    expiry: expirySchema.optional(),
    allowDownload: z.boolean().optional(),
    regeneratePassword: z.literal(true).optional(),
    resetDeviceBinding: z.literal(true).optional(),
    maxDownloads: z.number().int().min(1).max(1_000_000).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one change');

export async function updateShare(deps: OwnerDeps, userId: string, id: string, input: z.output<typeof updateShareSchema>) {
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
  const password = input.regeneratePassword ? generatePassword() : undefined;
  if (password) changes.passwordHash = await hashPassword(password);
  const updated = await deps.shares.update(id, userId, changes, password !== undefined);
  if (!updated) throw new AppError('CONFLICT', 'This link changed meanwhile (it was cancelled); reload it.');
  return { ...ownerView(updated, deps.baseUrl, deps.nowMs), ...(password ? { password } : {}) };
}

export const eventsQuerySchema = z.strictObject({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listShareEvents(deps: OwnerDeps, userId: string, id: string, query: z.output<typeof eventsQuerySchema>) {
  const share = await deps.shares.get(id);
  if (!share || share.ownerId !== userId) throw notFound('Share link not found.');
  const page = await deps.shares.listEvents(id, query.cursor, query.limit);
  return { events: page.items, nextCursor: page.nextCursor };
}

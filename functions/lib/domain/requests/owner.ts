import * as z from 'zod/mini';
import { AppError, notFound, policyViolation } from '../../errors.js';
import { expirySchema, resolveExpiry } from '../expiry.js';
import { cursorSchema, newShareId, shareIdSchema } from '../ids.js';
import { choosePassword, newLinkRecord, type Owner } from '../link-record.js';
import { localeSchema } from '../locale.js';
import { customPasswordSchema } from '../passwords.js';
import { prefixSchema } from '../paths.js';
import type { RequestRepository } from '../ports.js';
import type { TenantSettings } from '../settings/policy.js';
import { MAX_MESSAGE_LENGTH, MAX_REQUEST_BYTES, MAX_REQUEST_FILES, MAX_TITLE_LENGTH } from './limits.js';
import { ownerRequestView, requestStatusOf, type FileRequest, type RequestChanges } from './request.js';

/** The owner's file requests: creating, listing, reading, changing and cancelling them. */

export interface RequestOwnerDeps {
  requests: RequestRepository;
  /** The tenant's policy (administrator settings). */
  tenant: () => Promise<TenantSettings>;
  baseUrl: string;
  nowMs: number;
}

export type { Owner };

const titleSchema = z.string().check(
  z.trim(),
  z.minLength(1, 'give the request a title'),
  z.maxLength(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`),
  z.refine((title) => !/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(title), {
    message: 'must not contain control or bidirectional control characters',
  }),
);
const messageSchema = z.string().check(z.maxLength(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`));

export const requestPasswordSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('auto') }),
  z.strictObject({
    mode: z.literal('custom'),
    value: customPasswordSchema,
  }),
  z.strictObject({ mode: z.literal('none') }),
]);

export const createRequestSchema = z.strictObject({
  /** The owner's folder the files go below ('' = the root), exactly as their listing names it. */
  folder: prefixSchema,
  title: titleSchema,
  message: z.optional(messageSchema),
  password: z._default(requestPasswordSchema, { mode: 'auto' }),
  expiry: z.optional(expirySchema),
  maxFiles: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_REQUEST_FILES)))),
  maxBytes: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_REQUEST_BYTES))),
  notifyOnUpload: z._default(z.boolean(), false),
  locale: localeSchema,
});

export type CreateRequestInput = z.output<typeof createRequestSchema>;

const disabled = () => policyViolation('File requests are turned off for this organisation; ask an administrator to turn them on.');

export async function createRequest(deps: RequestOwnerDeps, owner: Owner, input: CreateRequestInput) {
  const policy = await deps.tenant();
  if (!policy.fileRequestsEnabled) throw disabled();
  const { generated, plain } = choosePassword(input.password, policy.requirePassword);
  const expiresAt = resolveExpiry(input.expiry ?? { days: policy.defaultExpiryDays }, policy, deps.nowMs);
  const request: FileRequest = {
    ...(await newLinkRecord({ id: newShareId(), owner, plain, expiresAt, nowMs: deps.nowMs, locale: input.locale })),
    folder: input.folder,
    title: input.title,
    message: input.message?.trim() || null,
    maxFiles: input.maxFiles ?? null,
    maxBytes: input.maxBytes ?? policy.defaultRequestMaxBytes,
    notifyOnUpload: input.notifyOnUpload,
    filesUsed: 0,
    bytesUsed: 0,
    filesReceived: 0,
    bytesReceived: 0,
  };
  await deps.requests.create(request);
  return { ...ownerRequestView(request, deps.baseUrl, deps.nowMs), ...(generated ? { password: generated } : {}) };
}

export const requestListQuerySchema = z.strictObject({
  status: z._default(z.enum(['active', 'expired', 'cancelled', 'all']), 'all'),
  cursor: z.optional(cursorSchema),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
});

export const requestIdParamsSchema = z.strictObject({ id: shareIdSchema });

export async function listOwnerRequests(deps: RequestOwnerDeps, userId: string, query: z.output<typeof requestListQuerySchema>) {
  const page = await deps.requests.listByOwner(userId, query.status, query.cursor, query.limit, deps.nowMs);
  return { requests: page.items.map((request) => ownerRequestView(request, deps.baseUrl, deps.nowMs)), nextCursor: page.nextCursor };
}

/** Another owner's request is "not found": never reveal that it exists. */
async function ownRequest(deps: RequestOwnerDeps, userId: string, id: string): Promise<FileRequest> {
  const request = await deps.requests.get(id);
  if (!request || request.ownerId !== userId) throw notFound('File request not found.');
  return request;
}

/** Received files shown per request at most; the owner's folder holds them all anyway. */
export const RECEIVED_LIMIT = 1000;

/** The request, and what arrived through it, by uploader (visit), oldest first. */
export async function getOwnerRequest(deps: RequestOwnerDeps, userId: string, id: string) {
  const request = await ownRequest(deps, userId, id);
  const [visits, uploads] = await Promise.all([
    deps.requests.listVisits(id, RECEIVED_LIMIT),
    deps.requests.listUploads(id, undefined, RECEIVED_LIMIT),
  ]);
  const stored = uploads
    .filter((upload) => upload.state === 'stored' && upload.path !== undefined)
    .sort((a, b) => ((a.settledAt ?? '') < (b.settledAt ?? '') ? -1 : (a.settledAt ?? '') > (b.settledAt ?? '') ? 1 : 0));
  const uploaders = visits
    .map((visit) => {
      const files = stored
        .filter((upload) => upload.visitId === visit.visitId)
        .map((upload) => ({ path: upload.path!, name: upload.storedName ?? upload.name, size: upload.size, at: upload.settledAt ?? null }));
      return {
        visitId: visit.visitId,
        name: visit.uploader,
        email: visit.email,
        at: visit.createdAt,
        folder: `${request.folder}${visit.uploader}/`,
        files,
        bytes: files.reduce((sum, file) => sum + file.size, 0),
      };
    })
    .filter((uploader) => uploader.files.length > 0);
  return {
    ...ownerRequestView(request, deps.baseUrl, deps.nowMs),
    received: { uploaders, truncated: uploads.length >= RECEIVED_LIMIT || visits.length >= RECEIVED_LIMIT },
  };
}

/** Cancels the owner's request: uploads stop at once; what arrived stays in the folder. */
export async function cancelRequest(deps: RequestOwnerDeps, userId: string, id: string): Promise<void> {
  if (!(await deps.requests.cancel(id, userId, new Date(deps.nowMs).toISOString()))) throw notFound('File request not found.');
}

export const updateRequestSchema = z
  .strictObject({
    expiry: z.optional(expirySchema),
    title: z.optional(titleSchema),
    message: z.optional(z.nullable(messageSchema)),
    notifyOnUpload: z.optional(z.boolean()),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, 'give at least one change'));

export async function updateRequest(deps: RequestOwnerDeps, userId: string, id: string, input: z.output<typeof updateRequestSchema>) {
  const current = await ownRequest(deps, userId, id);
  if (requestStatusOf(current, deps.nowMs) === 'cancelled') {
    throw new AppError('CONFLICT', 'This file request is cancelled; create a new one instead.');
  }
  const changes: RequestChanges = {};
  if (input.expiry) changes.expiresAt = resolveExpiry(input.expiry, await deps.tenant(), deps.nowMs);
  if (input.title !== undefined) changes.title = input.title;
  if (input.message !== undefined) changes.message = input.message?.trim() || null;
  if (input.notifyOnUpload !== undefined) changes.notifyOnUpload = input.notifyOnUpload;
  const updated = await deps.requests.update(id, userId, changes);
  if (!updated) throw new AppError('CONFLICT', 'This file request changed meanwhile (it was cancelled); reload it.');
  return ownerRequestView(updated, deps.baseUrl, deps.nowMs);
}

export const requestEventsQuerySchema = z.strictObject({
  cursor: z.optional(cursorSchema),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
});

export async function listRequestEvents(
  deps: RequestOwnerDeps,
  userId: string,
  id: string,
  query: z.output<typeof requestEventsQuerySchema>,
) {
  await ownRequest(deps, userId, id);
  const page = await deps.requests.listEvents(id, query.cursor, query.limit);
  return { events: page.items, nextCursor: page.nextCursor };
}

/**
 * What each route of the route table answers: its success status and body, and the error codes
 * it may give. The OpenAPI document (`npm run openapi`, served at /api/openapi.json) is made from
 * these and the handlers' request schemas; `drift.ts` checks at compile time that every body here
 * is exactly what the handler returns; the fuzz suite and the integration tests check real answers
 * against them. Handlers never import this module (it would only add to their cold start).
 */
import * as z from 'zod/mini';
import type { HandlerName } from '../../../routes.js';
import type { ErrorCode } from '../../errors.js';

const isoDateTime = z.iso.datetime();
const shareId = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/));
const count = z.int().check(z.minimum(0));
const cursor = z.nullable(z.string());
/** A presigned S3 URL (and the request headers an upload must send with it). */
const presignedUrl = z.url();

export const ownerShareSchema = z.strictObject({
  id: shareId,
  url: z.url(),
  items: z.array(z.strictObject({ path: z.string(), alias: z.string(), kind: z.enum(['file', 'folder']) })),
  status: z.enum(['active', 'expired', 'cancelled']),
  createdAt: isoDateTime,
  expiresAt: z.nullable(isoDateTime),
  cancelledAt: z.nullable(isoDateTime),
  allowDownload: z.boolean(),
  requiresPassword: z.boolean(),
  deviceBinding: z.boolean(),
  deviceBound: z.boolean(),
  downloadCount: count,
  maxDownloads: z.nullable(z.int()),
  recipients: z.array(z.string()),
  /** Only the partners may open the link, each with a code emailed to them. */
  verifyRecipients: z.boolean(),
  /** Each recipient and what they did (opened, downloaded: first times), in the order of `recipients`. */
  partners: z.array(
    z.strictObject({
      email: z.string(),
      status: z.enum(['invited', 'opened', 'downloaded', 'revoked']),
      invitedAt: isoDateTime,
      openedAt: z.nullable(isoDateTime),
      downloadedAt: z.nullable(isoDateTime),
      revokedAt: z.nullable(isoDateTime),
      deviceBound: z.boolean(),
    }),
  ),
  message: z.nullable(z.string()),
  notifyOnDownload: z.boolean(),
});

/** A share just created or edited: `password` only when the server generated one (shown this once). */
export const ownerShareWithPasswordSchema = z.extend(ownerShareSchema, { password: z.optional(z.string()) });

/** The sender that applies: null when no email can go out (none set, not proven, outside the identity, or email off). */
export const notificationSettingsSchema = z.strictObject({
  mode: z.enum(['admin', 'user']),
  sender: z.nullable(z.string()),
  editable: z.boolean(),
});

/** The tenant policy every owner's app follows (in GET /api/me) and the administrator sets. */
const tenantPolicySchema = z.strictObject({
  deviceBindingEnabled: z.boolean(),
  requirePassword: z.boolean(),
  defaultExpiryDays: z.int(),
  maxExpiryDays: z.nullable(z.int()),
  dailyPartnerEmailLimit: z.int(),
  fileRequestsEnabled: z.boolean(),
  defaultRequestMaxBytes: count,
});

export const tenantSettingsResponseSchema = z.extend(tenantPolicySchema, { adminNotificationSender: z.nullable(z.string()) });

/** Whether this deployment sends email at all, and from which addresses. */
const emailSendingSchema = z.strictObject({
  enabled: z.boolean(),
  mode: z.enum(['local', 'off', 'address', 'domain']),
  allowedSenders: z.string(),
});

/** The caller's own sender and whether they proved it (a code sent to it, or their verified sign-in address). */
const ownSenderSchema = z.strictObject({ notificationSender: z.nullable(z.string()), notificationSenderVerified: z.boolean() });

const meSchema = z.strictObject({
  userId: z.string(),
  email: z.string(),
  name: z.nullable(z.string()),
  isAdmin: z.boolean(),
  notification: notificationSettingsSchema,
  emailSending: emailSendingSchema,
  policy: tenantPolicySchema,
});

const ownerFileSchema = z.strictObject({ path: z.string(), name: z.string(), size: count, lastModified: isoDateTime });

const partUrlSchema = z.strictObject({ partNumber: z.int().check(z.minimum(1)), url: presignedUrl });

const accessEventSchema = z.strictObject({
  kind: z.union([z.enum(['unlock', 'download', 'preview', 'upload']), z.templateLiteral(['denied:', z.string()])]),
  at: isoDateTime,
  file: z.optional(z.string()),
  /** Bytes of an uploaded file (file requests' `upload` events). */
  size: z.optional(count),
  /** The name a file request's uploader gave. */
  uploader: z.optional(z.string()),
  client: z.string(),
  userAgent: z.string(),
  /** A zip (transfer): how many files it holds, its id, and what was selected (folders end in `/`). */
  fileCount: z.optional(count),
  transferId: z.optional(z.string()),
  names: z.optional(z.array(z.string())),
  /** The verified partner who did it. */
  email: z.optional(z.string()),
});

/** A file request as its owner sees it. */
const ownerRequestSchema = z.strictObject({
  id: shareId,
  url: z.url(),
  folder: z.string(),
  title: z.string(),
  message: z.nullable(z.string()),
  status: z.enum(['active', 'expired', 'cancelled']),
  createdAt: isoDateTime,
  expiresAt: z.nullable(isoDateTime),
  cancelledAt: z.nullable(isoDateTime),
  requiresPassword: z.boolean(),
  maxFiles: z.nullable(count),
  maxBytes: count,
  filesReceived: count,
  bytesReceived: count,
  remainingFiles: z.nullable(count),
  remainingBytes: count,
  notifyOnUpload: z.boolean(),
});

/** What arrived, by uploader (the most recent visits). */
const receivedSchema = z.strictObject({
  uploaders: z.array(
    z.strictObject({
      visitId: z.string(),
      name: z.string(),
      email: z.nullable(z.string()),
      at: isoDateTime,
      folder: z.string(),
      files: z.array(z.strictObject({ path: z.string(), name: z.string(), size: count, at: z.nullable(isoDateTime) })),
      bytes: count,
    }),
  ),
  truncated: z.boolean(),
});

const publicRequestSchema = z.strictObject({
  id: shareId,
  title: z.string(),
  message: z.nullable(z.string()),
  ownerName: z.string(),
  requiresPassword: z.boolean(),
  expiresAt: z.nullable(isoDateTime),
  maxFiles: z.nullable(count),
  maxBytes: count,
  remainingFiles: z.nullable(count),
  remainingBytes: count,
  maxFileBytes: count,
});

/** A stored upload of a file request: the name it got (`name (2).ext` when taken) and its size. */
const requestReceiptSchema = z.strictObject({ uploadId: z.string(), name: z.string(), size: count });

export const publicShareSchema = z.strictObject({
  id: shareId,
  ownerName: z.string(),
  requiresPassword: z.boolean(),
  expiresAt: z.nullable(isoDateTime),
  allowDownload: z.boolean(),
  deviceBinding: z.boolean(),
  /** Partners open it with a code emailed to them (`POST …/codes`, then `…/access` with `email` and `code`). */
  verifyRecipients: z.boolean(),
  message: z.nullable(z.string()),
});

const sharedEntrySchema = z.strictObject({
  fileId: z.optional(z.string()),
  name: z.string(),
  size: z.nullable(count),
  kind: z.enum(['file', 'folder']),
  path: z.string(),
  lastModified: z.optional(isoDateTime),
});

const downloadGrantSchema = z.strictObject({ url: presignedUrl, expiresAt: isoDateTime });

/** The share in all, on the first page of its root: counting may stop early (`complete: false`). */
const shareSummarySchema = z.strictObject({ fileCount: count, totalBytes: count, complete: z.boolean() });

/** What a viewer shows: the file itself (`rendered: false`), or a watermarked render made for this recipient (secure view). */
const previewGrantSchema = z.strictObject({
  kind: z.enum(['image', 'pdf', 'video', 'audio', 'text']),
  url: presignedUrl,
  expiresAt: isoDateTime,
  rendered: z.boolean(),
  /** Rendered pages of a PDF or text file. */
  pageCount: z.optional(z.int().check(z.minimum(1))),
  /** The watermark's lines (recipient client and time), so the page can say what it carries. */
  watermark: z.optional(z.array(z.string())),
});

/** The one error shape (`http/handler.ts`), with the codes of `errors.ts`. */
export const errorBodySchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });

/** Shapes several routes share, named as the OpenAPI document's components. */
export const namedSchemas = {
  OwnerShare: ownerShareSchema,
  OwnerShareWithPassword: ownerShareWithPasswordSchema,
  NotificationSettings: notificationSettingsSchema,
  TenantSettings: tenantSettingsResponseSchema,
  PublicShare: publicShareSchema,
};

export interface RouteContract {
  /** One line for the OpenAPI operation; docs/api.md has the prose. */
  summary: string;
  status: 200 | 201 | 202 | 204;
  /** The body of a success; none for 204. */
  body?: z.ZodMiniType;
  /**
   * The codes the route's own work may answer. Those every route of its kind may give are
   * added by `errorCodesOf`: VALIDATION_FAILED with any input, UNAUTHORIZED and FORBIDDEN by auth.
   */
  errors: readonly ErrorCode[];
  /** Public routes that take the recipient's access token (`Authorization: Bearer <token>`). */
  recipientToken?: true;
}

const SHARE_GONE = ['SHARE_NOT_FOUND', 'SHARE_EXPIRED', 'SHARE_CANCELLED'] as const;
const REQUEST_GONE = ['REQUEST_NOT_FOUND', 'REQUEST_EXPIRED', 'REQUEST_CLOSED'] as const;
const UNLOCKED = [...SHARE_GONE, 'INVALID_TOKEN', 'DEVICE_BOUND'] as const;

/** Every route of `functions/routes.ts`, by handler name (a unit test fails for a route missing here). */
export const routeContracts = {
  me: { summary: 'The signed-in user, the sender that applies and the tenant policy', status: 200, body: meSchema, errors: [] },
  'me-settings-get': {
    summary: "The caller's own notification sender, and whether it is proven",
    status: 200,
    body: ownSenderSchema,
    errors: [],
  },
  'me-settings-put': {
    summary: "Sets the caller's own notification sender (their verified sign-in address, or one proven with a code)",
    status: 200,
    body: z.extend(ownSenderSchema, { notification: notificationSettingsSchema }),
    errors: ['ADMIN_SENDER_ENFORCED', 'EMAIL_DISABLED', 'SENDER_NOT_ALLOWED', 'SENDER_NOT_VERIFIED'],
  },
  'sender-verification-start': {
    summary: 'Sends a 6-digit code to an address the caller wants to send from (valid 10 minutes)',
    status: 202,
    body: z.strictObject({ address: z.string(), expiresAt: isoDateTime }),
    errors: ['ADMIN_SENDER_ENFORCED', 'EMAIL_DISABLED', 'SENDER_NOT_ALLOWED', 'TOO_MANY_ATTEMPTS'],
  },
  'sender-verification-confirm': {
    summary: "Proves an address with the code sent to it and makes it the caller's sender",
    status: 200,
    body: z.strictObject({
      notificationSender: z.string(),
      notificationSenderVerified: z.boolean(),
      notification: notificationSettingsSchema,
    }),
    errors: ['ADMIN_SENDER_ENFORCED', 'EMAIL_DISABLED', 'SENDER_NOT_ALLOWED', 'SENDER_CODE_INVALID', 'TOO_MANY_ATTEMPTS'],
  },
  'admin-settings-get': { summary: 'The tenant policy', status: 200, body: tenantSettingsResponseSchema, errors: [] },
  'admin-settings-put': {
    summary: 'Sets the tenant policy (settings added later are optional: absent = unchanged)',
    status: 200,
    body: tenantSettingsResponseSchema,
    errors: ['EMAIL_DISABLED', 'SENDER_NOT_ALLOWED'],
  },

  'files-list': {
    summary: "One page of a folder of the caller's files",
    status: 200,
    body: z.strictObject({ folders: z.array(z.string()), files: z.array(ownerFileSchema), nextCursor: cursor }),
    errors: [],
  },
  'files-delete': {
    summary: 'Deletes files, and folders with everything below them',
    status: 200,
    body: z.strictObject({
      deleted: z.array(z.strictObject({ path: z.string(), objects: count })),
      notFound: z.array(z.string()),
      pending: z.array(z.string()),
      deletedObjects: count,
    }),
    errors: [],
  },
  'folders-create': {
    summary: 'Creates an empty folder',
    status: 201,
    body: z.strictObject({ path: z.string(), name: z.string() }),
    errors: ['CONFLICT'],
  },
  'uploads-create': {
    summary: 'Starts an upload: one presigned PUT, or a multipart upload with a URL per part',
    status: 200,
    body: z.union([
      z.strictObject({ method: z.literal('PUT'), url: presignedUrl, headers: z.record(z.string(), z.string()) }),
      z.strictObject({ uploadId: z.string(), partSize: z.int(), parts: z.array(partUrlSchema) }),
    ]),
    errors: ['PAYLOAD_TOO_LARGE'],
  },
  'uploads-parts': {
    summary: 'Fresh URLs for parts of a multipart upload',
    status: 200,
    body: z.strictObject({ parts: z.array(partUrlSchema) }),
    errors: ['NOT_FOUND'],
  },
  'uploads-complete': {
    summary: 'Joins the uploaded parts into the file',
    status: 200,
    body: z.strictObject({ path: z.string(), name: z.string(), size: count, lastModified: z.nullable(isoDateTime) }),
    errors: ['NOT_FOUND'],
  },
  'uploads-abort': { summary: 'Cancels a multipart upload and frees its parts', status: 204, errors: ['NOT_FOUND'] },

  'shares-create': {
    summary: 'Creates a share link',
    status: 201,
    body: ownerShareWithPasswordSchema,
    errors: ['POLICY_VIOLATION', 'NOTIFICATION_SENDER_NOT_CONFIGURED', 'NOT_FOUND', 'EMAIL_LIMIT_REACHED'],
  },
  'shares-list': {
    summary: "The caller's links, newest first",
    status: 200,
    body: z.strictObject({ shares: z.array(ownerShareSchema), nextCursor: cursor }),
    errors: [],
  },
  'shares-cancel': {
    summary: 'Cancels several links',
    status: 200,
    body: z.strictObject({ cancelled: z.array(z.string()), notFound: z.array(z.string()) }),
    errors: [],
  },
  'shares-get': { summary: "One of the caller's links", status: 200, body: ownerShareSchema, errors: ['NOT_FOUND'] },
  'shares-update': {
    summary: 'Edits a link: expiry, downloads, limit, a new password, a reset device binding, its partners',
    status: 200,
    body: ownerShareWithPasswordSchema,
    errors: ['NOT_FOUND', 'CONFLICT', 'POLICY_VIOLATION', 'EMAIL_DISABLED', 'NOTIFICATION_SENDER_NOT_CONFIGURED', 'EMAIL_LIMIT_REACHED'],
  },
  'shares-events': {
    summary: "A link's access log, newest first",
    status: 200,
    body: z.strictObject({ events: z.array(accessEventSchema), nextCursor: cursor }),
    errors: ['NOT_FOUND'],
  },
  'shares-delete': { summary: 'Cancels a link', status: 204, errors: ['NOT_FOUND'] },

  'public-share-get': {
    summary: 'What anyone holding the link may see before unlocking it',
    status: 200,
    body: publicShareSchema,
    errors: [...SHARE_GONE, 'DEVICE_BOUND'],
  },
  'public-share-access': {
    summary: 'Unlocks a link with its password: a short-lived access token',
    status: 200,
    body: z.strictObject({ token: z.string(), expiresIn: z.int().check(z.minimum(1)) }),
    errors: [...SHARE_GONE, 'DEVICE_BOUND', 'TOO_MANY_ATTEMPTS', 'WRONG_PASSWORD', 'WRONG_CODE'],
  },
  'public-share-codes': {
    summary: "Emails a 6-digit code to a verified link's partner (the same answer for any address)",
    status: 202,
    body: z.strictObject({ expiresAt: isoDateTime, expiresIn: z.int().check(z.minimum(1)) }),
    errors: [...SHARE_GONE, 'POLICY_VIOLATION', 'TOO_MANY_ATTEMPTS'],
  },
  'public-share-files': {
    summary: 'One page of the shared files (the share root, or a folder inside it)',
    status: 200,
    body: z.strictObject({
      entries: z.array(sharedEntrySchema),
      nextCursor: cursor,
      unavailable: z.optional(z.literal(true)),
      summary: z.optional(shareSummarySchema),
    }),
    errors: [...UNLOCKED, 'NOT_FOUND'],
    recipientToken: true,
  },
  'public-share-download': {
    summary: 'A presigned download URL for one shared file (counted)',
    status: 200,
    body: downloadGrantSchema,
    errors: [...UNLOCKED, 'FILE_NOT_FOUND', 'DOWNLOAD_DISABLED', 'DOWNLOAD_LIMIT_REACHED'],
    recipientToken: true,
  },
  'public-share-preview': {
    summary: 'What the viewer shows for one file: the file inline, or a watermarked render in secure view (not counted as a download)',
    status: 200,
    body: previewGrantSchema,
    errors: [...UNLOCKED, 'FILE_NOT_FOUND', 'PREVIEW_UNAVAILABLE', 'PREVIEW_FAILED', 'PREVIEW_PAGE_OUT_OF_RANGE'],
    recipientToken: true,
  },
  'public-share-thumbnail': {
    summary: 'A small picture for an image row (the image itself, or a 256 px render in secure view)',
    status: 200,
    body: downloadGrantSchema,
    errors: [...UNLOCKED, 'FILE_NOT_FOUND', 'PREVIEW_UNAVAILABLE', 'PREVIEW_FAILED'],
    recipientToken: true,
  },
  'public-share-transfer': {
    summary: 'Starts a zip of the whole share or of chosen files and folders: checked and counted once',
    status: 201,
    body: z.strictObject({ transferId: z.string(), fileCount: count, totalBytes: count }),
    errors: [...UNLOCKED, 'NOT_FOUND', 'FILE_NOT_FOUND', 'DOWNLOAD_DISABLED', 'DOWNLOAD_LIMIT_REACHED', 'PAYLOAD_TOO_LARGE'],
    recipientToken: true,
  },
  'public-share-transfer-files': {
    summary: "One page (100) of a zip transfer's files, each with a presigned URL",
    status: 200,
    body: z.strictObject({ files: z.array(z.strictObject({ path: z.string(), size: count, url: presignedUrl })), nextCursor: cursor }),
    errors: [...UNLOCKED, 'TRANSFER_NOT_FOUND', 'TRANSFER_EXPIRED', 'DOWNLOAD_DISABLED'],
    recipientToken: true,
  },

  'requests-create': {
    summary: 'Creates a file request (an upload link); the generated password is in this answer only',
    status: 201,
    body: z.extend(ownerRequestSchema, { password: z.optional(z.string()) }),
    errors: ['POLICY_VIOLATION', 'NOT_FOUND'],
  },
  'requests-list': {
    summary: "The caller's file requests, newest first, filtered by status",
    status: 200,
    body: z.strictObject({ requests: z.array(ownerRequestSchema), nextCursor: cursor }),
    errors: [],
  },
  'requests-get': {
    summary: "One of the caller's file requests, with what arrived by uploader",
    status: 200,
    body: z.extend(ownerRequestSchema, { received: receivedSchema }),
    errors: ['NOT_FOUND'],
  },
  'requests-update': {
    summary: 'Changes a file request (expiry, limits, message, a new password)',
    status: 200,
    body: z.extend(ownerRequestSchema, { password: z.optional(z.string()) }),
    errors: ['NOT_FOUND', 'CONFLICT', 'POLICY_VIOLATION'],
  },
  'requests-delete': { summary: 'Cancels a file request', status: 204, errors: ['NOT_FOUND'] },
  'requests-events': {
    summary: "A file request's access log, newest first",
    status: 200,
    body: z.strictObject({ events: z.array(accessEventSchema), nextCursor: cursor }),
    errors: ['NOT_FOUND'],
  },

  'public-request-get': {
    summary: 'What anyone holding the upload link may see before unlocking it',
    status: 200,
    body: publicRequestSchema,
    errors: [...REQUEST_GONE],
  },
  'public-request-access': {
    summary: "Unlocks an upload link with the uploader's name and the password: a visit and its token",
    status: 200,
    body: z.strictObject({ token: z.string(), expiresIn: z.int() }),
    errors: [...REQUEST_GONE, 'WRONG_PASSWORD', 'TOO_MANY_ATTEMPTS'],
  },
  'public-request-uploads': {
    summary: 'Reserves room for one file and starts its upload: one presigned PUT, or parts',
    status: 200,
    body: z.union([
      z.strictObject({
        method: z.literal('PUT'),
        url: presignedUrl,
        headers: z.record(z.string(), z.string()),
        uploadId: z.string(),
        name: z.string(),
      }),
      z.strictObject({ uploadId: z.string(), partSize: z.int(), parts: z.array(partUrlSchema), name: z.string() }),
    ]),
    errors: [...REQUEST_GONE, 'INVALID_TOKEN', 'PAYLOAD_TOO_LARGE', 'REQUEST_FULL', 'CONFLICT'],
    recipientToken: true,
  },
  'public-request-uploads-parts': {
    summary: 'Fresh URLs for parts of a multipart upload of this visit',
    status: 200,
    body: z.strictObject({ parts: z.array(partUrlSchema) }),
    errors: [...REQUEST_GONE, 'INVALID_TOKEN', 'NOT_FOUND', 'CONFLICT'],
    recipientToken: true,
  },
  'public-request-uploads-complete': {
    summary: 'Confirms an upload of this visit: the file is stored, counted and logged',
    status: 200,
    body: requestReceiptSchema,
    errors: [...REQUEST_GONE, 'INVALID_TOKEN', 'NOT_FOUND', 'CONFLICT'],
    recipientToken: true,
  },
  'public-request-uploads-abort': {
    summary: 'Cancels an upload of this visit and gives its reservation back',
    status: 200,
    body: z.strictObject({ state: z.enum(['pending', 'stored', 'aborted', 'withdrawn']) }),
    errors: [...REQUEST_GONE, 'INVALID_TOKEN', 'NOT_FOUND'],
    recipientToken: true,
  },
} as const satisfies { readonly [N in HandlerName]?: RouteContract };

export type RouteContracts = typeof routeContracts;

/** The contract of a route of the table, or undefined while none is written (a unit test lists those). */
export function contractOf(handler: string): RouteContract | undefined {
  return (routeContracts as Record<string, RouteContract | undefined>)[handler];
}

/**
 * Every code a route may answer: its own, VALIDATION_FAILED when it takes any input (the schemas
 * and the JSON body parser), UNAUTHORIZED for owner and admin routes, FORBIDDEN for admin routes.
 * INTERNAL_ERROR (500) is a bug on any route and is documented apart.
 */
export function errorCodesOf(route: { auth: 'public' | 'owner' | 'admin' }, contract: RouteContract, takesInput: boolean): ErrorCode[] {
  const codes = new Set<ErrorCode>(contract.errors);
  if (takesInput) codes.add('VALIDATION_FAILED');
  if (route.auth !== 'public') codes.add('UNAUTHORIZED');
  if (route.auth === 'admin') codes.add('FORBIDDEN');
  return [...codes].sort();
}

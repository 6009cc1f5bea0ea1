/**
 * The API shapes the owner app sends and reads (docs/api.md). The answers are the server's
 * response contracts (`functions/lib/contract/api/responses.ts`, the OpenAPI document's schemas)
 * and the requests the input types of the handlers' schemas, so neither can drift from the API.
 * Only what the browser alone holds (the selection, the form's raw text) is declared here.
 */
import type * as z from 'zod/mini';
import type { RouteContracts } from '../../../functions/lib/contract/api/responses.js';
import type { createShareSchema } from '../../../functions/lib/domain/links/create.js';
import type { cancelManySchema, updateShareSchema } from '../../../functions/lib/domain/links/manage.js';
import type {
  abortUploadSchema,
  completeUploadSchema,
  refreshPartsSchema,
  uploadSchema,
} from '../../../functions/lib/domain/files/uploads.js';
import type { userSettingsSchema } from '../../../functions/lib/domain/settings/settings.js';

/** The success body of a route, by handler name. */
export type Answer<N extends keyof RouteContracts> = RouteContracts[N] extends { body: infer S extends z.ZodMiniType }
  ? z.output<S>
  : never;

export type Me = Answer<'me'>;
/** Tenant rules the create dialog follows, so the person is not sent into a refusal. */
export type SharePolicy = NonNullable<Me['policy']>;
/** Whose address notification emails come from: the administrator's (fixed) or the user's own. */
export type NotificationSettings = Me['notification'];
/** Whether this ShareLink sends email at all, and from which addresses (its SES identity). */
export type EmailSending = Me['emailSending'];

/** GET/PUT /api/admin/settings. */
export type TenantSettings = Answer<'admin-settings-get'>;

/**
 * PUT /api/admin/settings. The form sends a day count it cannot read as a whole number as
 * typed, so the API's refusal names the field in the person's own words.
 */
export interface TenantSettingsUpdate {
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: number | string;
  maxExpiryDays: number | string | null;
  adminNotificationSender: string | null;
  fileRequestsEnabled?: boolean;
  defaultRequestMaxBytes?: number | string;
  dailyPartnerEmailLimit?: number | string;
}

/** GET /api/me/settings: the user's own sender, and whether it is proven. */
export type OwnSender = Answer<'me-settings-get'>;
/** PUT /api/me/settings: the same, and which sender now applies. */
export type UserSettings = Answer<'me-settings-put'>;
export type UserSettingsUpdate = z.input<typeof userSettingsSchema>;
/** POST /api/me/sender-verification: a code is on its way to the address. */
export type SenderCodeSent = Answer<'sender-verification-start'>;

/** GET /api/files. */
export type FileListing = Answer<'files-list'>;
export type FileEntry = FileListing['files'][number];
/** A folder of a listing as the page shows it (the API sends its path; the name is its last segment). */
export interface FolderEntry {
  path: string;
  name: string;
}
/** POST /api/folders. */
export type CreatedFolder = Answer<'folders-create'>;
/** DELETE /api/files: a large folder may take several calls; `pending` is what to send again. */
export type DeletedFiles = Answer<'files-delete'>;

/** What the person ticked in "My files": kept across folders so one share can span several. */
export interface SelectedItem {
  path: string;
  name: string;
  kind: 'file' | 'folder';
}

export type Share = Answer<'shares-get'>;
export type ShareStatus = Share['status'];

/** A link's partner and what they did (first times). */
export interface SharePartner {
  email: string;
  status: 'invited' | 'opened' | 'downloaded' | 'revoked';
  invitedAt: string;
  openedAt: string | null;
  downloadedAt: string | null;
  revokedAt: string | null;
  deviceBound: boolean;
}

/** PATCH /api/shares/{id} `partners`: lists of addresses, each in one list. */
export interface PartnerEdits {
  add?: string[];
  remove?: string[];
  resend?: string[];
  revoke?: string[];
  resetDevice?: string[];
}

/** GET /api/shares. */
export interface ShareListQuery {
  status: 'all' | ShareStatus;
  cursor: string | null;
}
export type ShareList = Answer<'shares-list'>;

/** PATCH /api/shares/{id}: one or more changes. */
export type ShareUpdate = z.input<typeof updateShareSchema>;
/** PATCH /api/shares/{id} answers the share, plus the new password when one was generated. */
export type UpdatedShare = Answer<'shares-update'>;
/** POST /api/shares/cancel. */
export type CancelShares = z.input<typeof cancelManySchema>;
export type CancelledShares = Answer<'shares-cancel'>;

/** GET /api/shares/{id}/events, newest first. */
export type ShareEventList = Answer<'shares-events'>;
/** `denied:<CODE>` carries the refusal's error code; a zip download (one transfer) has its file count. */
export type ShareEvent = ShareEventList['events'][number];
export type ShareEventKind = ShareEvent['kind'];

export type CreateShareRequest = z.input<typeof createShareSchema>;
export type CreatedShare = Answer<'shares-create'>;
export type PasswordChoice = NonNullable<CreateShareRequest['password']>;
export type ExpiryChoice = NonNullable<CreateShareRequest['expiry']>;

/** POST /api/files/uploads. */
export type UploadRequest = z.input<typeof uploadSchema>;
export type UploadTarget = Answer<'uploads-create'>;
/** POST /api/files/uploads/parts: fresh URLs for parts of a long multipart upload. */
export type UploadPartsRequest = z.input<typeof refreshPartsSchema>;
export type UploadParts = Answer<'uploads-parts'>;
export type UploadPart = UploadParts['parts'][number];
/** POST /api/files/uploads/complete. */
export type CompleteUploadRequest = z.input<typeof completeUploadSchema>;
export type UploadedFile = Answer<'uploads-complete'>;
/** POST /api/files/uploads/abort. */
export type AbortUploadRequest = z.input<typeof abortUploadSchema>;

export type * from './requests-types.js';

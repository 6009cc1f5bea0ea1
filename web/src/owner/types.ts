/**
 * The API shapes the owner app sends and reads (docs/api.md). `api.ts` takes every request and
 * response type from here, so deriving them from the server's schemas later changes one import.
 */
import type { FileRequestPolicy } from './requests-types.js';

/** Tenant rules the create dialog follows, so the person is not sent into a refusal. */
export interface SharePolicy {
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: number;
  maxExpiryDays: number | null;
}

/** Whose address notification emails come from: the administrator's (fixed) or the user's own. */
export interface NotificationSettings {
  mode: 'admin' | 'user';
  sender: string | null;
  editable: boolean;
}

/** Whether this ShareLink sends email at all, and from which addresses (its SES identity). */
export interface EmailSending {
  enabled: boolean;
  mode: 'local' | 'off' | 'address' | 'domain';
  /** In words: "addresses at acme.example or its subdomains". */
  allowedSenders: string;
}

export interface Me {
  userId: string;
  /** The verified sign-in address ('' while Cognito has not verified it). */
  email: string;
  /** The display name an administrator set, shown to recipients. */
  name?: string | null;
  isAdmin: boolean;
  notification?: NotificationSettings;
  emailSending?: EmailSending;
  policy?: SharePolicy & FileRequestPolicy;
}

/** GET/PUT /api/admin/settings. */
export interface TenantSettings extends SharePolicy {
  adminNotificationSender: string | null;
  fileRequestsEnabled: boolean;
  defaultRequestMaxBytes: number;
}

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
}

/** GET/PUT /api/me/settings. */
export interface UserSettings {
  notificationSender: string | null;
  /** false: saved before senders had to be proved, and not used until confirmed. */
  notificationSenderVerified?: boolean;
  notification: NotificationSettings;
}

/** POST /api/me/sender-verification: a code is on its way to the address. */
export interface SenderCodeSent {
  address: string;
  expiresAt: string;
}

export interface UserSettingsUpdate {
  notificationSender: string | null;
}

export interface FileEntry {
  path: string;
  name: string;
  size: number;
  lastModified?: string;
}

export interface FolderEntry {
  path: string;
  name: string;
}

/** GET /api/files. A folder may come as its path ("docs/") or as {path,name}. */
export interface FileListing {
  folders: (string | FolderEntry)[];
  files: FileEntry[];
  nextCursor: string | null;
}

/** POST /api/folders. */
export interface CreatedFolder {
  path: string;
  name: string;
}

/** DELETE /api/files: a large folder may take several calls; `pending` is what to send again. */
export interface DeletedFiles {
  deleted: { path: string; objects: number }[];
  notFound: string[];
  pending: string[];
  deletedObjects: number;
}

/** What the person ticked in "My files": kept across folders so one share can span several. */
export interface SelectedItem {
  path: string;
  name: string;
  kind: 'file' | 'folder';
}

export type ShareStatus = 'active' | 'expired' | 'cancelled';

export interface Share {
  id: string;
  url: string;
  items: { path: string; alias: string; kind: 'file' | 'folder' }[];
  status: ShareStatus;
  createdAt: string;
  expiresAt: string | null;
  cancelledAt?: string | null;
  allowDownload: boolean;
  requiresPassword: boolean;
  deviceBinding: boolean;
  /** Whether a device has claimed a bound link yet. */
  deviceBound?: boolean;
  downloadCount: number;
  maxDownloads?: number | null;
  recipients: string[];
  /** Only the partners may open it, each with a code emailed to them. */
  verifyRecipients?: boolean;
  partners?: SharePartner[];
  message?: string | null;
  notifyOnDownload?: boolean;
}

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

export interface ShareList {
  shares: Share[];
  nextCursor: string | null;
}

/** PATCH /api/shares/{id}: one or more changes. */
export interface ShareUpdate {
  expiry?: ExpiryChoice;
  allowDownload?: boolean;
  regeneratePassword?: true;
  resetDeviceBinding?: true;
  maxDownloads?: number | null;
  partners?: PartnerEdits;
}

/** PATCH /api/shares/{id} answers the share, plus the new password when one was generated. */
export type UpdatedShare = Share & { password?: string };

/** POST /api/shares/cancel. */
export interface CancelledShares {
  cancelled: string[];
  notFound: string[];
}

/** `denied:<CODE>` carries the refusal's error code. */
export type ShareEventKind = 'unlock' | 'download' | 'preview' | `denied:${string}`;

export interface ShareEvent {
  kind: ShareEventKind;
  at: string;
  file?: string;
  /** A zip download (one transfer): how many files it held. */
  fileCount?: number;
  /** A keyed hash of the recipient's address (the address itself is never stored). */
  client: string;
  userAgent: string;
  /** The verified partner who did it. */
  email?: string;
}

/** GET /api/shares/{id}/events, newest first. */
export interface ShareEventList {
  events: ShareEvent[];
  nextCursor: string | null;
}

export interface CreatedShare {
  id: string;
  url: string;
  password?: string;
  expiresAt: string | null;
}

export type PasswordChoice = { mode: 'auto' } | { mode: 'custom'; value: string } | { mode: 'none' };
export type ExpiryChoice = { days: number } | { at: string } | { never: true };

export interface CreateShareRequest {
  items: { path: string; alias: string }[];
  allowDownload: boolean;
  password: PasswordChoice;
  expiry: ExpiryChoice;
  recipients: string[];
  message?: string;
  includePasswordInEmail: boolean;
  notifyOnDownload: boolean;
  deviceBinding: boolean;
  maxDownloads: number | null;
  verifyRecipients?: boolean;
}

export type UploadTarget =
  { method: 'PUT'; url: string; headers?: Record<string, string> } | { uploadId: string; partSize: number; parts: UploadPart[] };

/** POST /api/files/uploads. */
export interface UploadRequest {
  path: string;
  size: number;
  contentType: string;
}

export interface UploadPart {
  partNumber: number;
  url: string;
}

/** POST /api/files/uploads/parts: fresh URLs for parts of a long multipart upload. */
export interface UploadPartsRequest {
  path: string;
  uploadId: string;
  partNumbers: number[];
}

export interface UploadParts {
  parts: UploadPart[];
}

/** POST /api/files/uploads/complete. */
export interface CompleteUploadRequest {
  path: string;
  uploadId: string;
  parts: { partNumber: number; etag: string }[];
}

export interface UploadedFile {
  path: string;
  name: string;
  size: number;
  lastModified: string | null;
}

/** POST /api/files/uploads/abort. */
export interface AbortUploadRequest {
  path: string;
  uploadId: string;
}

export type * from './requests-types.js';

/** The API shapes the owner app reads (docs/api.md). */
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

export interface Me {
  userId: string;
  email: string;
  isAdmin: boolean;
  notification?: NotificationSettings;
  policy?: SharePolicy;
}

/** GET/PUT /api/admin/settings. */
export interface TenantSettings extends SharePolicy {
  adminNotificationSender: string | null;
}

/** GET/PUT /api/me/settings. */
export interface UserSettings {
  notificationSender: string | null;
  notification: NotificationSettings;
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

export interface FileListing {
  folders: FolderEntry[];
  files: FileEntry[];
  nextCursor: string | null;
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
  message?: string | null;
  notifyOnDownload?: boolean;
}

/** PATCH /api/shares/{id} answers the share, plus the new password when one was generated. */
export type UpdatedShare = Share & { password?: string };

/** `denied:<CODE>` carries the refusal's error code. */
export type ShareEventKind = 'unlock' | 'download' | 'preview' | `denied:${string}`;

export interface ShareEvent {
  kind: ShareEventKind;
  at: string;
  file?: string;
  /** A keyed hash of the recipient's address (the address itself is never stored). */
  client: string;
  userAgent: string;
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
}

export type UploadTarget =
  | { method: 'PUT'; url: string; headers?: Record<string, string> }
  | { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[] };

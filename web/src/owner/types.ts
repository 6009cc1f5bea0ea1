/** The API shapes the owner app reads (DESIGN.md §4). */
/** Tenant rules the create dialog follows, so the person is not sent into a refusal. */
export interface SharePolicy {
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: number;
  maxExpiryDays: number | null;
}

export interface Me {
  userId: string;
  email: string;
  isAdmin: boolean;
  policy?: SharePolicy;
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
  allowDownload: boolean;
  requiresPassword: boolean;
  deviceBinding: boolean;
  downloadCount: number;
  recipients: string[];
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
  notifyOnDownload: boolean;
  deviceBinding: boolean;
}

export type UploadTarget =
  | { method: 'PUT'; url: string; headers?: Record<string, string> }
  | { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[] };

/** The file-request shapes of the owner app (docs/api.md, "File requests"), re-exported by `types.ts`. */
import type { ExpiryChoice, PasswordChoice, ShareStatus } from './types.js';

export interface FileRequestPolicy {
  fileRequestsEnabled?: boolean;
  defaultRequestMaxBytes?: number;
}

export interface FileRequest {
  id: string;
  url: string;
  folder: string;
  title: string;
  message: string | null;
  status: ShareStatus;
  createdAt: string;
  expiresAt: string | null;
  cancelledAt: string | null;
  requiresPassword: boolean;
  maxFiles: number | null;
  maxBytes: number;
  filesReceived: number;
  bytesReceived: number;
  remainingFiles: number | null;
  remainingBytes: number;
  notifyOnUpload: boolean;
}

/** GET /api/requests/{id}: the request and what arrived, by uploader. */
export interface FileRequestDetail extends FileRequest {
  received: {
    uploaders: { visitId: string; name: string; email: string | null; at: string; folder: string; bytes: number; files: ReceivedFile[] }[];
    truncated: boolean;
  };
}

export interface ReceivedFile {
  path: string;
  name: string;
  size: number;
  at: string | null;
}

export interface FileRequestList {
  requests: FileRequest[];
  nextCursor: string | null;
}

export interface CreateFileRequest {
  folder: string;
  title: string;
  message?: string;
  password: PasswordChoice;
  expiry: ExpiryChoice;
  maxFiles?: number | null;
  maxBytes?: number;
  notifyOnUpload: boolean;
}

export type CreatedFileRequest = FileRequest & { password?: string };

export interface FileRequestUpdate {
  expiry?: ExpiryChoice;
  title?: string;
  message?: string | null;
  notifyOnUpload?: boolean;
}

export type FileRequestEventKind = 'unlock' | 'upload' | `denied:${string}`;

export interface FileRequestEvent {
  kind: FileRequestEventKind;
  at: string;
  file?: string;
  size?: number;
  uploader?: string;
  client: string;
  userAgent: string;
}

export interface FileRequestEventList {
  events: FileRequestEvent[];
  nextCursor: string | null;
}

/** The API shapes of the uploader page (docs/api.md, "File requests"). */
import type { MultipartTarget, SingleTarget } from '../common/transfer.js';

/** GET /api/public/requests/{id}: what anyone holding the link may see. */
export interface PublicRequest {
  id: string;
  title: string;
  message: string | null;
  ownerName: string;
  requiresPassword: boolean;
  expiresAt: string | null;
  maxFiles: number | null;
  maxBytes: number;
  remainingFiles: number | null;
  remainingBytes: number;
  /** The largest single file the service takes. */
  maxFileBytes: number;
}

export interface AccessRequest {
  name: string;
  email?: string;
  password?: string;
  deviceId: string;
}

export interface AccessGrant {
  token: string;
  expiresIn: number;
}

export interface UploadStart {
  name: string;
  size: number;
  contentType: string;
}

/** POST …/uploads: a single PUT or a multipart upload, with this request's upload id and the name the file is stored under. */
export type RequestUploadTarget = (SingleTarget | MultipartTarget) & { uploadId: string; name: string };

export interface UploadReceipt {
  uploadId: string;
  name: string;
  size: number;
}

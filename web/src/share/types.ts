/** The recipient's side of the public API, /api/public/shares/… (docs/api.md). */
export interface PublicShare {
  id: string;
  ownerName: string;
  requiresPassword: boolean;
  expiresAt: string | null;
  allowDownload: boolean;
  deviceBinding: boolean;
  message: string | null;
}

/** POST …/access: without a password for a link that has none. */
export interface AccessRequest {
  password?: string;
  deviceId: string;
}

export interface AccessGrant {
  token: string;
  expiresIn: number;
}

export interface ShareEntry {
  /** Files only: what POST …/downloads takes. */
  fileId?: string;
  name: string;
  /** null when the API does not know it (folders). */
  size: number | null;
  kind: 'file' | 'folder';
  /** For a folder: the path to list next, relative to the share. */
  path: string;
}

/** GET …/files. `unavailable`: the shared folder itself was deleted after sharing. */
export interface SharedFilesPage {
  entries: ShareEntry[];
  nextCursor: string | null;
  unavailable?: boolean;
  summary?: ShareSummaryCounts;
}

/** POST …/downloads: a short-lived presigned URL. */
export interface DownloadGrant {
  url: string;
  expiresAt: string;
}

/** The share in all, on the first page of its root: counting may stop early (`complete: false`). */
export interface ShareSummaryCounts {
  fileCount: number;
  totalBytes: number;
  complete: boolean;
}

/** POST …/transfers: one zip, counted once. */
export interface TransferGrant {
  transferId: string;
  fileCount: number;
  totalBytes: number;
}

/** GET …/transfers/{id}/files: a path ending in "/" is a folder kept in the zip. */
export interface TransferPage {
  files: { path: string; size: number; url: string }[];
  nextCursor: string | null;
}

export type PreviewKind = 'image' | 'pdf' | 'video' | 'audio' | 'text';

/** POST …/previews. `rendered`: a watermarked image made for this recipient (secure view), with its page count. */
export interface PreviewGrant {
  kind: PreviewKind;
  url: string;
  expiresAt: string;
  rendered: boolean;
  pageCount?: number;
  watermark?: string[];
}

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
}

/** POST …/downloads: a short-lived presigned URL. */
export interface DownloadGrant {
  url: string;
  expiresAt: string;
}

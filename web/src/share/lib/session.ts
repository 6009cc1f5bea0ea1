import { jsonInit, requestJson } from '../../common/http.js';

/** The recipient's side of the public API (DESIGN.md §4, /api/public/shares/…). */
export interface PublicShare {
  id: string;
  ownerName: string;
  requiresPassword: boolean;
  expiresAt: string | null;
  allowDownload: boolean;
  deviceBinding: boolean;
  message: string | null;
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

const DEVICE_KEY = 'sharelink.deviceId';
const tokenKey = (shareId: string) => `sharelink.share.${shareId}`;

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain-http LAN access still deserves a random id.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** One id per browser profile, so a device-bound link recognises this device next time. */
export function deviceId(): string {
  let id: string | null = null;
  try {
    id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = randomId();
      localStorage.setItem(DEVICE_KEY, id);
    }
  } catch {
    // Storage disabled: a per-page id still lets a non-bound link open.
    id ??= randomId();
  }
  return id;
}

export const storedToken = (shareId: string) => sessionStorage.getItem(tokenKey(shareId));
export const forgetToken = (shareId: string) => sessionStorage.removeItem(tokenKey(shareId));

const base = (shareId: string) => `/api/public/shares/${encodeURIComponent(shareId)}`;

export const getShare = (shareId: string) => requestJson<PublicShare>(base(shareId), { cache: 'no-store' });

export async function unlock(shareId: string, password: string | undefined): Promise<string> {
  const body = password === undefined ? { deviceId: deviceId() } : { password, deviceId: deviceId() };
  const { token } = await requestJson<{ token: string; expiresIn: number }>(`${base(shareId)}/access`, jsonInit('POST', body));
  sessionStorage.setItem(tokenKey(shareId), token);
  return token;
}

export function listFiles(shareId: string, token: string, path: string, cursor: string | null) {
  const params = new URLSearchParams();
  if (path) params.set('path', path);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  // `unavailable`: the shared folder itself was deleted after sharing.
  return requestJson<{ entries: ShareEntry[]; nextCursor: string | null; unavailable?: boolean }>(
    `${base(shareId)}/files${query ? `?${query}` : ''}`,
    { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' },
  );
}

export function requestDownload(shareId: string, token: string, fileId: string) {
  return requestJson<{ url: string; expiresAt: string }>(
    `${base(shareId)}/downloads`,
    jsonInit('POST', { fileId }, { authorization: `Bearer ${token}` }),
  );
}

/**
 * The recipient page's API: one typed function per call of /api/public/shares/… (docs/api.md).
 * Request and response types come from the one import below.
 */
import type { AccessGrant, AccessRequest, DownloadGrant, PublicShare, SharedFilesPage } from './types.js';
import { jsonInit, requestJson } from '../common/http.js';

const base = (shareId: string) => `/api/public/shares/${encodeURIComponent(shareId)}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const getShare = (shareId: string) => requestJson<PublicShare>(base(shareId), { cache: 'no-store' });

export const requestAccess = (shareId: string, body: AccessRequest) =>
  requestJson<AccessGrant>(`${base(shareId)}/access`, jsonInit('POST', body));

export function listFiles(shareId: string, token: string, path: string, cursor: string | null) {
  const params = new URLSearchParams();
  if (path) params.set('path', path);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return requestJson<SharedFilesPage>(`${base(shareId)}/files${query ? `?${query}` : ''}`, { headers: bearer(token), cache: 'no-store' });
}

export const requestDownload = (shareId: string, token: string, fileId: string) =>
  requestJson<DownloadGrant>(`${base(shareId)}/downloads`, jsonInit('POST', { fileId }, bearer(token)));

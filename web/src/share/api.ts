/**
 * The recipient page's API: one typed function per call of /api/public/shares/… (docs/api.md).
 * Request and response types come from the one import below.
 */
import type {
  AccessGrant,
  AccessRequest,
  CodeSent,
  DownloadGrant,
  PreviewGrant,
  PublicShare,
  SharedFilesPage,
  TransferGrant,
  TransferPage,
} from './types.js';
import { jsonInit, requestJson } from '../common/http.js';

const base = (shareId: string) => `/api/public/shares/${encodeURIComponent(shareId)}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** With the device id, a link bound to another device answers DEVICE_BOUND before any password. */
export const getShare = (shareId: string, deviceId: string) =>
  requestJson<PublicShare>(`${base(shareId)}?${new URLSearchParams({ deviceId })}`, { cache: 'no-store' });

export const requestAccess = (shareId: string, body: AccessRequest) =>
  requestJson<AccessGrant>(`${base(shareId)}/access`, jsonInit('POST', body));

/** A verified link: a 6-digit code to the address, if it is one of the link's partners. */
export const requestCode = (shareId: string, email: string) => requestJson<CodeSent>(`${base(shareId)}/codes`, jsonInit('POST', { email }));

export function listFiles(shareId: string, token: string, path: string, cursor: string | null) {
  const params = new URLSearchParams();
  if (path) params.set('path', path);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return requestJson<SharedFilesPage>(`${base(shareId)}/files${query ? `?${query}` : ''}`, { headers: bearer(token), cache: 'no-store' });
}

export const requestDownload = (shareId: string, token: string, fileId: string) =>
  requestJson<DownloadGrant>(`${base(shareId)}/downloads`, jsonInit('POST', { fileId }, bearer(token)));

/** A zip of the share (no paths) or of the given share-relative paths, counted once. */
export const createTransfer = (shareId: string, token: string, paths?: string[]) =>
  requestJson<TransferGrant>(`${base(shareId)}/transfers`, jsonInit('POST', paths ? { paths } : {}, bearer(token)));

export function transferFiles(shareId: string, token: string, transferId: string, cursor: string | null) {
  const query = cursor ? `?${new URLSearchParams({ cursor })}` : '';
  return requestJson<TransferPage>(`${base(shareId)}/transfers/${encodeURIComponent(transferId)}/files${query}`, {
    headers: bearer(token),
    cache: 'no-store',
  });
}

export const requestPreview = (shareId: string, token: string, fileId: string, page?: number) =>
  requestJson<PreviewGrant>(
    `${base(shareId)}/previews`,
    jsonInit('POST', page === undefined ? { fileId } : { fileId, page }, bearer(token)),
  );

export const requestThumbnail = (shareId: string, token: string, fileId: string) =>
  requestJson<DownloadGrant>(`${base(shareId)}/thumbnails`, jsonInit('POST', { fileId }, bearer(token)));

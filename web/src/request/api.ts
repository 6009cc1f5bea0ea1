/**
 * The uploader page's API: one typed function per call of /api/public/requests/… (docs/api.md).
 * Request and response types come from the one import below.
 */
import type { CompletedPart, TransferPart } from '../common/transfer.js';
import { jsonInit, requestJson } from '../common/http.js';
import type { AccessGrant, AccessRequest, PublicRequest, RequestUploadTarget, UploadReceipt, UploadStart } from './types.js';

const base = (requestId: string) => `/api/public/requests/${encodeURIComponent(requestId)}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const getRequest = (requestId: string) => requestJson<PublicRequest>(base(requestId), { cache: 'no-store' });

export const requestAccess = (requestId: string, body: AccessRequest) =>
  requestJson<AccessGrant>(`${base(requestId)}/access`, jsonInit('POST', body));

export const startUpload = (requestId: string, token: string, body: UploadStart) =>
  requestJson<RequestUploadTarget>(`${base(requestId)}/uploads`, jsonInit('POST', body, bearer(token)));

export const refreshParts = (requestId: string, token: string, uploadId: string, partNumbers: number[]) =>
  requestJson<{ parts: TransferPart[] }>(`${base(requestId)}/uploads/parts`, jsonInit('POST', { uploadId, partNumbers }, bearer(token)));

export const completeUpload = (requestId: string, token: string, uploadId: string, parts: CompletedPart[] | undefined) =>
  requestJson<UploadReceipt>(`${base(requestId)}/uploads/complete`, jsonInit('POST', { uploadId, parts }, bearer(token)));

/** `keepalive` lets the abort go out while the page is being closed. */
export const abortUpload = (requestId: string, token: string, uploadId: string, keepalive = false) =>
  requestJson<{ state: string }>(`${base(requestId)}/uploads/abort`, { ...jsonInit('POST', { uploadId }, bearer(token)), keepalive });

/**
 * The owner app's API: one typed function per call, so components never write a path or
 * guess a shape (docs/api.md). Every request and response type comes from the one import
 * below; pointing it at types derived from the server's schemas is a one-line change.
 */
import { detectLocale } from '../common/i18n.js';
import type {
  AbortUploadRequest,
  CreatedFileRequest,
  CreateFileRequest,
  FileRequest,
  FileRequestDetail,
  FileRequestEventList,
  FileRequestList,
  FileRequestUpdate,
  CancelledShares,
  CompleteUploadRequest,
  CreatedFolder,
  CreatedShare,
  CreateShareRequest,
  DeletedFiles,
  FileListing,
  Me,
  SenderCodeSent,
  Share,
  ShareEventList,
  ShareList,
  ShareListQuery,
  ShareUpdate,
  TenantSettings,
  TenantSettingsUpdate,
  UpdatedShare,
  UploadedFile,
  UploadParts,
  UploadPartsRequest,
  UploadRequest,
  UploadTarget,
  OwnSender,
  UserSettings,
  UserSettingsUpdate,
} from './types.js';
import { api, withQuery } from './lib/session.js';

const shareUrl = (id: string) => `/api/shares/${encodeURIComponent(id)}`;

// The account, its settings and the tenant's rules.

export const getMe = () => api<Me>('GET', '/api/me');

/** Only the user's own sender; which sender applies is in `getMe().notification`. */
export const getMySettings = () => api<OwnSender>('GET', '/api/me/settings');

export const updateMySettings = (body: UserSettingsUpdate) => api<UserSettings>('PUT', '/api/me/settings', body);

/** Emails a 6-digit code to a sender address the user wants to prove. */
export const requestSenderCode = (address: string) =>
  api<SenderCodeSent>('POST', '/api/me/sender-verification', { address, locale: detectLocale() });

/** The code from that email: the address is proved and becomes the user's sender. */
export const confirmSenderCode = (address: string, code: string) =>
  api<UserSettings>('POST', '/api/me/sender-verification/confirm', { address, code });

export const getAdminSettings = () => api<TenantSettings>('GET', '/api/admin/settings');

export const updateAdminSettings = (body: TenantSettingsUpdate) => api<TenantSettings>('PUT', '/api/admin/settings', body);

// Files and folders.

export const listFiles = (prefix: string, cursor: string | null) => api<FileListing>('GET', withQuery('/api/files', { prefix, cursor }));

export const createFolder = (path: string) => api<CreatedFolder>('POST', '/api/folders', { path });

/** Deletes files and folders; what did not finish in time comes back in `pending`. */
export const deleteFiles = (paths: string[]) => api<DeletedFiles>('DELETE', '/api/files', { paths });

// Uploads: the API hands out presigned URLs, the bytes go straight to storage (lib/uploads.ts).

export const startUpload = (body: UploadRequest) => api<UploadTarget>('POST', '/api/files/uploads', body);

export const refreshUploadParts = (body: UploadPartsRequest) => api<UploadParts>('POST', '/api/files/uploads/parts', body);

export const completeUpload = (body: CompleteUploadRequest) => api<UploadedFile>('POST', '/api/files/uploads/complete', body);

export const abortUpload = (body: AbortUploadRequest) => api<void>('POST', '/api/files/uploads/abort', body);

// Share links.

export const listShares = (query: ShareListQuery) =>
  api<ShareList>('GET', withQuery('/api/shares', { status: query.status, cursor: query.cursor }));

export const getShare = (id: string) => api<Share>('GET', shareUrl(id));

/** The owner's language goes with the link: its emails are written in it. */
export const createShare = (body: CreateShareRequest) => api<CreatedShare>('POST', '/api/shares', { ...body, locale: detectLocale() });

export const updateShare = (id: string, body: ShareUpdate) => api<UpdatedShare>('PATCH', shareUrl(id), body);

export const cancelShare = (id: string) => api<void>('DELETE', shareUrl(id));

export const cancelShares = (ids: string[]) => api<CancelledShares>('POST', '/api/shares/cancel', { ids });

export const listShareEvents = (id: string, cursor: string | null) =>
  api<ShareEventList>('GET', withQuery(`${shareUrl(id)}/events`, { cursor }));

// File requests (upload links), listed with the owner's links.

const requestUrl = (id: string) => `/api/requests/${encodeURIComponent(id)}`;

export const listFileRequests = (query: ShareListQuery) =>
  api<FileRequestList>('GET', withQuery('/api/requests', { status: query.status, cursor: query.cursor }));

export const getFileRequest = (id: string) => api<FileRequestDetail>('GET', requestUrl(id));

export const createFileRequest = (body: CreateFileRequest) =>
  api<CreatedFileRequest>('POST', '/api/requests', { ...body, locale: detectLocale() });

export const updateFileRequest = (id: string, body: FileRequestUpdate) => api<FileRequest>('PATCH', requestUrl(id), body);

export const cancelFileRequest = (id: string) => api<void>('DELETE', requestUrl(id));

export const listFileRequestEvents = (id: string, cursor: string | null) =>
  api<FileRequestEventList>('GET', withQuery(`${requestUrl(id)}/events`, { cursor }));

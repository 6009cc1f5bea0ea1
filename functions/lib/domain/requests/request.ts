import { AppError } from '../../errors.js';
import type { LinkRecord } from '../link-record.js';
import { statusOf, type ShareStatus } from '../share.js';

/**
 * A file request: an upload link that lets anyone holding it (and its password) send files
 * into a folder of the owner's, below a folder named after the uploader. Counters: `filesUsed`
 * and `bytesUsed` are reserved quota (uploads in flight and stored), `filesReceived` and
 * `bytesReceived` what arrived.
 */
export interface FileRequest extends LinkRecord {
  /** Owner-relative folder the files go below: `''` (the root) or a path ending in `/`. */
  folder: string;
  title: string;
  message: string | null;
  /** null: any number of files (within maxBytes). */
  maxFiles: number | null;
  maxBytes: number;
  notifyOnUpload: boolean;
  filesUsed: number;
  bytesUsed: number;
  filesReceived: number;
  bytesReceived: number;
}

export type RequestStatus = ShareStatus;

/** One unlock of a request: who is uploading, and how their uploads stand. */
export interface RequestVisit {
  requestId: string;
  visitId: string;
  /** The uploader's name, validated as one path segment: their folder below the request's. */
  uploader: string;
  email: string | null;
  client: string;
  userAgent: string;
  createdAt: string;
  /** When the visit's token expires: nothing of the visit can happen after this (plus the URLs' life). */
  expiresAt: string;
  /** Uploads reserved and not yet settled. */
  pending: number;
  files: number;
  bytes: number;
  /** Files already listed in the owner's email for this visit. */
  emailedFiles: number;
}

/**
 * pending: quota reserved, bytes on their way. stored: arrived. aborted: quota given back.
 * withdrawn: a single PUT the uploader cancelled; its URL could still be used, so its quota is
 * only given back once that URL has expired and the object is still missing.
 */
export type UploadState = 'pending' | 'stored' | 'aborted' | 'withdrawn';

export interface RequestUpload {
  requestId: string;
  visitId: string;
  uploadId: string;
  state: UploadState;
  /** The name the uploader asked for: a path below their folder. */
  name: string;
  size: number;
  contentType: string;
  createdAt: string;
  /** After this nothing can reach the upload any more (token and URLs expired): it may be tidied up. */
  deadline: string;
  /** Where it is stored, once the name is decided: owner-relative path and its name below the uploader's folder. */
  path?: string;
  storedName?: string;
  /** The owner-upload ticket of a multipart upload (`files/uploads.ts`); absent for a single PUT. */
  ticket?: string;
  /** A single PUT's URL expires then: nothing can arrive through it afterwards. */
  urlExpiresAt?: string;
  settledAt?: string;
}

/** Counter changes of one settle, applied atomically with the upload's new state. */
export interface SettleDeltas {
  filesUsed: number;
  bytesUsed: number;
  filesReceived: number;
  bytesReceived: number;
  pending: number;
  visitFiles: number;
  visitBytes: number;
}

export type RequestChanges = Partial<Pick<FileRequest, 'expiresAt' | 'title' | 'message' | 'notifyOnUpload'>>;

/** A request's status now: the same rule as a share link's. */
export const requestStatusOf: (request: Pick<FileRequest, 'status' | 'expiresAt'>, nowMs: number) => RequestStatus = statusOf;

export const requestNotFound = () => new AppError('REQUEST_NOT_FOUND', 'This upload link does not exist. Check that you copied all of it.');
export const requestClosed = () => new AppError('REQUEST_CLOSED', 'This upload link is closed: it no longer accepts files.');
export const requestExpired = () => new AppError('REQUEST_EXPIRED', 'This upload link has expired: it no longer accepts files.');

/** The uploader-facing refusal if the request cannot take files now (cancelled, expired, or turned off by the administrator). */
export function assertRequestOpen(request: FileRequest | undefined, nowMs: number, enabled: boolean): FileRequest {
  if (!request) throw requestNotFound();
  const status = requestStatusOf(request, nowMs);
  if (status === 'cancelled' || !enabled) throw requestClosed();
  if (status === 'expired') throw requestExpired();
  return request;
}

export function requestUrl(baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/r/${id}`;
}

export const remainingFiles = (request: FileRequest) =>
  request.maxFiles === null ? null : Math.max(0, request.maxFiles - request.filesUsed);
export const remainingBytes = (request: FileRequest) => Math.max(0, request.maxBytes - request.bytesUsed);

/** The owner's view of a request, as every owner route returns it (docs/api.md). */
export function ownerRequestView(request: FileRequest, baseUrl: string, nowMs: number) {
  return {
    id: request.id,
    url: requestUrl(baseUrl, request.id),
    folder: request.folder,
    title: request.title,
    message: request.message,
    status: requestStatusOf(request, nowMs),
    createdAt: request.createdAt,
    expiresAt: request.expiresAt,
    cancelledAt: request.cancelledAt,
    requiresPassword: request.passwordHash !== null,
    maxFiles: request.maxFiles,
    maxBytes: request.maxBytes,
    filesReceived: request.filesReceived,
    bytesReceived: request.bytesReceived,
    remainingFiles: remainingFiles(request),
    remainingBytes: remainingBytes(request),
    notifyOnUpload: request.notifyOnUpload,
  };
}

export type OwnerRequestView = ReturnType<typeof ownerRequestView>;

/** What anyone holding the link may learn before unlocking it: never the folder or what others sent. */
export function publicRequestView(request: FileRequest, maxFileBytes: number) {
  return {
    id: request.id,
    title: request.title,
    message: request.message,
    ownerName: request.ownerName ?? request.ownerEmail,
    requiresPassword: request.passwordHash !== null,
    expiresAt: request.expiresAt,
    maxFiles: request.maxFiles,
    maxBytes: request.maxBytes,
    remainingFiles: remainingFiles(request),
    remainingBytes: remainingBytes(request),
    /** The largest single file this tenant takes. */
    maxFileBytes,
  };
}

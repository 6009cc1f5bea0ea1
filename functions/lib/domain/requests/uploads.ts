import * as z from 'zod/mini';
import { AppError, validationFailed } from '../../errors.js';
import {
  abortUpload,
  completeUpload,
  completeUploadSchema,
  contentTypeSchema,
  formatSize,
  refreshPartsSchema,
  refreshUploadParts,
  startUpload,
  type UploadDeps,
} from '../files/uploads.js';
import { newShareId } from '../ids.js';
import { keyOf } from '../paths.js';
import type { AccessEvent } from '../ports.js';
import type { Recipient } from '../recipient/access.js';
import { numberedName, uploadNameSchema, uploadPath } from './names.js';
import {
  assertRequestOpen,
  remainingBytes,
  type FileRequest,
  type RequestUpload,
  type RequestVisit,
  type SettleDeltas,
  type UploadState,
} from './request.js';
import { authorizeVisit, denyRequest, type RequestPublicDeps } from './visit.js';

/**
 * Uploads through a file request. The bytes go straight to S3 with the owner-upload code
 * (`files/uploads.ts`: presigned PUTs that sign the exact size and type, multipart above
 * 16 MiB); this module decides, before any URL is handed out, that the upload fits (quota
 * reserved with a conditional write) and where it goes (a name no other file has, locked with
 * a conditional write), and settles each upload exactly once: stored, or its quota given back.
 */

export interface RequestUploadDeps extends RequestPublicDeps {
  uploads: UploadDeps;
  /** How long presigned upload URLs live: nothing can arrive through one later. */
  uploadUrlSeconds: number;
}

/** Candidates tried for a free name: `name`, `name (2)`, ... `name (100)`. */
export const MAX_NAME_TRIES = 100;
/** Stale uploads tidied up when the quota looks full, per attempt. */
const RECLAIM_BATCH = 25;

const uploadIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'must be an upload id this request gave out'));

export const requestUploadSchema = z.strictObject({
  name: uploadNameSchema,
  size: z.int().check(z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  contentType: z._default(contentTypeSchema, 'application/octet-stream'),
});

export const requestPartsSchema = z.strictObject({ uploadId: uploadIdSchema, partNumbers: refreshPartsSchema.shape.partNumbers });

export const requestCompleteSchema = z.strictObject({ uploadId: uploadIdSchema, parts: z.optional(completeUploadSchema.shape.parts) });

export const requestAbortSchema = z.strictObject({ uploadId: uploadIdSchema });

const nowIso = (deps: { nowMs: number }) => new Date(deps.nowMs).toISOString();
const epoch = (ms: number) => Math.floor(ms / 1000);

const NO_CHANGE: SettleDeltas = {
  filesUsed: 0,
  bytesUsed: 0,
  filesReceived: 0,
  bytesReceived: 0,
  pending: 0,
  visitFiles: 0,
  visitBytes: 0,
};

/** Why this request cannot take a file of `size` as its counters stand, or undefined. */
export function quotaRefusal(request: FileRequest, name: string, size: number): AppError | undefined {
  if (request.maxFiles !== null && request.filesUsed >= request.maxFiles) {
    return new AppError(
      'REQUEST_FULL',
      `This request takes ${request.maxFiles} file${request.maxFiles === 1 ? '' : 's'} and has them all; it accepts no more.`,
    );
  }
  const room = remainingBytes(request);
  if (size > room) {
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      `"${name}" is ${formatSize(size)} (${size} bytes); this request can take ${formatSize(room)} (${room} bytes) more, of ${formatSize(request.maxBytes)} in all.`,
    );
  }
  return undefined;
}

/** The owner's S3 key of an upload whose name is decided. */
const keyOfUpload = (request: FileRequest, upload: RequestUpload) => keyOf(request.ownerId, upload.path!);

/**
 * Moves an upload to `to` with the counter changes that means, then frees its name and, when
 * the visit has nothing left in flight, marks it idle (the owner's email waits for that).
 */
async function settle(
  deps: RequestUploadDeps,
  request: FileRequest,
  visit: RequestVisit,
  upload: RequestUpload,
  to: Exclude<UploadState, 'pending'>,
): Promise<boolean> {
  const from = upload.state;
  const wasPending = from === 'pending' ? -1 : 0;
  const deltas: SettleDeltas =
    to === 'stored'
      ? { ...NO_CHANGE, filesReceived: 1, bytesReceived: upload.size, pending: wasPending, visitFiles: 1, visitBytes: upload.size }
      : to === 'aborted'
        ? { ...NO_CHANGE, filesUsed: -1, bytesUsed: -upload.size, pending: wasPending }
        : { ...NO_CHANGE, pending: wasPending };
  const event: AccessEvent | undefined =
    to === 'stored'
      ? {
          kind: 'upload',
          at: nowIso(deps),
          file: `${visit.uploader}/${upload.storedName ?? upload.name}`,
          size: upload.size,
          uploader: visit.uploader,
          client: visit.client,
          userAgent: visit.userAgent,
        }
      : undefined;
  const settled = await deps.requests.settleUpload({ ...upload, settledAt: nowIso(deps) }, from, to, deltas, event);
  if (!settled) return false;
  // A withdrawn upload keeps its name until its URL has expired and it is settled for good.
  if (upload.path && to !== 'withdrawn') await deps.requests.releaseName(keyOfUpload(request, upload), upload.uploadId);
  if (deltas.pending !== 0 || deltas.visitFiles !== 0) await deps.requests.markVisitIdle(request.id, visit.visitId, nowIso(deps));
  return true;
}

/** Settles an upload that cannot be continued: stored if its bytes are there, else its quota goes back. */
async function finishAbandoned(deps: RequestUploadDeps, request: FileRequest, visit: RequestVisit, upload: RequestUpload) {
  if (upload.ticket) {
    // Multipart: nothing is stored until we complete it, so aborting frees the parts for good.
    await abortUpload(deps.uploads, request.ownerId, { path: upload.path!, uploadId: upload.ticket });
    return settle(deps, request, visit, upload, 'aborted');
  }
  if (upload.path && (await deps.uploads.files.stat(keyOfUpload(request, upload)))) return settle(deps, request, visit, upload, 'stored');
  return settle(deps, request, visit, upload, 'aborted');
}

/**
 * Uploads nothing can reach any more (their visit's token and URLs have expired, or a
 * withdrawn PUT's URL has): settled now, so their quota is not held forever. Called when a
 * reservation finds the request full.
 */
export async function reclaimStaleUploads(deps: RequestUploadDeps, request: FileRequest): Promise<number> {
  let reclaimed = 0;
  for (const upload of await deps.requests.listStaleUploads(request.id, nowIso(deps), RECLAIM_BATCH)) {
    const visit = await deps.requests.getVisit(request.id, upload.visitId);
    if (visit && (await finishAbandoned(deps, request, visit, upload))) reclaimed += 1;
  }
  return reclaimed;
}

/** Reserves the quota (and the pending upload) with a conditional write, tidying stale uploads once if it looks full. */
async function reserve(
  deps: RequestUploadDeps,
  request: FileRequest,
  upload: RequestUpload,
  who: Recipient,
  details: Pick<AccessEvent, 'file' | 'uploader'>,
): Promise<void> {
  if (await deps.requests.reserveUpload(upload, request, nowIso(deps))) return;
  if ((await reclaimStaleUploads(deps, request)) > 0 && (await deps.requests.reserveUpload(upload, request, nowIso(deps)))) return;
  // Refused: say why, as the request stands now (closed meanwhile, full, or too little room left).
  const [fresh, policy] = await Promise.all([deps.requests.get(request.id), deps.tenant()]);
  let current: FileRequest;
  try {
    current = assertRequestOpen(fresh, deps.nowMs, policy.fileRequestsEnabled);
  } catch (error) {
    if (error instanceof AppError) return denyRequest(deps, request, who, error, details);
    throw error;
  }
  const refusal = quotaRefusal(current, upload.name, upload.size) ?? new AppError('CONFLICT', 'The request changed meanwhile; try again.');
  return denyRequest(deps, request, who, refusal, details);
}

/** Picks the first free name (`name`, `name (2)`, ...) and locks it; undefined when none is free. */
async function claimFreeName(deps: RequestUploadDeps, request: FileRequest, visit: RequestVisit, upload: RequestUpload) {
  const untilEpoch = epoch(Date.parse(upload.deadline));
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    const storedName = numberedName(upload.name, n);
    const target = uploadPath(request.folder, visit.uploader, storedName);
    if ('problem' in target) throw validationFailed(`Invalid request body: name: the stored path ${target.problem}`);
    const key = keyOf(request.ownerId, target.path);
    if (!(await deps.requests.claimName(key, upload.uploadId, untilEpoch, epoch(deps.nowMs)))) continue;
    // The lock keeps other uploads off; a file already there (the owner's own, or one that arrived earlier) is never overwritten.
    if (await deps.uploads.files.stat(key)) {
      await deps.requests.releaseName(key, upload.uploadId);
      continue;
    }
    return { path: target.path, storedName };
  }
  return undefined;
}

export async function startRequestUpload(
  deps: RequestUploadDeps,
  id: string,
  authorization: string | undefined,
  who: Recipient,
  input: z.output<typeof requestUploadSchema>,
) {
  const { request, visit } = await authorizeVisit(deps, id, authorization, who, { open: true });
  const details = { file: input.name, uploader: visit.uploader };
  if (input.size > deps.uploads.maxUploadBytes) {
    const limit = deps.uploads.maxUploadBytes;
    const refusal = new AppError(
      'PAYLOAD_TOO_LARGE',
      `"${input.name}" is ${formatSize(input.size)} (${input.size} bytes); files can be at most ${formatSize(limit)} (${limit} bytes) here.`,
    );
    return denyRequest(deps, request, who, refusal, details);
  }
  const target = uploadPath(request.folder, visit.uploader, input.name);
  if ('problem' in target) throw validationFailed(`Invalid request body: name: the stored path ${target.problem}`);

  const upload: RequestUpload = {
    requestId: request.id,
    visitId: visit.visitId,
    uploadId: newShareId(),
    state: 'pending',
    name: input.name,
    size: input.size,
    contentType: input.contentType,
    createdAt: nowIso(deps),
    // Nothing of this upload can happen after its visit's token and the last URL it gets have expired.
    deadline: new Date(Date.parse(visit.expiresAt) + deps.uploadUrlSeconds * 1000).toISOString(),
  };
  await reserve(deps, request, upload, who, details);
  try {
    const named = await claimFreeName(deps, request, visit, upload);
    if (!named) throw new AppError('CONFLICT', `Too many files named "${input.name}" already; rename the file and send it again.`);
    const s3 = await startUpload(deps.uploads, request.ownerId, { path: named.path, size: input.size, contentType: input.contentType });
    const placed: RequestUpload = {
      ...upload,
      ...named,
      ...('uploadId' in s3 ? { ticket: s3.uploadId } : { urlExpiresAt: new Date(deps.nowMs + deps.uploadUrlSeconds * 1000).toISOString() }),
    };
    await deps.requests.setUploadTarget(placed);
    // Our upload id replaces the owner-upload ticket, which stays on the server.
    return { ...s3, uploadId: upload.uploadId, name: named.storedName };
  } catch (error) {
    // The reservation goes back with the failure; the name (if locked) expires with the upload's deadline.
    await settle(deps, request, visit, upload, 'aborted').catch(() => undefined);
    throw error;
  }
}

async function visitUpload(deps: RequestUploadDeps, visit: RequestVisit, uploadId: string): Promise<RequestUpload> {
  const upload = await deps.requests.getUpload(visit.requestId, visit.visitId, uploadId);
  // Only this visit's uploads: another visit's (or a made-up) id is simply not found.
  if (!upload) throw new AppError('NOT_FOUND', 'This upload does not exist. Send the file again.');
  return upload;
}

/** What the uploader is told arrived. */
const receipt = (upload: RequestUpload) => ({ uploadId: upload.uploadId, name: upload.storedName ?? upload.name, size: upload.size });

/** Fresh part URLs for a long multipart upload whose first ones (15 minutes) ran out. */
export async function refreshRequestUploadParts(
  deps: RequestUploadDeps,
  id: string,
  authorization: string | undefined,
  who: Recipient,
  input: z.output<typeof requestPartsSchema>,
) {
  const { request, visit } = await authorizeVisit(deps, id, authorization, who, { open: true });
  const upload = await visitUpload(deps, visit, input.uploadId);
  if (upload.state !== 'pending' || !upload.ticket || !upload.path) {
    throw new AppError('CONFLICT', 'This upload is not in progress in parts; send the file again.');
  }
  return refreshUploadParts(deps.uploads, request.ownerId, { path: upload.path, uploadId: upload.ticket, partNumbers: input.partNumbers });
}

/**
 * The file has been sent: joins a multipart upload's parts (or checks a single PUT arrived)
 * and records it. If the request closed or expired meanwhile, parts not yet joined are
 * aborted and the uploader hears why; a file already whole in the folder counts as arrived.
 */
export async function completeRequestUpload(
  deps: RequestUploadDeps,
  id: string,
  authorization: string | undefined,
  who: Recipient,
  input: z.output<typeof requestCompleteSchema>,
) {
  const { request, visit } = await authorizeVisit(deps, id, authorization, who, { open: false });
  const [upload, policy] = await Promise.all([visitUpload(deps, visit, input.uploadId), deps.tenant()]);
  if (upload.state === 'stored') return receipt(upload);
  if (upload.state !== 'pending' || !upload.path) throw new AppError('CONFLICT', 'This upload was cancelled; send the file again.');
  try {
    assertRequestOpen(request, deps.nowMs, policy.fileRequestsEnabled);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await finishAbandoned(deps, request, visit, upload);
    const after = await deps.requests.getUpload(request.id, visit.visitId, upload.uploadId);
    if (after?.state === 'stored') return receipt(after);
    return denyRequest(deps, request, who, error, { file: upload.name, uploader: visit.uploader });
  }
  if (upload.ticket) {
    if (!input.parts) throw validationFailed('Invalid request body: parts: list the parts of this multipart upload');
    await completeUpload(deps.uploads, request.ownerId, { path: upload.path, uploadId: upload.ticket, parts: input.parts });
  } else if (!(await deps.uploads.files.stat(keyOfUpload(request, upload)))) {
    throw new AppError('CONFLICT', 'The file has not arrived yet: send it to its upload URL first, then complete the upload.');
  }
  await settle(deps, request, visit, upload, 'stored');
  return receipt(upload);
}

/**
 * Cancels an upload: a multipart upload's parts are aborted and its quota given back at once.
 * A single PUT's URL stays usable until it expires, so its quota comes back only after that,
 * if nothing arrived through it (reclaimStaleUploads); a file that did arrive counts as arrived.
 */
export async function abortRequestUpload(
  deps: RequestUploadDeps,
  id: string,
  authorization: string | undefined,
  who: Recipient,
  input: z.output<typeof requestAbortSchema>,
): Promise<{ state: UploadState }> {
  const { request, visit } = await authorizeVisit(deps, id, authorization, who, { open: false });
  const upload = await visitUpload(deps, visit, input.uploadId);
  if (upload.state !== 'pending') return { state: upload.state };
  if (upload.ticket || !upload.path) {
    await finishAbandoned(deps, request, visit, upload);
  } else if (await deps.uploads.files.stat(keyOfUpload(request, upload))) {
    await settle(deps, request, visit, upload, 'stored');
  } else {
    await settle(deps, request, visit, upload, 'withdrawn');
  }
  const after = await deps.requests.getUpload(request.id, visit.visitId, upload.uploadId);
  return { state: after?.state ?? 'aborted' };
}

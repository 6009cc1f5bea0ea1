import * as z from 'zod/mini';
import { AppError } from '../../errors.js';
import { newShareId, shareIdSchema } from '../ids.js';
import type { AccessEvent, RequestRepository } from '../ports.js';
import { checkLinkPassword, type PasswordCheckDeps } from '../recipient/attempts.js';
import { deviceIdSchema, type Recipient } from '../recipient/access.js';
import { emailSchema } from '../settings/settings.js';
import type { TenantSettings } from '../settings/policy.js';
import { clientHash, issueToken, readToken } from '../tokens.js';
import { uploaderNameSchema } from './names.js';
import { assertRequestOpen, publicRequestView, requestNotFound, type FileRequest, type RequestVisit } from './request.js';

/**
 * An uploader's visit to a file request: what anyone may see before unlocking, the unlock
 * (name, optional email, the password under the brute-force rule shares have), and the token
 * check every later call makes. One unlock is one visit: its uploads are what this uploader sees.
 */

export interface RequestReadDeps {
  requests: RequestRepository;
  tenant: () => Promise<TenantSettings>;
  /** The largest single file the tenant takes. */
  maxFileBytes: number;
  nowMs: number;
}

/** Wrong-password counters and the lock alert's outbox: the shares' own rule (`recipient/attempts.ts`). */
export interface RequestPublicDeps extends RequestReadDeps, PasswordCheckDeps {
  signingKey: Buffer;
}

export const requestParamsSchema = z.strictObject({ id: z.string() });

export const requestAccessSchema = z.strictObject({
  password: z.optional(z.string().check(z.maxLength(256))),
  name: uploaderNameSchema,
  email: z.optional(z.nullable(emailSchema)),
  deviceId: deviceIdSchema,
});

/** A malformed id is simply a request that does not exist. */
export function requestIdOrNotFound(id: string): string {
  if (!shareIdSchema.safeParse(id).success) throw requestNotFound();
  return id;
}

/** Records an access event of a request; the access log must never break access itself. */
export async function recordRequestEvent(
  deps: Pick<RequestPublicDeps, 'requests' | 'signingKey' | 'nowMs'>,
  request: FileRequest,
  who: Recipient,
  kind: AccessEvent['kind'],
  details: Pick<AccessEvent, 'file' | 'size' | 'uploader'> = {},
) {
  await deps.requests
    .addEvent(
      request.id,
      {
        kind,
        at: new Date(deps.nowMs).toISOString(),
        client: clientHash(deps.signingKey, who.sourceIp),
        userAgent: who.userAgent.slice(0, 256),
        ...details,
      },
      request.expiresAt,
    )
    .catch(() => undefined);
}

/** Records the refusal in the request's access log, then refuses. */
export async function denyRequest(
  deps: Pick<RequestPublicDeps, 'requests' | 'signingKey' | 'nowMs'>,
  request: FileRequest,
  who: Recipient,
  error: AppError,
  details: Pick<AccessEvent, 'file' | 'uploader'> = {},
): Promise<never> {
  await recordRequestEvent(deps, request, who, `denied:${error.code}`, details);
  throw error;
}

/** The request if it takes files now; a closed, expired or switched-off one is refused (and logged). */
export async function openRequest(deps: RequestPublicDeps, id: string, who: Recipient): Promise<FileRequest> {
  const [found, policy] = await Promise.all([deps.requests.get(id), deps.tenant()]);
  try {
    return assertRequestOpen(found, deps.nowMs, policy.fileRequestsEnabled);
  } catch (error) {
    if (found && error instanceof AppError) return denyRequest(deps, found, who, error);
    throw error;
  }
}

export async function describeRequest(deps: RequestReadDeps, id: string) {
  const [request, policy] = await Promise.all([deps.requests.get(id), deps.tenant()]);
  return publicRequestView(assertRequestOpen(request, deps.nowMs, policy.fileRequestsEnabled), deps.maxFileBytes);
}

/** Unlock: the password (rate limited as shares are), then a visit and its short-lived token. */
export async function unlockRequest(deps: RequestPublicDeps, id: string, input: z.output<typeof requestAccessSchema>, who: Recipient) {
  const request = await openRequest(deps, id, who);
  const client = clientHash(deps.signingKey, who.sourceIp);
  if (request.passwordHash !== null) {
    const refusal = await checkLinkPassword(
      deps,
      {
        id: request.id,
        client,
        lockAlert: (locked) => ({ kind: 'link-locked', requestId: request.id, failures: locked.failures, lockedUntil: locked.lockedUntil }),
      },
      input.password,
      request.passwordHash,
    );
    if (refusal) return denyRequest(deps, request, who, refusal, { uploader: input.name });
  }
  const visitId = newShareId();
  const grant = issueToken(deps.signingKey, { sid: request.id, dev: visitId, pv: request.passwordVersion, av: 0 }, deps.nowMs);
  await deps.requests.createVisit(
    {
      requestId: request.id,
      visitId,
      uploader: input.name,
      email: input.email ?? null,
      client,
      userAgent: who.userAgent.slice(0, 256),
      createdAt: new Date(deps.nowMs).toISOString(),
      expiresAt: new Date(deps.nowMs + grant.expiresIn * 1000).toISOString(),
      pending: 0,
      files: 0,
      bytes: 0,
      emailedFiles: 0,
    },
    request.expiresAt,
  );
  await recordRequestEvent(deps, request, who, 'unlock', { uploader: input.name });
  return grant;
}

const invalidToken = () => new AppError('INVALID_TOKEN', 'Your access has expired. Enter your name and the password again.');

/**
 * The bearer token's request and visit. Every call re-reads the request; with `open`, a closed
 * or expired one is refused (uploads), without it the caller decides (completing or
 * cancelling an upload must still tidy up after the request closed).
 */
export async function authorizeVisit(
  deps: RequestPublicDeps,
  id: string,
  authorization: string | undefined,
  who: Recipient,
  options: { open: boolean },
): Promise<{ request: FileRequest; visit: RequestVisit }> {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
  const claims = token ? readToken(deps.signingKey, token, deps.nowMs) : undefined;
  if (!claims || claims.sid !== id) throw invalidToken();
  // The visit is read alongside the request: one round trip, not two, on every upload call.
  const [request, visit] = await Promise.all([
    options.open ? openRequest(deps, id, who) : deps.requests.get(id),
    deps.requests.getVisit(id, claims.dev),
  ]);
  if (!request) throw requestNotFound();
  if (claims.pv !== request.passwordVersion || !visit) throw invalidToken();
  return { request, visit };
}

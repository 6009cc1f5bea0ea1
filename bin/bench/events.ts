/**
 * API Gateway HTTP API (payload 2.0) events for each route's first invocation in a fresh
 * process: realistic requests against the local runtime's data (the bench fixtures), shaped
 * as bin/local/gateway.ts and the JWT authorizer shape them. Each event is safe to repeat.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Route } from '../../functions/routes.js';
import type { Claims } from './api.js';
import { SHARE_PASSWORD, type Fixtures } from './fixtures.js';

/** Replaced in an event by a new random id for each invocation (e.g. a new folder's name). */
export const UNIQUE_PLACEHOLDER = '__BENCH_UNIQUE__';

/** A fresh copy of an event, as Lambda gives each invocation its own (middy replaces the body with the parsed JSON). */
export function freshEvent(event: unknown, replacements: Record<string, string> = {}): unknown {
  let text = JSON.stringify(event).replaceAll(UNIQUE_PLACEHOLDER, crypto.randomUUID());
  for (const [placeholder, value] of Object.entries(replacements)) text = text.replaceAll(placeholder, value);
  return JSON.parse(text) as unknown;
}

export interface ProbeEvent {
  event: APIGatewayProxyEventV2WithJWTAuthorizer;
  /** What the invocation does, for the report. */
  description: string;
  /** False: no realistic request is known for this route, so a refused one exercises its cold path. */
  realistic: boolean;
}

interface Request {
  rawPath: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  bearer?: string;
  claims?: Claims;
}

export function httpEvent(route: Pick<Route, 'method' | 'path'>, request: Request): APIGatewayProxyEventV2WithJWTAuthorizer {
  const now = new Date();
  const headers: Record<string, string> = { host: '127.0.0.1', 'user-agent': 'sharelink-bench', accept: 'application/json' };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.bearer) headers.authorization = `Bearer ${request.bearer}`;
  const rawQueryString = new URLSearchParams(request.query ?? {}).toString();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: request.rawPath,
    rawQueryString,
    headers,
    ...(request.query ? { queryStringParameters: request.query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: { method: route.method, path: request.rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'sharelink-bench' },
      requestId: crypto.randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(request.claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: request.claims, scopes: null } } } : {}),
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** The realistic request for each known handler; `null` when the route is unknown to the bench. */
function requestFor(handler: string, f: Fixtures): { request: Request; description: string } | null {
  const owner = f.demo.claims;
  const id = f.share.id;
  const publicShare = (suffix: string) => ({ rawPath: `/api/public/shares/${id}${suffix}`, pathParameters: { id } });
  switch (handler) {
    case 'me':
      return { request: { rawPath: '/api/me', claims: owner }, description: 'profile + tenant policy' };
    case 'me-settings-get':
      return { request: { rawPath: '/api/me/settings', claims: owner }, description: 'read own settings' };
    case 'me-settings-put':
      return {
        request: { rawPath: '/api/me/settings', claims: owner, body: { notificationSender: null } },
        description: 'write own settings',
      };
    case 'files-list':
      return { request: { rawPath: '/api/files', claims: owner, query: { prefix: 'bench/' } }, description: 'list a folder (S3)' };
    case 'uploads-create':
      return {
        request: {
          rawPath: '/api/files/uploads',
          claims: owner,
          body: { path: 'bench/upload.bin', size: 1024, contentType: 'application/octet-stream' },
        },
        description: 'presign a PUT',
      };
    case 'files-delete':
      return {
        request: { rawPath: '/api/files', claims: owner, body: { paths: [`bench/scratch-${UNIQUE_PLACEHOLDER}.txt`] } },
        description: 'delete a file already gone (HEAD only)',
      };
    case 'folders-create':
      return {
        request: { rawPath: '/api/folders', claims: owner, body: { path: `bench/folder-${UNIQUE_PLACEHOLDER}` } },
        description: 'create a folder',
      };
    case 'uploads-parts':
      return {
        request: { rawPath: '/api/files/uploads/parts', claims: owner, body: { ...f.multipart, partNumbers: [1, 2] } },
        description: 'presign 2 part URLs of a multipart upload',
      };
    case 'uploads-complete':
      return {
        request: {
          rawPath: '/api/files/uploads/complete',
          claims: owner,
          body: { ...f.multipart, parts: [{ partNumber: 1, etag: 'bench' }] },
        },
        description: 'complete a multipart upload (refused: parts missing)',
      };
    case 'uploads-abort':
      return {
        request: { rawPath: '/api/files/uploads/abort', claims: owner, body: f.multipart },
        description: 'abort a multipart upload',
      };
    case 'shares-create':
      return {
        request: {
          rawPath: '/api/shares',
          claims: owner,
          body: { items: [{ path: 'bench/report.pdf' }], password: { mode: 'custom', value: SHARE_PASSWORD }, expiry: { days: 1 } },
        },
        description: 'create a share (HEAD + scrypt + put)',
      };
    case 'shares-list':
      return { request: { rawPath: '/api/shares', claims: owner, query: { status: 'all' } }, description: 'first page of links' };
    case 'shares-cancel':
      return { request: { rawPath: '/api/shares/cancel', claims: owner, body: { ids: [f.spareShareId] } }, description: 'cancel one link' };
    case 'shares-get':
      return { request: { rawPath: `/api/shares/${id}`, pathParameters: { id }, claims: owner }, description: 'one link' };
    case 'shares-update':
      return {
        request: { rawPath: `/api/shares/${id}`, pathParameters: { id }, claims: owner, body: { allowDownload: true } },
        description: 'edit a link',
      };
    case 'shares-events':
      return { request: { rawPath: `/api/shares/${id}/events`, pathParameters: { id }, claims: owner }, description: 'access log page' };
    case 'shares-delete':
      return {
        request: { rawPath: `/api/shares/${f.spareShareId}`, pathParameters: { id: f.spareShareId }, claims: owner },
        description: 'cancel a link (idempotent)',
      };
    case 'admin-settings-get':
      return { request: { rawPath: '/api/admin/settings', claims: f.admin.claims }, description: 'read tenant policy' };
    case 'admin-settings-put':
      return {
        request: {
          rawPath: '/api/admin/settings',
          claims: f.admin.claims,
          // The defaults: the policy the other parts run under does not change.
          body: {
            adminNotificationSender: null,
            deviceBindingEnabled: false,
            requirePassword: false,
            defaultExpiryDays: 7,
            maxExpiryDays: null,
          },
        },
        description: 'write tenant policy',
      };
    case 'public-share-get':
      return { request: publicShare(''), description: 'link info' };
    case 'public-share-access':
      return {
        request: { ...publicShare('/access'), body: { password: SHARE_PASSWORD, deviceId: f.share.deviceId } },
        description: 'unlock (scrypt + 4 writes)',
      };
    case 'public-share-files':
      return { request: { ...publicShare('/files'), query: { path: '' }, bearer: f.share.token }, description: "list the share's root" };
    case 'public-share-download':
      return {
        request: { ...publicShare('/downloads'), body: { fileId: f.share.reportFileId }, bearer: f.share.token },
        description: 'download URL',
      };
    case 'public-share-preview':
      return {
        request: { ...publicShare('/previews'), body: { fileId: f.share.notesFileId }, bearer: f.share.token },
        description: 'preview URL',
      };
    default:
      return null;
  }
}

/** A request the route refuses after parsing (bad body/params): it still loads and runs the handler's code path up to validation. */
function refusedRequest(route: Route, f: Fixtures): Request {
  const pathParameters: Record<string, string> = {};
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, name: string) => (pathParameters[name] = f.share.id));
  return {
    rawPath,
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(route.auth === 'public' ? {} : { claims: route.auth === 'admin' ? f.admin.claims : f.demo.claims }),
    ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: { benchUnknownField: true } }),
  };
}

export function probeEventFor(route: Route, f: Fixtures): ProbeEvent {
  const known = requestFor(route.handler, f);
  if (known) return { event: httpEvent(route, known.request), description: known.description, realistic: true };
  return {
    event: httpEvent(route, refusedRequest(route, f)),
    description: 'no realistic request known to the bench: a refused one',
    realistic: false,
  };
}

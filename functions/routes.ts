/**
 * The one route table. Each entry names its method and path, the function group that serves
 * it, its handler file (`functions/<group>/<handler>.ts`), who may call it, and the AWS access
 * the handler needs. Everything else is derived from it: `infra/` builds one API Gateway route
 * per entry, one Lambda function per group (entry `functions/<group>/lambda.ts`) whose role is
 * the union of its routes' access, and that function's environment; the local runtime serves
 * the same entries from the same groups; handlers take their `auth` from their entry.
 */
import type { EnvironmentNeeds } from './lib/contract/environment.js';

export type Auth = 'public' | 'owner' | 'admin';

/**
 * The Lambda functions that serve HTTP routes, grouped by what they touch: every public
 * recipient route in one function (one cold start per visit), the owner's files, the owner's
 * links, and settings (own and tenant).
 */
export const groups = ['recipient', 'files', 'links', 'settings'] as const;
export type Group = (typeof groups)[number];

/** DynamoDB actions a route performs (transactions are authorised per contained action). */
export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem' | 'ConditionCheckItem';

export interface Access {
  /** The DynamoDB actions this route uses on the table (and its owner index). */
  table?: readonly TableAction[];
  /**
   * Files bucket, on owners' files (`users/*`; prefixes are enforced in code): `read` objects,
   * `upload` new ones (single and multipart), or `delete` them. Listing under `users/` comes with each.
   */
  files?: 'read' | 'upload' | 'delete';
  /** HMAC key for access tokens and sealed values (Secrets Manager when deployed). */
  signingKey?: true;
  /** Checks or uses sender addresses, so it is told the deployment's SES identity (`SENDER_IDENTITY`). */
  sender?: true;
  /**
   * Rendered previews under `previews/*` of the files bucket (never originals): `read` looks a
   * render up (HEAD) and presigns it; `write` stores one (the renderer function only).
   */
  previews?: 'read' | 'write';
  /** Invokes the preview renderer function (secure view), and nothing else of Lambda. */
  renderer?: true;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: `{id}` is a path parameter. */
  path: string;
  group: Group;
  handler: string;
  auth: Auth;
  access: Access;
}

const read = ['GetItem'] as const;

export const routes = [
  { method: 'GET', path: '/api/me', group: 'settings', handler: 'me', auth: 'owner', access: { table: read, sender: true } },
  { method: 'GET', path: '/api/me/settings', group: 'settings', handler: 'me-settings-get', auth: 'owner', access: { table: read } },
  // Saving the verified sign-in address as sender records that proof (UpdateItem).
  {
    method: 'PUT',
    path: '/api/me/settings',
    group: 'settings',
    handler: 'me-settings-put',
    auth: 'owner',
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'], sender: true },
  },
  // A code to a new sender address: counted (UpdateItem), stored hashed, and queued for the notify
  // function sealed with the signing key (PutItem of an outbox item).
  {
    method: 'POST',
    path: '/api/me/sender-verification',
    group: 'settings',
    handler: 'sender-verification-start',
    auth: 'owner',
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'], signingKey: true, sender: true },
  },
  {
    method: 'POST',
    path: '/api/me/sender-verification/confirm',
    group: 'settings',
    handler: 'sender-verification-confirm',
    auth: 'owner',
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'], signingKey: true, sender: true },
  },
  { method: 'GET', path: '/api/admin/settings', group: 'settings', handler: 'admin-settings-get', auth: 'admin', access: { table: read } },
  {
    method: 'PUT',
    path: '/api/admin/settings',
    group: 'settings',
    handler: 'admin-settings-put',
    auth: 'admin',
    // Reads the current settings: fields left out of the body stay as they are.
    access: { table: ['GetItem', 'PutItem'], sender: true },
  },

  { method: 'GET', path: '/api/files', group: 'files', handler: 'files-list', auth: 'owner', access: { files: 'read' } },
  { method: 'DELETE', path: '/api/files', group: 'files', handler: 'files-delete', auth: 'owner', access: { files: 'delete' } },
  { method: 'POST', path: '/api/folders', group: 'files', handler: 'folders-create', auth: 'owner', access: { files: 'upload' } },
  // Upload routes read the signing key: it seals multipart upload ids to their owner and path.
  {
    method: 'POST',
    path: '/api/files/uploads',
    group: 'files',
    handler: 'uploads-create',
    auth: 'owner',
    access: { files: 'upload', signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/files/uploads/parts',
    group: 'files',
    handler: 'uploads-parts',
    auth: 'owner',
    access: { files: 'upload', signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/files/uploads/complete',
    group: 'files',
    handler: 'uploads-complete',
    auth: 'owner',
    access: { files: 'upload', signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/files/uploads/abort',
    group: 'files',
    handler: 'uploads-abort',
    auth: 'owner',
    access: { files: 'upload', signingKey: true },
  },

  // Creating reads the signing key only to seal a password the owner asked to email (notifications).
  {
    method: 'POST',
    path: '/api/shares',
    group: 'links',
    handler: 'shares-create',
    auth: 'owner',
    // UpdateItem counts partner emails against the owner's daily cap.
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'], files: 'read', signingKey: true, sender: true },
  },
  { method: 'GET', path: '/api/shares', group: 'links', handler: 'shares-list', auth: 'owner', access: { table: ['Query'] } },
  {
    method: 'POST',
    path: '/api/shares/cancel',
    group: 'links',
    handler: 'shares-cancel',
    auth: 'owner',
    access: { table: ['GetItem', 'UpdateItem'] },
  },
  { method: 'GET', path: '/api/shares/{id}', group: 'links', handler: 'shares-get', auth: 'owner', access: { table: read } },
  {
    method: 'PATCH',
    path: '/api/shares/{id}',
    group: 'links',
    handler: 'shares-update',
    auth: 'owner',
    // Partner edits count invitations against the owner's daily cap (UpdateItem) and queue them (PutItem of an outbox item).
    access: { table: ['GetItem', 'UpdateItem', 'PutItem'], sender: true },
  },
  {
    method: 'GET',
    path: '/api/shares/{id}/events',
    group: 'links',
    handler: 'shares-events',
    auth: 'owner',
    access: { table: ['GetItem', 'Query'] },
  },
  {
    method: 'DELETE',
    path: '/api/shares/{id}',
    group: 'links',
    handler: 'shares-delete',
    auth: 'owner',
    access: { table: ['GetItem', 'UpdateItem'] },
  },

  // File requests are listed with the owner's links. Creating reads the tenant policy; reading one lists
  // its visits and uploads (what arrived, by uploader).
  {
    method: 'POST',
    path: '/api/requests',
    group: 'links',
    handler: 'requests-create',
    auth: 'owner',
    access: { table: ['GetItem', 'PutItem'] },
  },
  { method: 'GET', path: '/api/requests', group: 'links', handler: 'requests-list', auth: 'owner', access: { table: ['Query'] } },
  {
    method: 'GET',
    path: '/api/requests/{id}',
    group: 'links',
    handler: 'requests-get',
    auth: 'owner',
    access: { table: ['GetItem', 'Query'] },
  },
  {
    method: 'PATCH',
    path: '/api/requests/{id}',
    group: 'links',
    handler: 'requests-update',
    auth: 'owner',
    access: { table: ['GetItem', 'UpdateItem'] },
  },
  {
    method: 'DELETE',
    path: '/api/requests/{id}',
    group: 'links',
    handler: 'requests-delete',
    auth: 'owner',
    access: { table: ['GetItem', 'UpdateItem'] },
  },
  {
    method: 'GET',
    path: '/api/requests/{id}/events',
    group: 'links',
    handler: 'requests-events',
    auth: 'owner',
    access: { table: ['GetItem', 'Query'] },
  },

  // Recipient routes write access events (PutItem), also when they refuse.
  {
    method: 'GET',
    path: '/api/public/shares/{id}',
    group: 'recipient',
    handler: 'public-share-get',
    auth: 'public',
    // With ?deviceId= a link bound elsewhere refuses at once, and logs the refusal (client hash: the signing key).
    access: { table: ['GetItem', 'PutItem'], signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/public/shares/{id}/access',
    group: 'recipient',
    handler: 'public-share-access',
    auth: 'public',
    access: { table: ['GetItem', 'UpdateItem', 'PutItem'], signingKey: true },
  },
  // A verified partner's email code: counted (UpdateItem), stored hashed and queued for the notify
  // function sealed with the signing key (PutItem of the code and of an outbox item).
  {
    method: 'POST',
    path: '/api/public/shares/{id}/codes',
    group: 'recipient',
    handler: 'public-share-codes',
    auth: 'public',
    access: { table: ['GetItem', 'UpdateItem', 'PutItem'], signingKey: true },
  },
  {
    method: 'GET',
    path: '/api/public/shares/{id}/files',
    group: 'recipient',
    handler: 'public-share-files',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem'], files: 'read', signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/public/shares/{id}/downloads',
    group: 'recipient',
    handler: 'public-share-download',
    auth: 'public',
    access: { table: ['GetItem', 'UpdateItem', 'PutItem'], files: 'read', signingKey: true },
  },
  // Secure view: a render is looked up under previews/ and made by the renderer function when missing.
  {
    method: 'POST',
    path: '/api/public/shares/{id}/previews',
    group: 'recipient',
    handler: 'public-share-preview',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem'], files: 'read', previews: 'read', renderer: true, signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/public/shares/{id}/thumbnails',
    group: 'recipient',
    handler: 'public-share-thumbnail',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem'], files: 'read', previews: 'read', renderer: true, signingKey: true },
  },
  // A zip is one download: counted and stored in one transaction (UpdateItem + PutItem), then paged.
  {
    method: 'POST',
    path: '/api/public/shares/{id}/transfers',
    group: 'recipient',
    handler: 'public-share-transfer',
    auth: 'public',
    access: { table: ['GetItem', 'UpdateItem', 'PutItem'], files: 'read', signingKey: true },
  },
  {
    method: 'GET',
    path: '/api/public/shares/{id}/transfers/{transferId}/files',
    group: 'recipient',
    handler: 'public-share-transfer-files',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem'], files: 'read', signingKey: true },
  },

  // File requests, uploader side. Uploads write only below the request's folder (enforced in code; the
  // files grant cannot name a key chosen at run time): PutObject and AbortMultipartUpload, never DeleteObject.
  // Reservations and settles are transactions of UpdateItem and PutItem; the quota check tidies stale
  // uploads (Query). Counters and name locks are conditional UpdateItems; nothing here deletes an item.
  {
    method: 'GET',
    path: '/api/public/requests/{id}',
    group: 'recipient',
    handler: 'public-request-get',
    auth: 'public',
    access: { table: read },
  },
  {
    method: 'POST',
    path: '/api/public/requests/{id}/access',
    group: 'recipient',
    handler: 'public-request-access',
    auth: 'public',
    access: { table: ['GetItem', 'UpdateItem', 'PutItem'], signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/public/requests/{id}/uploads',
    group: 'recipient',
    handler: 'public-request-uploads',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem', 'Query', 'UpdateItem'], files: 'upload', signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/public/requests/{id}/uploads/parts',
    group: 'recipient',
    handler: 'public-request-uploads-parts',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem'], files: 'upload', signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/public/requests/{id}/uploads/complete',
    group: 'recipient',
    handler: 'public-request-uploads-complete',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'], files: 'upload', signingKey: true },
  },
  {
    method: 'POST',
    path: '/api/public/requests/{id}/uploads/abort',
    group: 'recipient',
    handler: 'public-request-uploads-abort',
    auth: 'public',
    access: { table: ['GetItem', 'PutItem', 'UpdateItem'], files: 'upload', signingKey: true },
  },
] as const satisfies readonly Route[];

export type RouteEntry = (typeof routes)[number];
export type HandlerName = RouteEntry['handler'];
export type HandlersOf<G extends Group> = Extract<RouteEntry, { group: G }>['handler'];
export type RouteOf<N extends HandlerName> = Extract<RouteEntry, { handler: N }>;

/** `POST /api/shares` — API Gateway's route key, which a group's function dispatches on. */
export const routeKeyOf = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function routeNamed<N extends HandlerName>(name: N): RouteOf<N> {
  const route = routes.find((entry) => entry.handler === name);
  if (!route) throw new Error(`No route named ${name} in functions/routes.ts`);
  return route as RouteOf<N>;
}

export const routesOf = (group: Group): readonly Route[] => routes.filter((route) => route.group === group);

/**
 * What a group's function may do: the union of its routes' access. `infra/` grants exactly
 * this and the local runtime gives the function the matching environment.
 */
export interface GroupAccess {
  table: TableAction[];
  files: NonNullable<Access['files']>[];
  signingKey: boolean;
  /** Public routes find the viewer's address behind CloudFront with the origin secret. */
  originSecret: boolean;
  sender: boolean;
  /** Optional so callers outside the route table (stream consumers) need not name them. */
  previews?: NonNullable<Access['previews']>[];
  renderer?: boolean;
}

/** The environment a group's function needs (`contract/environment.ts`). */
export function environmentNeedsOf(access: GroupAccess): EnvironmentNeeds {
  return {
    table: access.table.length > 0,
    files: access.files.length > 0 || (access.previews ?? []).length > 0,
    upload: access.files.includes('upload'),
    signingKey: access.signingKey,
    originSecret: access.originSecret,
    email: false,
    senderIdentity: access.sender,
    renderer: access.renderer === true,
  };
}

export function groupAccess(group: Group): GroupAccess {
  const members = routesOf(group);
  const union = <T>(values: (T | undefined)[]) => [...new Set(values.filter((value): value is T => value !== undefined))];
  return {
    table: union(members.flatMap((route) => route.access.table ?? [])).sort(),
    files: union(members.map((route) => route.access.files)).sort(),
    signingKey: members.some((route) => route.access.signingKey === true),
    originSecret: members.some((route) => route.auth === 'public'),
    sender: members.some((route) => route.access.sender === true),
    previews: union(members.map((route) => route.access.previews)).sort(),
    renderer: members.some((route) => route.access.renderer === true),
  };
}

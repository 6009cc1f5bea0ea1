/**
 * The one route table. `infra/` builds an API Gateway route and a NodejsFunction per
 * entry; the local runtime (`bin/local.ts`) serves the same entries. Each entry names
 * its handler file (`functions/<handler>.ts`, exporting `handler`), who may call it, and
 * the AWS access the handler needs, so its IAM grants are stated once, here.
 */
export type Auth = 'public' | 'owner' | 'admin';

export interface Access {
  /** DynamoDB table: read only or read/write. */
  table?: 'read' | 'readwrite';
  /**
   * Files bucket (owner prefixes are enforced in code): `read` objects, `upload` new ones
   * (single and multipart), or `delete` them. Listing comes with each.
   */
  files?: 'read' | 'upload' | 'delete';
  /** HMAC key for recipient access tokens (Secrets Manager when deployed). */
  signingKey?: true;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: `{id}` is a path parameter. */
  path: string;
  handler: string;
  auth: Auth;
  access: Access;
}

export const routes = [
  { method: 'GET', path: '/api/me', handler: 'me', auth: 'owner', access: { table: 'read' } },
  { method: 'GET', path: '/api/me/settings', handler: 'me-settings-get', auth: 'owner', access: { table: 'read' } },
  { method: 'PUT', path: '/api/me/settings', handler: 'me-settings-put', auth: 'owner', access: { table: 'readwrite' } },
  { method: 'GET', path: '/api/files', handler: 'files-list', auth: 'owner', access: { files: 'read' } },
  { method: 'DELETE', path: '/api/files', handler: 'files-delete', auth: 'owner', access: { files: 'delete' } },
  { method: 'POST', path: '/api/folders', handler: 'folders-create', auth: 'owner', access: { files: 'upload' } },
  // Upload routes read the signing key: it seals multipart upload ids to their owner and path.
  { method: 'POST', path: '/api/files/uploads', handler: 'uploads-create', auth: 'owner', access: { files: 'upload', signingKey: true } },
  { method: 'POST', path: '/api/files/uploads/parts', handler: 'uploads-parts', auth: 'owner', access: { files: 'upload', signingKey: true } },
  { method: 'POST', path: '/api/files/uploads/complete', handler: 'uploads-complete', auth: 'owner', access: { files: 'upload', signingKey: true } },
  { method: 'POST', path: '/api/files/uploads/abort', handler: 'uploads-abort', auth: 'owner', access: { files: 'upload', signingKey: true } },
  // Creating reads the signing key only to seal a password the owner asked to email (notifications).
  { method: 'POST', path: '/api/shares', handler: 'shares-create', auth: 'owner', access: { table: 'readwrite', files: 'read', signingKey: true } },
  { method: 'GET', path: '/api/shares', handler: 'shares-list', auth: 'owner', access: { table: 'read' } },
  { method: 'POST', path: '/api/shares/cancel', handler: 'shares-cancel', auth: 'owner', access: { table: 'readwrite' } },
  { method: 'GET', path: '/api/shares/{id}', handler: 'shares-get', auth: 'owner', access: { table: 'read' } },
  { method: 'PATCH', path: '/api/shares/{id}', handler: 'shares-update', auth: 'owner', access: { table: 'readwrite' } },
  { method: 'GET', path: '/api/shares/{id}/events', handler: 'shares-events', auth: 'owner', access: { table: 'read' } },
  { method: 'DELETE', path: '/api/shares/{id}', handler: 'shares-delete', auth: 'owner', access: { table: 'readwrite' } },
  { method: 'GET', path: '/api/admin/settings', handler: 'admin-settings-get', auth: 'admin', access: { table: 'read' } },
  { method: 'PUT', path: '/api/admin/settings', handler: 'admin-settings-put', auth: 'admin', access: { table: 'readwrite' } },
  { method: 'GET', path: '/api/public/shares/{id}', handler: 'public-share-get', auth: 'public', access: { table: 'read' } },
  { method: 'POST', path: '/api/public/shares/{id}/access', handler: 'public-share-access', auth: 'public', access: { table: 'readwrite', signingKey: true } },
  { method: 'GET', path: '/api/public/shares/{id}/files', handler: 'public-share-files', auth: 'public', access: { table: 'read', files: 'read', signingKey: true } },
  { method: 'POST', path: '/api/public/shares/{id}/downloads', handler: 'public-share-download', auth: 'public', access: { table: 'readwrite', files: 'read', signingKey: true } },
  { method: 'POST', path: '/api/public/shares/{id}/previews', handler: 'public-share-preview', auth: 'public', access: { table: 'readwrite', files: 'read', signingKey: true } },
] as const satisfies readonly Route[];

export type RouteEntry = (typeof routes)[number];

/**
 * File requests over HTTP as the uploader page uses them: create (owner), unlock (uploader),
 * and an upload through the request's presigned URLs (single PUT, or parts several at a time).
 */
import { expect } from 'vitest';
import { call, deviceId } from './client.js';

export interface CreatedRequest {
  id: string;
  url: string;
  password?: string;
  folder: string;
}

export async function createRequest(token: string, body: Record<string, unknown>): Promise<CreatedRequest> {
  const reply = await call('POST', '/api/requests', { token, body: { title: 'Please send your files', ...body } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as CreatedRequest;
}

export const publicPath = (id: string, rest = '') => `/api/public/requests/${id}${rest}`;

/** Unlocks as `name` and returns the bearer token of the visit. */
export async function unlockAs(request: CreatedRequest, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = await call('POST', publicPath(request.id, '/access'), {
    body: { name, deviceId: deviceId(), ...(request.password ? { password: request.password } : {}), ...extra },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.token as string;
}

/** PUTs bytes to a presigned URL and returns the ETag. */
async function put(url: string, bytes: Uint8Array, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { method: 'PUT', headers, body: Buffer.from(bytes) });
  if (!response.ok) throw new Error(`PUT answered ${response.status}: ${await response.text()}`);
  return response.headers.get('etag') ?? '';
}

/**
 * Sends `bytes` as `name` through the request: starts the upload, PUTs the single file or its
 * parts (`inFlight` at a time), completes it. Returns the stored name.
 */
export async function sendFile(
  request: CreatedRequest,
  token: string,
  name: string,
  bytes: Uint8Array,
  options: { inFlight?: number; contentType?: string } = {},
): Promise<{ name: string; uploadId: string }> {
  const contentType = options.contentType ?? 'application/octet-stream';
  const started = await call('POST', publicPath(request.id, '/uploads'), { token, body: { name, size: bytes.byteLength, contentType } });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const target = started.body as
    | { method: 'PUT'; url: string; headers: Record<string, string>; uploadId: string; name: string }
    | { uploadId: string; partSize: number; parts: { partNumber: number; url: string }[]; name: string };
  let parts: { partNumber: number; etag: string }[] | undefined;
  if ('url' in target) {
    await put(target.url, bytes, target.headers);
  } else {
    const queue = [...target.parts];
    parts = [];
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const start = (part.partNumber - 1) * target.partSize;
        parts!.push({ partNumber: part.partNumber, etag: await put(part.url, bytes.subarray(start, start + target.partSize)) });
      }
    };
    await Promise.all(Array.from({ length: options.inFlight ?? 4 }, worker));
  }
  const completed = await call('POST', publicPath(request.id, '/uploads/complete'), { token, body: { uploadId: target.uploadId, parts } });
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return { name: target.name, uploadId: target.uploadId };
}

/** The bytes of an owner's file, read back through a share link of it (the way anyone could read it). */
export async function ownerFileBytes(ownerToken: string, path: string): Promise<Buffer> {
  const share = await call('POST', '/api/shares', { token: ownerToken, body: { items: [{ path }], password: { mode: 'none' } } });
  expect(share.status, JSON.stringify(share.body)).toBe(201);
  const access = await call('POST', `/api/public/shares/${share.body.id}/access`, { body: { deviceId: deviceId() } });
  const listing = await call('GET', `/api/public/shares/${share.body.id}/files`, { token: access.body.token });
  const download = await call('POST', `/api/public/shares/${share.body.id}/downloads`, {
    token: access.body.token,
    body: { fileId: listing.body.entries[0].fileId },
  });
  const response = await fetch(download.body.url);
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** The names of the files in one of the owner's folders. */
export async function filesIn(ownerToken: string, prefix: string): Promise<{ name: string; size: number }[]> {
  const listing = await call('GET', `/api/files?prefix=${encodeURIComponent(prefix)}`, { token: ownerToken });
  expect(listing.status).toBe(200);
  return (listing.body.files as { name: string; size: number }[]).map(({ name, size }) => ({ name, size }));
}

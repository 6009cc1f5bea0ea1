import { expect } from 'vitest';
import { call, deviceId } from './client.js';

/** Helpers of the files tests: multipart uploads as the browser does them, and recipient walks. */

export interface MultipartTarget {
  uploadId: string;
  partSize: number;
  parts: { partNumber: number; url: string }[];
}

/** PUTs each part to its presigned URL and returns the ETags, in part order. */
export async function putParts(target: MultipartTarget, bytes: Uint8Array): Promise<{ partNumber: number; etag: string }[]> {
  const done: { partNumber: number; etag: string }[] = [];
  for (const part of target.parts) {
    const start = (part.partNumber - 1) * target.partSize;
    const body = Buffer.from(bytes.subarray(start, Math.min(start + target.partSize, bytes.byteLength)));
    const put = await fetch(part.url, { method: 'PUT', body });
    if (!put.ok) throw new Error(`part ${part.partNumber}: ${put.status} ${await put.text()}`);
    done.push({ partNumber: part.partNumber, etag: put.headers.get('etag') ?? '' });
  }
  return done;
}

export async function startMultipart(token: string, path: string, size: number): Promise<MultipartTarget> {
  const start = await call('POST', '/api/files/uploads', { token, body: { path, size, contentType: 'application/octet-stream' } });
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  expect(start.body.uploadId).toEqual(expect.any(String));
  return start.body as MultipartTarget;
}

/** Creates a share with a custom password and returns a recipient token for it. */
export async function shareAndOpen(token: string, items: { path: string; alias?: string }[], allowDownload = true) {
  const created = await call('POST', '/api/shares', {
    token,
    body: { items, allowDownload, password: { mode: 'custom', value: 'files-pass' }, expiry: { days: 1 } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const access = await call('POST', `/api/public/shares/${created.body.id}/access`, {
    body: { password: 'files-pass', deviceId: deviceId() },
  });
  expect(access.status).toBe(200);
  return { id: created.body.id as string, token: access.body.token as string };
}

export interface Entry {
  fileId?: string;
  name: string;
  size: number | null;
  kind: 'file' | 'folder';
  path: string;
}

/** Every page of one recipient listing, following nextCursor; also returns the page count. */
export async function listAll(shareId: string, token: string, path: string): Promise<{ entries: Entry[]; pages: number }> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query = new URLSearchParams({ ...(path ? { path } : {}), ...(cursor ? { cursor } : {}) });
    const reply = await call('GET', `/api/public/shares/${shareId}/files?${query}`, { token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    entries.push(...reply.body.entries);
    cursor = reply.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { entries, pages };
}

export async function downloadBytes(shareId: string, token: string, fileId: string) {
  const reply = await call('POST', `/api/public/shares/${shareId}/downloads`, { token, body: { fileId } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const file = await fetch(reply.body.url);
  expect(file.status).toBe(200);
  return { bytes: Buffer.from(await file.arrayBuffer()), disposition: file.headers.get('content-disposition') ?? '' };
}

/** Runs `task` over `items`, `width` at a time. */
export async function inParallel<T>(items: T[], width: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

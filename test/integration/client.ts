import { inject } from 'vitest';
import { signIn as signInAt } from '../support/local-runtime.js';
import { checkAnswer } from '../support/openapi-validator.js';

/** A small HTTP client for the API under test (raw bodies and content types included, for the 400 cases). */
export const baseUrl = () => inject('baseUrl');

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  // Every answer must be one the OpenAPI document allows (docs/api.md links it).
  await checkAnswer(baseUrl(), method, path, response.status, body);
  return { status: response.status, body, headers: response.headers };
}

/** Signs in as the web app does (see test/support/local-runtime.ts) and returns the IdToken. */
export const signIn = (email: string, password: string): Promise<string> => signInAt(baseUrl(), email, password);

/** Uploads bytes to the owner's space through a presigned PUT, as the browser does. */
export async function upload(token: string, path: string, bytes: Uint8Array, contentType = 'application/octet-stream') {
  const start = await call('POST', '/api/files/uploads', { token, body: { path, size: bytes.byteLength, contentType } });
  if (start.status !== 200) throw new Error(`upload start failed: ${JSON.stringify(start.body)}`);
  const put = await fetch(start.body.url, { method: 'PUT', headers: start.body.headers, body: Buffer.from(bytes) });
  if (!put.ok) throw new Error(`PUT failed: ${put.status} ${await put.text()}`);
}

export function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
  return bytes;
}

export const uniquePath = (name: string) => `it-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/${name}`;

export const deviceId = () => crypto.randomUUID();

import { inject } from 'vitest';

/** A small HTTP client for the API under test, signing in exactly as the web app does. */
export const baseUrl = () => inject('baseUrl');

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export async function signIn(email: string, password: string): Promise<string> {
  const config = (await (await fetch(`${baseUrl()}/config.json`)).json()) as { cognitoEndpoint: string; userPoolClientId: string };
  const response = await fetch(config.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  });
  const json = (await response.json()) as { AuthenticationResult?: { IdToken: string } };
  if (!json.AuthenticationResult) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(json)}`);
  return json.AuthenticationResult.IdToken;
}

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

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    inboxUrl: string;
    demoEmail: string;
    adminEmail: string;
    demoPassword: string;
  }
}

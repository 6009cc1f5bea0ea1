/**
 * The benchmark's HTTP client for the local runtime: the API as the web app and recipients
 * call it, and sign-in as the web app does it (InitiateAuth against /config.json's endpoint).
 */

export interface Reply<T> {
  status: number;
  body: T;
}

export interface Api {
  baseUrl: string;
  call<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<Reply<T>>;
  /** Like call, but throws unless the status is 2xx. */
  ok<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<T>;
}

export interface SiteConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
}

export function apiClient(baseUrl: string): Api {
  const call = async <T>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { 'user-agent': 'sharelink-bench' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    baseUrl,
    call,
    async ok<T>(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
      const reply = await call<T>(method, path, options);
      if (reply.status < 200 || reply.status > 299)
        throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return reply.body;
    },
  };
}

export async function siteConfig(baseUrl: string): Promise<SiteConfig> {
  return (await (await fetch(`${baseUrl}/config.json`)).json()) as SiteConfig;
}

/** The Cognito IdToken for a user, by USER_PASSWORD_AUTH as the web app signs in. */
export async function signIn(config: SiteConfig, email: string, password: string): Promise<string> {
  const response = await fetch(config.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  });
  const json = (await response.json()) as { AuthenticationResult?: { IdToken: string } };
  if (!json.AuthenticationResult) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return json.AuthenticationResult.IdToken;
}

export type Claims = Record<string, string | string[]>;

/**
 * The claims API Gateway's JWT authorizer hands the Lambda for this token (scalars as
 * strings), as bin/local/jwt-authorizer.ts does after verifying it. The token comes
 * straight from cognito-local, so it is not verified again here.
 */
export function claimsOf(idToken: string): Claims {
  const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const claims: Claims = {};
  for (const [name, value] of Object.entries(payload)) {
    if (Array.isArray(value)) claims[name] = value.map(String);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') claims[name] = String(value);
  }
  return claims;
}

/** Puts bytes into the owner's space through a presigned PUT, as the browser does. */
export async function upload(api: Api, token: string, path: string, bytes: Uint8Array, contentType: string): Promise<void> {
  const start = await api.ok<{ url: string; headers: Record<string, string> }>('POST', '/api/files/uploads', {
    token,
    body: { path, size: bytes.byteLength, contentType },
  });
  const put = await fetch(start.url, { method: 'PUT', headers: start.headers, body: Buffer.from(bytes) });
  if (!put.ok) throw new Error(`PUT ${path} failed: ${put.status}`);
}

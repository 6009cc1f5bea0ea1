import { checkAnswer } from './openapi-validator.js';

/**
 * Talking to the local runtime from tests the way a browser does: config.json, sign-in by
 * a plain fetch to its cognitoEndpoint, and the API with the IdToken as a bearer token.
 */
export interface AppConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
}

export async function appConfig(baseUrl: string): Promise<AppConfig> {
  const response = await fetch(`${baseUrl}/config.json`);
  if (!response.ok) throw new Error(`GET /config.json answered ${response.status}`);
  return (await response.json()) as AppConfig;
}

/** Signs in with USER_PASSWORD_AUTH exactly as the web app does and returns the IdToken. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const config = await appConfig(baseUrl);
  const response = await fetch(config.cognitoEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { IdToken?: string }; __type?: string };
  const token = body.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`Sign-in as ${email} failed: ${response.status} ${body.__type ?? ''}`);
  return token;
}

export interface ApiReply<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: T;
}

/** A tiny fetch wrapper for `/api/*`: JSON in, JSON out, the bearer token when given. */
export function api(baseUrl: string, token?: string) {
  async function request<T = any>(method: string, path: string, body?: unknown): Promise<ApiReply<T>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    // Every answer must be one the OpenAPI document allows.
    await checkAnswer(baseUrl, method, path, response.status, parsed);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }
  return {
    get: <T = any>(path: string) => request<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => request<T>('POST', path, body),
    put: <T = any>(path: string, body?: unknown) => request<T>('PUT', path, body),
    patch: <T = any>(path: string, body?: unknown) => request<T>('PATCH', path, body),
    delete: <T = any>(path: string, body?: unknown) => request<T>('DELETE', path, body),
    request,
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    inboxUrl: string;
    demoEmail: string;
    /** The demo owner's display name (Cognito `name`), as recipients see the sharer. */
    demoName: string;
    adminEmail: string;
    demoPassword: string;
    /** DynamoDB Local of the e2e runtime, for tests that seed data behind the API. */
    dynamoEndpoint: string;
    tableName: string;
    /** The e2e runtime's data dir (read only). */
    e2eDataDir: string;
  }
}

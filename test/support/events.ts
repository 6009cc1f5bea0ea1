import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routeLambda, type HttpPlatform, type HttpRoute } from '../../functions/lib/http/handler.js';

/**
 * API Gateway HTTP API (payload format 2.0) events as the gateway delivers them to a
 * Lambda integration, so handler tests exercise the real event shape: lowercased
 * header names, `cookies` split out, the JWT authorizer's string-only claims
 * (`cognito:groups` arrives as "[admins]"), no `authorizer` on public routes.
 */

export type JwtClaims = Record<string, string | number | boolean | string[]>;

export interface EventOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Concrete path, e.g. `/api/shares/abc`. */
  path: string;
  /** Route template, e.g. `/api/shares/{id}`; defaults to `path`. */
  route?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  /** Serialised as JSON with `Content-Type: application/json` unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  /** null: send no content type at all. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Claims from the JWT authorizer; omit for a public route (no authorizer at all). */
  claims?: JwtClaims;
  sourceIp?: string;
  userAgent?: string;
}

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const API_ID = 'a1b2c3d4e5';
const DOMAIN = `${API_ID}.execute-api.eu-central-1.amazonaws.com`;

let requestCounter = 0;

/** Claims exactly as the HTTP API JWT authorizer passes a Cognito IdToken's claims: all strings. */
export function cognitoClaims(sub: string, email: string, groups: string[] = []): JwtClaims {
  const now = 1_790_000_000;
  return {
    sub,
    email,
    email_verified: 'true',
    iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example1',
    aud: '3n4b5urk1ft4fl3mg5e62d9ado',
    'cognito:username': sub,
    token_use: 'id',
    auth_time: String(now),
    iat: String(now),
    exp: String(now + 3600),
    event_id: '7f3c1e5a-0b1d-4f6e-9a3c-2d5e8f9a1b2c',
    origin_jti: '0c9b8a7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d',
    jti: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    ...(groups.length > 0 ? { 'cognito:groups': `[${groups.join(' ')}]` } : {}),
  };
}

export const ownerClaims = (sub = 'user-1111', email = 'owner@example.com') => cognitoClaims(sub, email);
export const adminClaims = (sub = 'admin-9999', email = 'admin@example.com') => cognitoClaims(sub, email, ['admins']);

export function httpEvent(options: EventOptions): APIGatewayProxyEventV2WithJWTAuthorizer {
  const route = options.route ?? options.path;
  const sourceIp = options.sourceIp ?? '203.0.113.7';
  const userAgent = options.userAgent ?? USER_AGENT;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const contentType = options.contentType === undefined ? (body === undefined ? undefined : 'application/json') : options.contentType;
  const query = options.query ?? {};
  const rawQueryString = new URLSearchParams(query).toString();
  const requestId = `Zx${String(++requestCounter).padStart(4, '0')}jGFiAMEbPQ=`;
  const timeEpoch = 1_790_000_123_000;

  const headers: Record<string, string> = {
    accept: 'application/json, text/plain, */*',
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'de-DE,de;q=0.9,en;q=0.8',
    host: DOMAIN,
    'user-agent': userAgent,
    'x-amzn-trace-id': `Root=1-6a1b2c3d-${String(requestCounter).padStart(24, '0')}`,
    'x-forwarded-for': sourceIp,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(contentType ? { 'content-type': contentType } : {}),
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...options.headers,
  };

  const event = {
    version: '2.0',
    routeKey: `${options.method} ${route}`,
    rawPath: options.path,
    rawQueryString,
    cookies: ['theme=dark'],
    headers,
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      ...(options.claims ? { authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: options.claims, scopes: null } } } : {}),
      domainName: DOMAIN,
      domainPrefix: API_ID,
      http: { method: options.method, path: options.path, protocol: 'HTTP/1.1', sourceIp, userAgent },
      requestId,
      routeKey: `${options.method} ${route}`,
      stage: '$default',
      time: '21/Sep/2026:12:35:23 +0000',
      timeEpoch,
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export function lambdaContext(functionName = 'sharelink-test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/09/21/[$LATEST]abcdef0123456789',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The structured result a handler resolves to, with its JSON body parsed. */
export interface ParsedResult {
  status: number;
  headers: Record<string, string>;
  body: any;
}

type AnyHandler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;

/** No CloudFront in front of unit tests: no origin secret, so the connection address counts. */
export const noOriginSecret: HttpPlatform = { originSecret: async () => undefined };

/**
 * Invokes a route (bound to a Lambda handler with `platform`, as a group's function binds it)
 * or a ready Lambda handler, and parses its result.
 */
export async function invoke(
  handler: HttpRoute | AnyHandler,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  platform = noOriginSecret,
): Promise<ParsedResult> {
  const lambda = typeof handler === 'function' ? handler : (routeLambda(handler, platform) as AnyHandler);
  const result = (await lambda(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  return { status: result.statusCode ?? 200, headers, body: result.body ? JSON.parse(result.body) : undefined };
}

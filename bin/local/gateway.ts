/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0) in front of the
 * route table: route matching, the JWT authorizer on owner/admin routes, the 10 MB
 * payload limit, the v2 event, and the mapping of the Lambda result back to HTTP,
 * including API Gateway's own answers (`{"message":"Not Found"}`, `Unauthorized`, 500).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Route } from '../../functions/routes.js';
import type { JwtAuthorization } from './jwt-authorizer.js';
import { LambdaTimeout, withTimeout, type LambdaFunction } from './lambda.js';
import { createRouter } from './routing.js';

/** API Gateway's request payload limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** API Gateway's integration timeout for HTTP APIs. */
const INTEGRATION_TIMEOUT_MS = 30_000;

/** What the gateway needs of a route: its key and whether it takes the JWT authorizer. */
export type GatewayRoute = Pick<Route, 'method' | 'path' | 'auth'>;

export interface GatewayOptions<R extends GatewayRoute> {
  routes: readonly R[];
  /** The function a route is integrated with, and its name (for timeouts and logs). */
  target: (route: R) => { name: string; invoke: LambdaFunction };
  authorize: (authorization: string | undefined) => Promise<JwtAuthorization | undefined>;
  logError: (message: string, error: unknown) => void;
}

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

class PayloadTooLarge extends Error {}

/**
 * The request body, or PayloadTooLarge once it passes the limit. A too-large body is
 * still read to its end (and dropped) before the 413 goes out: answering while the
 * client is still sending makes it fail with EPIPE instead of seeing the 413.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new PayloadTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** API Gateway passes these content types as text and everything else base64-encoded. */
export function isTextContent(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript' ||
    type === 'application/x-www-form-urlencoded'
  );
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'cookie') continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryOf(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  return query;
}

/** `27/Nov/2026:07:34:47 +0000`, the format of requestContext.time. */
function clf(date: Date): string {
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${month}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export function buildEvent(input: {
  req: IncomingMessage;
  body: Buffer;
  route: GatewayRoute;
  pathParameters: Record<string, string>;
  rawPath: string;
  rawQueryString: string;
  authorization: JwtAuthorization | undefined;
  requestId: string;
}): Event {
  const { req, body, route, authorization } = input;
  const headers = headersOf(req);
  const now = new Date();
  const text = isTextContent(headers['content-type']);
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  const host = headers.host ?? '127.0.0.1';
  const event: Event = {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString,
    headers,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: route.method,
        path: input.rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId,
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: clf(now),
      timeEpoch: now.getTime(),
      ...(authorization ? { authorizer: { principalId: '', integrationLatency: 0, jwt: authorization } } : {}),
    } as Event['requestContext'],
    isBase64Encoded: body.length > 0 && !text,
  };
  if (cookies?.length) event.cookies = cookies;
  const query = queryOf(input.rawQueryString);
  if (query) event.queryStringParameters = query;
  if (Object.keys(input.pathParameters).length) event.pathParameters = input.pathParameters;
  if (body.length) event.body = text ? body.toString('utf8') : body.toString('base64');
  return event;
}

function send(res: ServerResponse, status: number, headers: Record<string, string | string[]>, body: string | Buffer, requestId: string) {
  res.writeHead(status, { ...headers, 'apigw-requestid': requestId, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

const gatewayAnswer = (res: ServerResponse, status: number, message: string, requestId: string) =>
  send(res, status, { 'content-type': 'application/json' }, JSON.stringify({ message }), requestId);

/** Payload 2.0 results: a structured result, or any other value sent as a JSON 200. */
function sendResult(res: ServerResponse, result: unknown, requestId: string): void {
  const structured =
    typeof result === 'object' && result !== null && 'statusCode' in result ? (result as APIGatewayProxyStructuredResultV2) : undefined;
  if (!structured) {
    send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(result ?? null), requestId);
    return;
  }
  const status = Number(structured.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`Invalid statusCode ${String(structured.statusCode)}`);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body === undefined ? '' : structured.isBase64Encoded ? Buffer.from(structured.body, 'base64') : structured.body;
  send(res, status, headers, body, requestId);
}

export function createApiGateway<R extends GatewayRoute>(options: GatewayOptions<R>) {
  const router = createRouter(options.routes);

  return async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = randomUUID();
    const rawPath = url.pathname;
    const rawQueryString = url.search.replace(/^\?/, '');
    const match = router.match(req.method ?? 'GET', rawPath);
    if (!match) {
      req.resume();
      gatewayAnswer(res, 404, 'Not Found', requestId);
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof PayloadTooLarge) {
        gatewayAnswer(res, 413, 'Request Entity Too Large', requestId);
        return;
      }
      throw error;
    }
    let authorization: JwtAuthorization | undefined;
    if (match.route.auth !== 'public') {
      authorization = await options.authorize(req.headers.authorization);
      if (!authorization) {
        gatewayAnswer(res, 401, 'Unauthorized', requestId);
        return;
      }
    }
    const { name: functionName, invoke } = options.target(match.route);
    const event = buildEvent({
      req,
      body,
      route: match.route,
      pathParameters: match.pathParameters,
      rawPath,
      rawQueryString,
      authorization,
      requestId,
    });
    try {
      const result = await withTimeout(invoke, functionName, event, INTEGRATION_TIMEOUT_MS);
      sendResult(res, result, requestId);
    } catch (error) {
      options.logError(`${event.routeKey} -> ${functionName} failed`, error);
      if (error instanceof LambdaTimeout) gatewayAnswer(res, 503, 'Service Unavailable', requestId);
      else gatewayAnswer(res, 500, 'Internal Server Error', requestId);
    }
  };
}

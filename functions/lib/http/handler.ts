import middy from '@middy/core';
import httpEventNormalizer from '@middy/http-event-normalizer';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { en } from 'zod/v4/locales';
import { routeNamed, type Auth, type HandlerName, type RouteOf } from '../../routes.js';
import { AppError } from '../errors.js';
import { logger } from '../logger.js';
import { callerFromClaims, type Caller } from './caller.js';
import { clientAddress, type SecretSource } from './client-address.js';

export type { Auth, Caller };
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;
export type LambdaHttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

export interface HttpRequest<A extends Auth, B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The signed-in user; present on owner and admin routes. */
  caller: A extends 'public' ? undefined : Caller;
  headers: Record<string, string | undefined>;
  /** The client's address: behind CloudFront the viewer's own, proven by the origin secret. */
  sourceIp: string;
  userAgent: string;
}

export interface HttpResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec<A extends Auth, BS, QS, PS> {
  auth: A;
  body?: BS;
  query?: QS;
  params?: PS;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

// zod/mini carries no messages of its own: the English ones, for the issues no schema words itself.
z.config(en());

/** A route's validation and its work, not yet bound to a Lambda (see `routeLambda`). */
export interface HttpRoute<A extends Auth = Auth> {
  readonly spec: RouteSpec<A, z.ZodMiniType | undefined, z.ZodMiniType | undefined, z.ZodMiniType | undefined>;
  readonly run: (request: HttpRequest<A, unknown, unknown, unknown>) => Promise<HttpResponse>;
}

/**
 * A route of the route table, named so a group's function can dispatch to it. `R` is what its
 * work really answers, so the API contract (`contract/api/`) is checked against it at compile time.
 */
export interface NamedRoute<N extends HandlerName = HandlerName, R extends HttpResponse = HttpResponse> extends HttpRoute {
  readonly name: N;
  readonly run: (request: HttpRequest<Auth, unknown, unknown, unknown>) => Promise<R>;
}

/** What every HTTP function needs from outside the request: the origin-verify secret. */
export interface HttpPlatform {
  /** The secret CloudFront sends with every request; undefined where there is no CloudFront. */
  originSecret: SecretSource;
}

/** Formats zod issues as `field.path: message; …` so a client knows what to fix. */
export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : 'body';
      if (issue.code === 'unrecognized_keys') {
        return `${issue.keys.map((k) => (issue.path.length ? `${where}.${k}` : k)).join(', ')}: unknown field`;
      }
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function parse(schema: z.ZodMiniType | undefined, value: unknown, what: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${describeIssues(result.error)}`);
  }
  return result.data;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/** Maps any thrown value to the one error shape. Unknown errors are logged and hidden. */
export function errorResult(error: unknown): HttpResult {
  if (error instanceof AppError) {
    return json(error.status, { error: { code: error.code, message: error.message } }, error.headers);
  }
  const status = (error as { statusCode?: number } | null)?.statusCode;
  // The JSON body parser throws 415 (wrong content type) and 422 (malformed JSON).
  if (status === 415 || status === 422) {
    return json(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request body must be valid JSON sent with Content-Type: application/json.',
      },
    });
  }
  logger.error('Unhandled error', error as Error);
  return json(500, { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Please try again.' } });
}

/**
 * A route: zod validation of body / query / path parameters (unknown fields rejected by the
 * schemas), the caller from the JWT claims, and the route's own work.
 */
export function httpRoute<
  A extends Auth,
  BS extends z.ZodMiniType | undefined = undefined,
  QS extends z.ZodMiniType | undefined = undefined,
  PS extends z.ZodMiniType | undefined = undefined,
>(spec: RouteSpec<A, BS, QS, PS>, fn: (request: HttpRequest<A, Out<BS>, Out<QS>, Out<PS>>) => Promise<HttpResponse>): HttpRoute<A> {
  return { spec, run: fn as HttpRoute<A>['run'] };
}

/** A route of the route table: its `auth` comes from its entry there, so the two cannot drift. */
export function defineRoute<
  N extends HandlerName,
  BS extends z.ZodMiniType | undefined = undefined,
  QS extends z.ZodMiniType | undefined = undefined,
  PS extends z.ZodMiniType | undefined = undefined,
  R extends HttpResponse = HttpResponse,
>(
  name: N,
  spec: Omit<RouteSpec<RouteOf<N>['auth'], BS, QS, PS>, 'auth'>,
  fn: (request: HttpRequest<RouteOf<N>['auth'], Out<BS>, Out<QS>, Out<PS>>) => Promise<R>,
): NamedRoute<N, R> {
  return { name, spec: { ...spec, auth: routeNamed(name).auth }, run: fn as NamedRoute<N, R>['run'] };
}

/** The caller a route's auth demands: UNAUTHORIZED without one, FORBIDDEN for a non-admin on an admin route. */
function callerFor(auth: Auth, event: HttpEvent): Caller | undefined {
  if (auth === 'public') return undefined;
  const caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
  if (!caller) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
  if (auth === 'admin' && !caller.isAdmin) throw new AppError('FORBIDDEN', 'Only administrators can do this.');
  return caller;
}

/**
 * The Lambda handler of one route: header and event normalisation, JSON body parsing (routes
 * with a body), validation, the caller, security headers and the JSON error shape.
 */
export function routeLambda(route: HttpRoute, platform: HttpPlatform): LambdaHttpHandler {
  const { spec } = route;
  const core = async (event: HttpEvent, _context: Context): Promise<HttpResult> => {
    const caller = callerFor(spec.auth, event);
    const headers = event.headers ?? {};
    const sourceIp = event.requestContext.http.sourceIp;
    const request: HttpRequest<Auth, unknown, unknown, unknown> = {
      body: parse(spec.body, event.body, 'request body'),
      query: parse(spec.query, event.queryStringParameters ?? {}, 'query'),
      params: parse(spec.params, event.pathParameters ?? {}, 'path'),
      caller: caller,
      headers,
      // Only recipients are counted per client; owners are known by their sign-in.
      sourceIp: spec.auth === 'public' ? await clientAddress(headers, sourceIp, platform.originSecret) : sourceIp,
      userAgent: event.requestContext.http.userAgent ?? '',
    };
    const response = await route.run(request);
    const status = response.status ?? 200;
    if (status === 204) return { statusCode: 204, headers: { 'cache-control': 'no-store', ...response.headers } };
    return json(status, response.body ?? {}, response.headers);
  };

  const chain = middy<HttpEvent, HttpResult>(core as never)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpEventNormalizer())
    // Who may call comes before what they sent: a non-admin hears 403, not how to fix an admin route's body.
    .use({ before: (request: { event: HttpEvent }) => void callerFor(spec.auth, request.event) });
  if (spec.body) chain.use(httpJsonBodyParser());
  return chain.use(httpSecurityHeaders()).use({
    onError: (request) => {
      request.response = { ...(request.response as HttpResult | undefined), ...errorResult(request.error) };
    },
  });
}

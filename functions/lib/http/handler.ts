import middy from '@middy/core';
import httpEventNormalizer from '@middy/http-event-normalizer';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import * as z from 'zod';
import { AppError } from '../errors.js';
import { logger } from '../logger.js';
import { callerFromClaims, type Caller } from './caller.js';
import { clientAddress } from './client-address.js';

export type { Caller };
export type Auth = 'public' | 'owner' | 'admin';
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpRequest<A extends Auth, B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The signed-in user; present on owner and admin routes. */
  caller: A extends 'public' ? undefined : Caller;
  headers: Record<string, string | undefined>;
  sourceIp: string;
  userAgent: string;
}

export interface HttpResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RouteSpec<A extends Auth, BS, QS, PS> {
  auth: A;
  body?: BS;
  query?: QS;
  params?: PS;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Formats zod issues as `field.path: message; …` so a client knows what to fix. */
export function describeIssues(error: z.ZodError): string {
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

function parse<S>(schema: S | undefined, value: unknown, what: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = (schema as unknown as z.ZodType).safeParse(value);
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', `Invalid ${what}: ${describeIssues(result.error)}`);
  }
  return result.data as Out<S>;
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
 * Builds a Lambda handler for one HTTP route: header and event normalisation, JSON body
 * parsing, zod validation of body / query / path parameters (unknown fields rejected by
 * the schemas), the caller from the JWT claims, security headers and the JSON error
 * shape. The function passed in only does the route's own work.
 */
export function httpRoute<A extends Auth, BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined, PS extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<A, BS, QS, PS>,
  fn: (request: HttpRequest<A, Out<BS>, Out<QS>, Out<PS>>) => Promise<HttpResponse>,
) {
  const core = async (event: HttpEvent, _context: Context): Promise<HttpResult> => {
    let caller: Caller | undefined;
    if (spec.auth !== 'public') {
      caller = callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
      if (!caller) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
      if (spec.auth === 'admin' && !caller.isAdmin) {
        throw new AppError('FORBIDDEN', 'Only administrators can do this.');
      }
    }
    const request = {
      body: parse(spec.body, event.body, 'request body'),
      query: parse(spec.query, event.queryStringParameters ?? {}, 'query'),
      params: parse(spec.params, event.pathParameters ?? {}, 'path'),
      caller,
      headers: event.headers ?? {},
      sourceIp: clientAddress(event.headers ?? {}, event.requestContext.http.sourceIp),
      userAgent: event.requestContext.http.userAgent ?? '',
    } as HttpRequest<A, Out<BS>, Out<QS>, Out<PS>>;
    const response = await fn(request);
    const status = response.status ?? 200;
    if (status === 204) return { statusCode: 204, headers: { 'cache-control': 'no-store', ...response.headers } };
    return json(status, response.body ?? {}, response.headers);
  };

  const chain = middy<HttpEvent, HttpResult>(core as never)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(httpEventNormalizer());
  if (spec.body) chain.use(httpJsonBodyParser());
  return chain.use(httpSecurityHeaders()).use({
    onError: (request) => {
      request.response = { ...request.response, ...errorResult(request.error) };
    },
  });
}

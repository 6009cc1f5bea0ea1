import '../env.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../../functions/lib/errors.js';
import { callerFromClaims } from '../../../functions/lib/http/caller.js';
import { httpRoute } from '../../../functions/lib/http/handler.js';
import { logger } from '../../../functions/lib/logger.js';
import { adminClaims, cognitoClaims, httpEvent, invoke, ownerClaims } from '../../support/events.js';

const bodySchema = z.strictObject({
  name: z.string().min(1),
  options: z.strictObject({ count: z.number().int() }).optional(),
});

const echoBody = httpRoute({ auth: 'public', body: bodySchema }, async ({ body }) => ({ status: 201, body }));
const echoRequest = httpRoute(
  {
    auth: 'public',
    query: z.strictObject({ page: z.coerce.number().int().min(1).default(1) }),
    params: z.strictObject({ id: z.string().length(3) }),
  },
  async ({ query, params, headers, sourceIp, userAgent }) => ({
    body: { query, params, authorization: headers.authorization ?? null, sourceIp, userAgent },
  }),
);
const whoAmI = httpRoute({ auth: 'owner' }, async ({ caller }) => ({ body: caller }));
const adminOnly = httpRoute({ auth: 'admin' }, async ({ caller }) => ({ body: { ok: true, caller } }));
const noContent = httpRoute({ auth: 'public' }, async () => ({ status: 204 }));
const throwing = (error: unknown) =>
  httpRoute({ auth: 'public' }, async () => {
    throw error;
  });

const post = (rawBody: string | undefined, contentType: string | null = 'application/json') =>
  httpEvent({ method: 'POST', path: '/api/things', ...(rawBody === undefined ? {} : { rawBody }), contentType });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('request bodies', () => {
  it('reach the route parsed and validated', async () => {
    const result = await invoke(echoBody, post(JSON.stringify({ name: 'x', options: { count: 2 } })));
    expect(result.status).toBe(201);
    expect(result.body).toEqual({ name: 'x', options: { count: 2 } });
    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('are refused as malformed JSON with 400 VALIDATION_FAILED in the error shape', async () => {
    const result = await invoke(echoBody, post('{"name": "x",'));
    expect(result.status).toBe(400);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(result.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('valid JSON') } });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no content type', null],
  ])('are refused when sent as %s (400 VALIDATION_FAILED)', async (_, contentType) => {
    const result = await invoke(echoBody, post(JSON.stringify({ name: 'x' }), contentType));
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('are required when the route takes one', async () => {
    const result = await invoke(echoBody, post(undefined));
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('with an unknown field are refused, naming the field path', async () => {
    const top = await invoke(echoBody, post(JSON.stringify({ name: 'x', colour: 'red' })));
    expect(top.status).toBe(400);
    expect(top.body.error).toEqual({ code: 'VALIDATION_FAILED', message: 'Invalid request body: colour: unknown field' });
    const nested = await invoke(echoBody, post(JSON.stringify({ name: 'x', options: { count: 1, extra: true } })));
    expect(nested.body.error.message).toContain('options.extra: unknown field');
  });

  it('with a wrong value are refused, naming the field', async () => {
    const result = await invoke(echoBody, post(JSON.stringify({ name: '', options: { count: 1.5 } })));
    expect(result.status).toBe(400);
    expect(result.body.error.message).toMatch(/^Invalid request body: /);
    expect(result.body.error.message).toContain('name: ');
    expect(result.body.error.message).toContain('options.count: ');
  });

  it('that are JSON but not an object are refused', async () => {
    for (const raw of ['[]', '"name"', 'null', '42']) {
      const result = await invoke(echoBody, post(raw));
      expect(result.status).toBe(400);
      expect(result.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('cannot smuggle a prototype through JSON', async () => {
    const result = await invoke(echoBody, post('{"name":"x","__proto__":{"isAdmin":true}}'));
    expect(result.status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('query strings and path parameters', () => {
  const get = (query: Record<string, string>, id: string, headers: Record<string, string> = {}) =>
    httpEvent({
      method: 'GET',
      path: `/api/things/${id}`,
      route: '/api/things/{id}',
      pathParameters: { id },
      query,
      headers,
      sourceIp: '192.0.2.44',
      userAgent: 'TestAgent/1.0',
    });

  it('are validated and coerced, with the client address, agent and lowercased headers handed on', async () => {
    const result = await invoke(echoRequest, get({ page: '3' }, 'abc', { Authorization: 'Bearer t0ken' }));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      query: { page: 3 },
      params: { id: 'abc' },
      authorization: 'Bearer t0ken',
      sourceIp: '192.0.2.44',
      userAgent: 'TestAgent/1.0',
    });
  });

  it('are refused when invalid or unknown, saying which part is wrong', async () => {
    const badQuery = await invoke(echoRequest, get({ page: 'zero' }, 'abc'));
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^Invalid query: page: /);
    const unknownQuery = await invoke(echoRequest, get({ sort: 'name' }, 'abc'));
    expect(unknownQuery.body.error).toEqual({ code: 'VALIDATION_FAILED', message: 'Invalid query: sort: unknown field' });
    const badPath = await invoke(echoRequest, get({}, 'abcd'));
    expect(badPath.status).toBe(400);
    expect(badPath.body.error.message).toMatch(/^Invalid path: id: /);
  });
});

describe('signed-in routes', () => {
  it('refuse a request without authorizer claims (401 UNAUTHORIZED)', async () => {
    const result = await invoke(whoAmI, httpEvent({ method: 'GET', path: '/api/me' }));
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
  });

  it('refuse claims without a subject', async () => {
    const { sub: _sub, ...claims } = ownerClaims();
    const result = await invoke(whoAmI, httpEvent({ method: 'GET', path: '/api/me', claims }));
    expect(result.status).toBe(401);
  });

  it('see the caller from the Cognito claims', async () => {
    const result = await invoke(whoAmI, httpEvent({ method: 'GET', path: '/api/me', claims: ownerClaims('sub-42', 'me@example.com') }));
    expect(result.body).toEqual({ userId: 'sub-42', email: 'me@example.com', isAdmin: false });
  });

  it('check auth before doing any work', async () => {
    const work = vi.fn(async () => ({ body: {} }));
    const route = httpRoute({ auth: 'owner' }, work);
    await invoke(route, httpEvent({ method: 'GET', path: '/api/me' }));
    expect(work).not.toHaveBeenCalled();
  });
});

describe('admin routes', () => {
  it('answer who may call before what was sent: 401 and 403 even for a body that is not JSON (found by the fuzz suite)', async () => {
    const adminPut = httpRoute({ auth: 'admin', body: bodySchema }, async ({ body }) => ({ body }));
    const put = (claims?: ReturnType<typeof adminClaims>) =>
      invoke(
        adminPut,
        httpEvent({ method: 'PUT', path: '/api/admin/settings', rawBody: '{not json', contentType: null, ...(claims ? { claims } : {}) }),
      );
    expect((await put()).body.error.code).toBe('UNAUTHORIZED');
    expect((await put(ownerClaims())).body.error.code).toBe('FORBIDDEN');
    expect((await put(adminClaims())).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuse a signed-in user outside the admins group (403 FORBIDDEN)', async () => {
    const result = await invoke(
      adminOnly,
      httpEvent({ method: 'GET', path: '/api/admin/settings', claims: cognitoClaims('sub-1', 'u@example.com', ['users']) }),
    );
    expect(result.status).toBe(403);
    expect(result.body.error.code).toBe('FORBIDDEN');
  });

  it('refuse an anonymous request with 401, not 403', async () => {
    expect((await invoke(adminOnly, httpEvent({ method: 'GET', path: '/api/admin/settings' }))).status).toBe(401);
  });

  it('let administrators in', async () => {
    const result = await invoke(adminOnly, httpEvent({ method: 'GET', path: '/api/admin/settings', claims: adminClaims() }));
    expect(result.status).toBe(200);
    expect(result.body.caller.isAdmin).toBe(true);
  });
});

describe('admin group membership', () => {
  it.each([
    ['the gateway string "[admins]"', '[admins]', true],
    ['the gateway string with several groups', '[users admins]', true],
    ['a comma-separated string', '[users, admins]', true],
    ['a bare string', 'admins', true],
    ['the token array', ['users', 'admins'], true],
    ['a similar group name', '[administrators admins-readonly]', false],
    ['an array without admins', ['users'], false],
    ['an empty string', '[]', false],
  ])('is read from %s', (_, groups, isAdmin) => {
    expect(callerFromClaims({ sub: 's', email: 'e@example.com', 'cognito:groups': groups })?.isAdmin).toBe(isAdmin);
  });

  it('is false without the claim', () => {
    expect(callerFromClaims({ sub: 's' })).toEqual({ userId: 's', email: '', name: undefined, isAdmin: false });
  });
});

describe('the caller shown to others', () => {
  it('has its address only when Cognito verified it (the gateway passes "true", the token true)', () => {
    expect(callerFromClaims({ sub: 's', email: 'e@example.com', email_verified: 'true' })?.email).toBe('e@example.com');
    expect(callerFromClaims({ sub: 's', email: 'e@example.com', email_verified: true })?.email).toBe('e@example.com');
  });

  it.each([
    ['"false"', 'false'],
    ['false', false],
    ['a missing claim', undefined],
    ['"True"', 'True'],
  ])('has no address when email_verified is %s', (_, verified) => {
    const claims = { sub: 's', email: 'ceo@example.com', ...(verified === undefined ? {} : { email_verified: verified }) };
    expect(callerFromClaims(claims)?.email).toBe('');
  });

  it('takes the name an administrator set', () => {
    expect(callerFromClaims({ sub: 's', name: '  Ada Lovelace ' })?.name).toBe('Ada Lovelace');
    expect(callerFromClaims({ sub: 's', name: '   ' })?.name).toBeUndefined();
  });
});

describe('errors', () => {
  it('from the domain keep their status, code, message and headers', async () => {
    const error = new AppError('TOO_MANY_ATTEMPTS', 'Too many wrong passwords. Try again in 2 minutes.', { 'retry-after': '120' });
    const result = await invoke(throwing(error), httpEvent({ method: 'GET', path: '/x' }));
    expect(result.status).toBe(429);
    expect(result.headers['retry-after']).toBe('120');
    expect(result.body).toEqual({ error: { code: 'TOO_MANY_ATTEMPTS', message: 'Too many wrong passwords. Try again in 2 minutes.' } });
  });

  it.each([
    ['SHARE_NOT_FOUND', 404],
    ['SHARE_EXPIRED', 410],
    ['DEVICE_BOUND', 403],
    ['PAYLOAD_TOO_LARGE', 413],
    ['ADMIN_SENDER_ENFORCED', 409],
  ] as const)('map %s to %i', async (code, status) => {
    const result = await invoke(throwing(new AppError(code, 'm')), httpEvent({ method: 'GET', path: '/x' }));
    expect(result.status).toBe(status);
    expect(result.body.error.code).toBe(code);
  });

  it('that nobody expected become a 500 INTERNAL_ERROR that reveals nothing, and are logged', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const secret = 'connect ECONNREFUSED 10.0.3.7:5432 user=admin password=hunter2';
    const result = await invoke(throwing(new Error(secret)), httpEvent({ method: 'GET', path: '/x' }));
    expect(result.status).toBe(500);
    expect(result.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain('10.0.3.7');
    expect(logged).toHaveBeenCalled();
  });

  it('that are not even Error objects also become a 500', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    for (const thrown of ['a string', undefined, null, { statusCode: 418 }]) {
      const result = await invoke(throwing(thrown), httpEvent({ method: 'GET', path: '/x' }));
      expect(result.status).toBe(500);
      expect(result.body.error.code).toBe('INTERNAL_ERROR');
    }
  });
});

describe('responses', () => {
  const expectSecurityHeaders = (headers: Record<string, string>) => {
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['cache-control']).toBe('no-store');
  };

  it('carry security headers and are never cached', async () => {
    expectSecurityHeaders((await invoke(whoAmI, httpEvent({ method: 'GET', path: '/api/me', claims: ownerClaims() }))).headers);
  });

  it('carry security headers on errors too', async () => {
    expectSecurityHeaders((await invoke(whoAmI, httpEvent({ method: 'GET', path: '/api/me' }))).headers);
    expectSecurityHeaders((await invoke(echoBody, post('{'))).headers);
  });

  it('answer 204 with no body', async () => {
    const result = await invoke(noContent, httpEvent({ method: 'DELETE', path: '/x' }));
    expect(result.status).toBe(204);
    expect(result.body).toBeUndefined();
    expect(result.headers['cache-control']).toBe('no-store');
  });
});

/**
 * Property-based fuzzing of every route of the route table (fast-check). Requests are made from
 * the route's schemas as the OpenAPI document states them, mixed with values the world knows and
 * with hostile variants (`arbitraries.ts`), and sent in-process to the group's function as
 * deployed (`functions/<group>/lambda.ts`) as API Gateway v2 events, over the in-memory adapters.
 *
 * For every request: never a 5xx; a refusal is the one error shape with a code the route's
 * contract lists and the status of that code; a refusal, or any GET, changes no state; a success
 * has the contract's status and body; owner, admin and token routes never succeed without their
 * caller or token; nothing reaches Object.prototype.
 *
 * `npm test` sends FUZZ_RUNS (default 10,000) requests in all; `npm run fuzz` many more. A failure
 * prints the seed and the counterexample; replay it with the FUZZ_SEED, FUZZ_ROUTE and FUZZ_PATH
 * the message gives.
 *
 * Test seam: the adapter classes the composition root (`functions/lib/wiring.ts`) builds are
 * mocked to hand out the current world's in-memory fakes, so wiring itself runs unchanged (and
 * AWS endpoints point at a closed local port, so an adapter missed here fails fast, as a 5xx).
 */
import '../unit/env.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { groupFunctions, openApiDocument, type OpenApiDocument } from '../../bin/openapi.js';
import { isTextContent } from '../../bin/local/gateway.js';
import { contractOf, errorBodySchema, errorCodesOf, type RouteContract } from '../../functions/lib/contract/api/responses.js';
import { errorStatuses, type ErrorCode } from '../../functions/lib/errors.js';
import { describeIssues, type LambdaHttpHandler } from '../../functions/lib/http/handler.js';
import { logger } from '../../functions/lib/logger.js';
import { routeKeyOf, routes, type Group, type Route } from '../../functions/routes.js';
import { signingKey } from '../../functions/lib/wiring.js';
import { adminClaims, httpEvent, lambdaContext, ownerClaims, type JwtClaims } from '../support/events.js';
import {
  asQueryValue,
  contentTypes,
  fuzzedValue,
  garbageBody,
  hostileHeaderValue,
  hostileString,
  hostileValue,
  validValue,
  type Hints,
  type JsonSchema,
} from './arbitraries.js';
import {
  ADMIN,
  BOUND_DEVICE,
  PARTNERS,
  DEVICE,
  makeWorld,
  namesOf,
  OWNER,
  OWNER_FOLDERS,
  SHARE_PASSWORD,
  STRANGER,
  stateOf,
  TENANT_POLICIES,
  type Names,
} from './world.js';

const fakes = vi.hoisted(() => {
  const current: { world: Record<string, object> | undefined } = { world: undefined };
  /** Stands in for an adapter instance: every use goes to the current world's fake. */
  const delegate = (part: string): object =>
    new Proxy(
      {},
      {
        get(_target, property) {
          const fake = current.world?.[part] as Record<PropertyKey, unknown> | undefined;
          if (!fake) throw new Error(`No fuzz world for ${part}`);
          const value = fake[property];
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(fake) : value;
        },
      },
    );
  // `new` on a function that returns an object yields that object.
  const constructs = (part: string) =>
    function adapterStandIn() {
      return delegate(part);
    } as unknown as never;
  return { current, constructs };
});

vi.mock(import('../../functions/lib/adapters/share-repository.js'), async (original) => ({
  ...(await original()),
  DynamoShareRepository: fakes.constructs('shares'),
}));
vi.mock(import('../../functions/lib/adapters/file-store.js'), async (original) => ({
  ...(await original()),
  S3FileStore: fakes.constructs('files'),
}));
vi.mock(import('../../functions/lib/adapters/notification-store.js'), async (original) => ({
  ...(await original()),
  DynamoNotificationStore: fakes.constructs('notifications'),
}));
vi.mock(import('../../functions/lib/adapters/mailer.js'), async (original) => ({
  ...(await original()),
  SesMailer: fakes.constructs('mailer'),
}));
vi.mock(import('../../functions/lib/adapters/security-store.js'), async (original) => ({
  ...(await original()),
  DynamoSecurityStore: fakes.constructs('security'),
}));
vi.mock(import('../../functions/lib/adapters/transfer-store.js'), async (original) => ({
  ...(await original()),
  DynamoTransferStore: fakes.constructs('transfers'),
}));
vi.mock(import('../../functions/lib/adapters/preview-cache.js'), async (original) => ({
  ...(await original()),
  S3PreviewCache: fakes.constructs('previews'),
}));
vi.mock(import('../../functions/lib/adapters/renderer-client.js'), async (original) => ({
  ...(await original()),
  LambdaRenderer: fakes.constructs('renderer'),
}));
vi.mock(import('../../functions/lib/adapters/recipient-code-store.js'), async (original) => ({
  ...(await original()),
  DynamoRecipientCodes: fakes.constructs('codes'),
}));
vi.mock(import('../../functions/lib/adapters/request-repository.js'), async (original) => ({
  ...(await original()),
  DynamoRequestRepository: fakes.constructs('requests'),
}));

// Nothing may reach AWS: an adapter the mocks above miss fails at once (connection refused).
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED);
const ONLY_ROUTE = process.env.FUZZ_ROUTE;
const REPLAY_PATH = process.env.FUZZ_PATH;
const fuzzedRoutes = (routes as readonly Route[]).filter((route) => !ONLY_ROUTE || route.handler === ONLY_ROUTE);
const runsPerRoute = Math.ceil(TOTAL_RUNS / Math.max(1, fuzzedRoutes.length));

interface Caller {
  claims: JwtClaims | undefined;
  signedIn: boolean;
  admin: boolean;
}

interface FuzzInput {
  policy: number;
  ownSender: boolean;
  caller: Caller;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  body: { raw: string; contentType: string | null } | undefined;
  /** The header, the share its token names, and the share it is good for. */
  authorization: { header: string; names: string | undefined; goodFor: string | undefined } | undefined;
  headers: Record<string, string>;
  sourceIp: string;
  userAgent: string;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}

let document: OpenApiDocument;
let key: Buffer;
let names: Names;
const functions = new Map<Group, LambdaHttpHandler>();
const logged: unknown[] = [];
let inputs = 0;
/** What each route answered, by status and code: shows the requests reach past validation. */
const outcomes = new Map<string, Map<string, number>>();

beforeAll(async () => {
  document = await openApiDocument();
  key = await signingKey();
  names = namesOf(key, Date.now());
  for (const [group, entry] of Object.entries(groupFunctions)) functions.set(group as Group, (await entry()).handler);
  vi.spyOn(logger, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
});

afterAll(() => {
  const lines = [...outcomes].map(([route, seen]) => `  ${route}: ${[...seen].map(([outcome, n]) => `${outcome}×${n}`).join(' ')}`);
  console.log(`fuzz: ${inputs} requests over ${fuzzedRoutes.length} routes (seed ${SEED}; FUZZ_RUNS=${TOTAL_RUNS})\n${lines.join('\n')}`);
});

const email = fc.constantFrom('partner@example.com', 'me@example.com', 'noreply@example.com');

/** Field values the world knows; applied to string and integer fields of that name. */
function hintsOf(known: Names): Hints {
  return {
    id: fc.constantFrom(...known.shareIds, ...known.requestIds),
    'ids[]': fc.constantFrom(...known.shareIds, ...known.requestIds),
    path: fc.constantFrom(...known.ownerPaths, ...known.sharedPaths),
    'paths[]': fc.constantFrom(...known.ownerPaths),
    prefix: fc.constantFrom('', ...OWNER_FOLDERS, 'missing/'),
    fileId: fc.constantFrom(...known.fileIds),
    uploadId: fc.constantFrom(...known.uploadIds),
    etag: fc.constantFrom(...known.etags),
    partNumber: fc.integer({ min: 1, max: 4 }),
    'partNumbers[]': fc.integer({ min: 1, max: 4 }),
    deviceId: fc.constantFrom(DEVICE, BOUND_DEVICE),
    password: fc.constantFrom(SHARE_PASSWORD, 'wrong password', ''),
    'recipients[]': email,
    // Expiries the policies accept (a few days, a moment in the coming weeks), cursors of root listings.
    days: fc.integer({ min: 1, max: 40 }),
    at: fc.integer({ min: 1, max: 40 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
    cursor: fc.constantFrom('0', '1', '2', '3', '-1', '1.5', ''),
    value: fc.constantFrom('long enough password', 'short'),
    alias: fc.constantFrom('Report.pdf', 'report.pdf', 'Q3', 'invoice\u202efdp.exe', 'cafe\u0301.txt'),
    notificationSender: email,
    adminNotificationSender: email,
    // Verified recipients: the verified link's partners (in any case), strangers; partner edits' lists.
    email: fc.oneof(fc.constantFrom(...PARTNERS, ' SAM@Partner.Example '), email),
    code: fc.constantFrom('000000', '123456', '12345'),
    'add[]': fc.oneof(fc.constantFrom(...PARTNERS), email),
    'remove[]': fc.constantFrom(...PARTNERS),
    'resend[]': fc.constantFrom(...PARTNERS),
    'revoke[]': fc.constantFrom(...PARTNERS),
    'resetDevice[]': fc.constantFrom(...PARTNERS),
  };
}

const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ claims: ownerClaims(OWNER.sub, OWNER.email), signedIn: true, admin: false }) },
  { weight: 2, arbitrary: fc.constant({ claims: ownerClaims(STRANGER.sub, STRANGER.email), signedIn: true, admin: false }) },
  { weight: 3, arbitrary: fc.constant({ claims: adminClaims(ADMIN.sub, ADMIN.email), signedIn: true, admin: true }) },
  { weight: 1, arbitrary: fc.constant({ claims: undefined, signedIn: false, admin: false }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Caller>(
      { claims: { sub: '' }, signedIn: false, admin: false },
      { claims: { sub: 42 }, signedIn: false, admin: false },
      { claims: { email: OWNER.email, 'cognito:groups': '[admins]' }, signedIn: false, admin: false },
      { claims: { ...ownerClaims(OWNER.sub, OWNER.email), 'cognito:groups': '[administrators]' }, signedIn: true, admin: false },
      { claims: { ...ownerClaims(OWNER.sub, OWNER.email), 'cognito:groups': '[other admins]' }, signedIn: true, admin: true },
      { claims: { ...ownerClaims(OWNER.sub, OWNER.email), 'cognito:groups': ['admins'] }, signedIn: true, admin: true },
      { claims: { ...ownerClaims(OWNER.sub, OWNER.email), email: 'x\u202e@example.com' }, signedIn: true, admin: false },
    ),
  },
);

function inputArb(route: Route, operation: Operation, hints: Hints, known: Names): fc.Arbitrary<FuzzInput> {
  const parameters = operation.parameters ?? [];
  const pathNames = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const pathArb = fc.record(
    Object.fromEntries(
      pathNames.map((name) => {
        const schema = parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
        const wild = hostileString.filter((value) => value.length > 0 && value.length < 5000);
        return [
          name,
          fc.oneof({ weight: 8, arbitrary: validValue(schema, hints, name).map(asQueryValue) }, { weight: 2, arbitrary: wild }),
        ];
      }),
    ),
  );
  const queryParameters = parameters.filter((p) => p.in === 'query');
  const knownQuery = fc
    .record(Object.fromEntries(queryParameters.map((p) => [p.name, validValue(p.schema, hints, p.name).map(asQueryValue)])), {
      requiredKeys: queryParameters.filter((p) => p.required).map((p) => p.name),
    })
    .map((query) => query as Record<string, string>);
  const extraKey = fc.oneof(
    fc.constantFrom(...queryParameters.map((p) => p.name), '__proto__', 'constructor', 'x'),
    hostileString.filter((s) => s.length < 100),
  );
  const queryArb = fc.oneof(
    { weight: 6, arbitrary: knownQuery },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          knownQuery,
          extraKey,
          fc.oneof(
            hostileString.filter((s) => s.length < 20_000),
            hostileValue.map(asQueryValue),
          ),
        )
        .map(([query, name, value]) => ({ ...query, [name]: value })),
    },
  );

  const bodySchema = operation.requestBody?.content['application/json'].schema;
  const bodyArb: fc.Arbitrary<FuzzInput['body']> = bodySchema
    ? fc.oneof(
        {
          weight: 20,
          arbitrary: fc.record({
            raw: fuzzedValue(bodySchema, hints).map((value) => JSON.stringify(value) ?? ''),
            contentType: contentTypes,
          }),
        },
        { weight: 2, arbitrary: fc.record({ raw: garbageBody, contentType: contentTypes }) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.oneof(
        { weight: 8, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.record({
            raw: fc.oneof(
              garbageBody,
              hostileValue.map((v) => JSON.stringify(v) ?? ''),
            ),
            contentType: contentTypes,
          }),
        },
      );

  const token = fc.constantFrom(...known.tokens);
  const authorizationArb: fc.Arbitrary<FuzzInput['authorization']> = fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: token.map(({ token: value, names: sid, goodFor }) => ({ header: `Bearer ${value}`, names: sid, goodFor })) },
    { weight: 1, arbitrary: token.map(({ token: value, names: sid, goodFor }) => ({ header: `bearer ${value}`, names: sid, goodFor })) },
    {
      weight: 1,
      arbitrary: token.map(({ token: value, names: sid }) => ({ header: `Bearer ${value} extra`, names: sid, goodFor: undefined })),
    },
    { weight: 2, arbitrary: hostileHeaderValue.map((header) => ({ header, names: undefined, goodFor: undefined })) },
  );
  const headersArb = fc.oneof(
    { weight: 6, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc
        .record(
          { 'x-viewer-address': hostileHeaderValue, 'x-origin-verify': hostileHeaderValue, 'x-forwarded-for': hostileHeaderValue },
          { requiredKeys: [] },
        )
        .map((headers) => headers as Record<string, string>),
    },
  );

  return fc
    .record({
      policy: fc.nat({ max: TENANT_POLICIES.length - 1 }),
      ownSender: fc.boolean(),
      caller: route.auth === 'public' ? fc.constant({ claims: undefined, signedIn: false, admin: false }) : callerArb,
      pathParameters: pathArb,
      query: queryArb,
      body: bodyArb,
      authorization: authorizationArb,
      headers: headersArb,
      // Most requests with a token go to the link it names (otherwise they only meet INVALID_TOKEN).
      toTokensLink: fc.nat({ max: 3 }).map((n) => n > 0),
      sourceIp: fc.constantFrom('203.0.113.7', '198.51.100.23', '2001:db8::1', '2001:db8::2', '::1'),
      userAgent: fc.oneof(
        { weight: 4, arbitrary: fc.constant('Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0') },
        { weight: 1, arbitrary: hostileHeaderValue },
      ),
    })
    .map(({ toTokensLink, ...input }): FuzzInput => {
      const sid = input.authorization?.names;
      return toTokensLink && sid !== undefined && 'id' in input.pathParameters
        ? { ...input, pathParameters: { ...input.pathParameters, id: sid } }
        : input;
    });
}

const clip = (text: string | undefined, length = 600) =>
  text && text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

async function send(route: Route, contract: RouteContract | undefined, codes: ErrorCode[], input: FuzzInput): Promise<void> {
  inputs += 1;
  const world = await makeWorld(TENANT_POLICIES[input.policy]!, input.ownSender ? 'me@example.com' : null);
  fakes.current.world = world as unknown as Record<string, object>;
  const before = stateOf(world);
  logged.length = 0;

  // The raw path only names the request (handlers read pathParameters); a lone surrogate has no percent-encoding.
  const path = route.path.replace(/\{([^}]+)\}/g, (_whole, name: string) =>
    encodeURIComponent((input.pathParameters[name] ?? '').toWellFormed()),
  );
  const event = httpEvent({
    method: route.method,
    path,
    route: route.path,
    ...(Object.keys(input.pathParameters).length ? { pathParameters: input.pathParameters } : {}),
    query: input.query,
    ...(input.body ? { rawBody: input.body.raw, contentType: input.body.contentType } : {}),
    headers: { ...input.headers, ...(input.authorization ? { authorization: input.authorization.header } : {}) },
    ...(input.caller.claims ? { claims: input.caller.claims } : {}),
    sourceIp: input.sourceIp,
    userAgent: input.userAgent,
  });
  // API Gateway passes bodies of other content types base64-encoded.
  if (event.body !== undefined && !isTextContent(input.body?.contentType ?? undefined)) {
    event.body = Buffer.from(event.body).toString('base64');
    event.isBase64Encoded = true;
  }

  const result = await functions.get(route.group)!(event, lambdaContext(`sharelink-${route.group}`));
  const status = result.statusCode ?? 200;
  let body: unknown;
  const fail = (why: string): never => {
    const causes = logged.map((entry) =>
      clip(String((entry as unknown[])[1] instanceof Error ? ((entry as unknown[])[1] as Error).stack : JSON.stringify(entry)), 2000),
    );
    const unmocked = causes.some((cause) => cause?.includes('127.0.0.1:9'))
      ? '\n  (an AWS client was called: mock its adapter at the top of test/fuzz/routes.test.ts)'
      : '';
    throw new Error(
      `${routeKeyOf(route)}: ${why}\n  answered ${status} ${clip(result.body)}${causes.length ? `\n  logged: ${causes.join('\n')}` : ''}${unmocked}`,
    );
  };
  try {
    body = result.body ? JSON.parse(result.body) : undefined;
  } catch {
    fail('the answer is not JSON');
  }
  const outcome = status >= 400 ? `${status} ${(body as { error?: { code?: string } } | undefined)?.error?.code ?? ''}` : String(status);
  const seen = outcomes.get(routeKeyOf(route)) ?? new Map<string, number>();
  outcomes.set(routeKeyOf(route), seen.set(outcome, (seen.get(outcome) ?? 0) + 1));
  if (status >= 500) fail('a 5xx');
  if (
    Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS ||
    'polluted' in Object.prototype ||
    'isAdmin' in Object.prototype
  ) {
    fail('Object.prototype was changed');
  }
  if (route.auth !== 'public' && !input.caller.signedIn && status !== 401) fail('no signed-in caller, yet not 401');
  if (route.auth === 'admin' && input.caller.signedIn && !input.caller.admin && status !== 403)
    fail('a caller outside admins, yet not 403');
  const after = stateOf(world);
  if (status >= 400) {
    const shape = errorBodySchema.safeParse(body);
    if (!shape.success) fail(`a refusal outside the one error shape: ${describeIssues(shape.error)}`);
    const { code, message } = (body as { error: { code: ErrorCode; message: string } }).error;
    if (!codes.includes(code))
      fail(
        `${code} is not a code this route's contract lists (${codes.join(', ')}); add it in functions/lib/contract/api/responses.ts or fix the handler`,
      );
    if (errorStatuses[code] !== status) fail(`${code} came with ${status}, not its status ${errorStatuses[code]}`);
    if (!message.trim()) fail('an empty error message');
    if (after !== before) fail('a refused request changed state');
  } else {
    if (route.method === 'GET' && after !== before) fail('a GET changed state');
    // A route without a contract yet has nothing documented to hold its answer to.
    if (contract) {
      if (status !== contract.status) fail(`succeeded with ${status}; the contract says ${contract.status}`);
      const shape = contract.body?.safeParse(body);
      if (shape && !shape.success) fail(`a success body outside the contract: ${describeIssues(shape.error)}`);
      if (!contract.body && body !== undefined) fail('a body on a 204');
      if (contract.recipientToken && input.authorization?.goodFor !== input.pathParameters.id) {
        fail('succeeded without a valid access token for this link');
      }
    }
  }
}

describe.each(fuzzedRoutes.map((route) => [routeKeyOf(route), route] as const))('%s', (_key, route) => {
  it(`answers ${runsPerRoute} fuzzed requests within its contract`, async () => {
    const operation = document.paths[route.path]?.[route.method.toLowerCase()] as Operation | undefined;
    expect(operation, `${route.handler} is not in the OpenAPI document`).toBeDefined();
    const named = (await groupFunctions[route.group]()).handler.routes[route.handler]!;
    // A route still without a contract (a unit test names it) is fuzzed all the same, against any known code.
    const contract = contractOf(route.handler);
    const codes = contract
      ? errorCodesOf(route, contract, Boolean(named.spec.body ?? named.spec.query ?? named.spec.params))
      : (Object.keys(errorStatuses) as ErrorCode[]).filter((code) => code !== 'INTERNAL_ERROR');
    // Per route, from its place in the whole table, so FUZZ_ROUTE replays with the same seed.
    const seed = SEED + (routes as readonly Route[]).indexOf(route);
    const details = await fc.check(
      fc.asyncProperty(inputArb(route, operation!, hintsOf(names), names), (input) => send(route, contract, codes, input)),
      { numRuns: runsPerRoute, seed, ...(REPLAY_PATH ? { path: REPLAY_PATH, endOnFailure: true } : {}) },
    );
    if (details.failed) {
      const replay = `Replay: FUZZ_SEED=${SEED} FUZZ_ROUTE=${route.handler} FUZZ_PATH=${details.counterexamplePath ?? ''} npm run fuzz`;
      const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      throw new Error(`${why}\n\n${fc.defaultReportMessage(details) ?? 'failed'}\n${replay}`);
    }
  });
});

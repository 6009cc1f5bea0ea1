/**
 * The OpenAPI 3.1 document of the API, made from the route table (`functions/routes.ts`), the
 * request schemas each handler validates with (as its group's function carries them) and the
 * response contracts (`functions/lib/contract/api/responses.ts`), through zod's JSON Schema output.
 * The web build writes it to `<web build>/api/openapi.json` (see `contract/api/location.ts`).
 *
 * Script use: `npm run openapi [-- <file>]` (default `.build/web/api/openapi.json`).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { contractOf, errorCodesOf, namedSchemas, type RouteContract } from '../functions/lib/contract/api/responses.js';
import { OPENAPI_DOCUMENT_PATH } from '../functions/lib/contract/api/location.js';
import { errorStatuses, type ErrorCode } from '../functions/lib/errors.js';
import type { LambdaHttpHandler, NamedRoute } from '../functions/lib/http/handler.js';
import { groups, routes, type Group, type Route } from '../functions/routes.js';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, Operation>> };
export interface Operation {
  operationId: string;
  responses: Record<string, { description: string; content?: { 'application/json': { schema: JsonSchema } } }>;
  [key: string]: unknown;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type GroupEntry = () => Promise<{ handler: LambdaHttpHandler & { routes: Record<string, NamedRoute> } }>;
/** Each group's deployed function (the type makes a new group a compile error here). */
export const groupFunctions: Record<Group, GroupEntry> = {
  recipient: () => import('../functions/recipient/lambda.js'),
  files: () => import('../functions/files/lambda.js'),
  links: () => import('../functions/links/lambda.js'),
  settings: () => import('../functions/settings/lambda.js'),
};

/** The routes each group's function serves, with their request schemas. */
async function namedRoutes(): Promise<Map<string, NamedRoute>> {
  const byName = new Map<string, NamedRoute>();
  for (const group of groups) {
    const { handler } = await groupFunctions[group]();
    for (const [name, route] of Object.entries(handler.routes)) byName.set(name, route);
  }
  return byName;
}

/** `shares-get` -> `sharesGet`; `public-share-get` -> `PublicShareGet` with `upper`. */
const camel = (name: string, upper = false) =>
  name.replace(/(^|-)([a-z])/g, (_whole, dash: string, letter: string) => (dash || upper ? letter.toUpperCase() : letter));

/** zod's JSON Schema without the keywords a schema inside an OpenAPI document does not carry. */
function jsonSchemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** The one error shape with exactly the codes given. */
function errorSchema(codes: ErrorCode[]): JsonSchema {
  return {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: { code: { type: 'string', enum: codes }, message: { type: 'string' } },
        required: ['code', 'message'],
        additionalProperties: false,
      },
    },
    required: ['error'],
    additionalProperties: false,
  };
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

function parametersOf(schema: z.ZodMiniType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

function responsesOf(route: Route, contract: RouteContract, codes: ErrorCode[], bodyRef: JsonSchema | undefined): Operation['responses'] {
  const responses: Operation['responses'] = {
    [contract.status]: bodyRef ? { description: contract.summary, content: json(bodyRef) } : { description: `${contract.summary}: done` },
  };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorStatuses[code], [...(byStatus.get(errorStatuses[code]) ?? []), code]);
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const schema = errorSchema(statusCodes);
    // Behind API Gateway's JWT authorizer a missing or invalid token never reaches the handler.
    const withGateway = status === 401 && route.auth !== 'public';
    responses[status] = {
      description:
        statusCodes.join(', ') + (withGateway ? '; or API Gateway’s {"message":"Unauthorized"} for a missing or invalid token' : ''),
      content: json(withGateway ? { oneOf: [schema, { $ref: '#/components/schemas/GatewayMessage' }] } : schema),
      ...(statusCodes.includes('TOO_MANY_ATTEMPTS')
        ? { headers: { 'Retry-After': { description: 'Seconds until the next try', schema: { type: 'integer', minimum: 1 } } } }
        : {}),
    };
  }
  responses[500] = { description: 'INTERNAL_ERROR: a bug, logged with the request id', content: json(errorSchema(['INTERNAL_ERROR'])) };
  return responses;
}

/** Public routes without a token take none; owner and admin routes the Cognito IdToken. */
function securityOf(route: Route, contract: RouteContract | undefined): Record<string, string[]>[] {
  if (route.auth !== 'public') return [{ cognito: [] }];
  return contract?.recipientToken ? [{ accessToken: [] }] : [];
}

const tags: Record<Group, string> = {
  settings: 'The signed-in user, their settings, and the tenant policy (admins)',
  files: "The owner's files: listing, folders, uploads straight to S3, deleting",
  links: "The owner's share links",
  recipient: 'Recipients: opening and unlocking a link, listing and fetching its files (no account)',
};

export async function openApiDocument(): Promise<OpenApiDocument> {
  const served = await namedRoutes();
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(namedSchemas)) registry.add(schema, { id });
  const operations: { route: Route; named: NamedRoute; contract: RouteContract | undefined }[] = [];
  for (const route of routes as readonly Route[]) {
    const named = served.get(route.handler);
    const contract = contractOf(route.handler);
    if (!named) throw new Error(`functions/${route.group}/lambda.ts does not serve ${route.handler}`);
    operations.push({ route, named, contract });
    if (contract?.body && !registry.has(contract.body)) registry.add(contract.body, { id: `${camel(route.handler, true)}Response` });
  }

  const { schemas } = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
    components[id] = rest;
  }
  components.GatewayMessage = {
    type: 'object',
    description: 'An answer of API Gateway itself (no route, unauthorized, body over 10 MB)',
    properties: { message: { type: 'string' } },
    required: ['message'],
    additionalProperties: false,
  };

  const bodyRefOf = (contract: RouteContract) =>
    contract.body ? { $ref: `#/components/schemas/${registry.get(contract.body)!.id}` } : undefined;
  const paths: OpenApiDocument['paths'] = {};
  for (const { route, named, contract } of operations) {
    const { spec } = named;
    const parameters = [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')];
    const operation: Operation = {
      operationId: camel(route.handler),
      summary: contract?.summary ?? `${route.handler} (answers not documented yet)`,
      tags: [route.group],
      ...(route.auth === 'admin' ? { description: 'Administrators only: members of the Cognito group `admins`.' } : {}),
      security: securityOf(route, contract),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: json(jsonSchemaOf(spec.body, 'input')) } } : {}),
      // A route still without a contract is listed, not left out: the unit tests name it until it has one.
      responses: contract
        ? responsesOf(route, contract, errorCodesOf(route, contract, Boolean(spec.body ?? spec.query ?? spec.params)), bodyRefOf(contract))
        : { default: { description: 'Not documented yet: add its contract to functions/lib/contract/api/responses.ts' } },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }

  const { version } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return {
    openapi: '3.1.1',
    info: {
      title: 'ShareLink API',
      version,
      summary: 'Share links to files with passwords, expiry and device binding',
      description:
        'Generated from the route table and the schemas the handlers validate with. The prose (flows, errors, limits) is docs/api.md in the repository.',
    },
    servers: [{ url: '/', description: 'The site itself: CloudFront forwards /api/* to the HTTP API (`npm start` serves the same paths)' }],
    tags: groups.map((group) => ({ name: group, description: tags[group] })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A Cognito IdToken (InitiateAuth with USER_PASSWORD_AUTH against cognitoEndpoint of /config.json), checked by API Gateway's JWT authorizer",
        },
        accessToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The access token that POST /api/public/shares/{id}/access returns (valid at most an hour, re-checked against the link on every request)',
        },
      },
    },
  };
}

/** Writes the document as JSON; returns the file written. */
export async function writeOpenApiDocument(file: string): Promise<string> {
  const document = await openApiDocument();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

/** Where the web build puts the document inside its output folder. */
export const openApiFileIn = (webDir: string) => path.join(webDir, ...OPENAPI_DOCUMENT_PATH.split('/').filter(Boolean));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? openApiFileIn(path.join(repoRoot, '.build', 'web')));
  await writeOpenApiDocument(file);
  console.log(`OpenAPI document written to ${path.relative(process.cwd(), file) || file}`);
}

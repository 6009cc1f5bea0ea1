import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument, writeOpenApiDocument, type OpenApiDocument } from '../../../bin/openapi.js';
import { contractOf, routeContracts } from '../../../functions/lib/contract/api/responses.js';
import { routes, type Route } from '../../../functions/routes.js';

const allRoutes = routes as readonly Route[];
let dir: string;
let document: OpenApiDocument;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sharelink-openapi-'));
  document = await openApiDocument();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the API contract (functions/lib/contract/api/responses.ts)', () => {
  it('has a response contract for every route of the route table', () => {
    const missing = allRoutes
      .filter((route) => !contractOf(route.handler))
      .map((route) => `${route.method} ${route.path} (${route.handler})`);
    expect(missing, 'add these routes to routeContracts in functions/lib/contract/api/responses.ts').toEqual([]);
  });

  it('has no contract for a route the table does not have', () => {
    const stale = Object.keys(routeContracts).filter((name) => !allRoutes.some((route) => route.handler === name));
    expect(stale).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('has one operation per route, with the security its auth needs', () => {
    const operations = Object.entries(document.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${template}`, operation })),
    );
    expect(operations.map((op) => op.key).sort()).toEqual(allRoutes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of allRoutes.filter((entry) => contractOf(entry.handler))) {
      const operation = document.paths[route.path]![route.method.toLowerCase()]!;
      const expected = route.auth !== 'public' ? [{ cognito: [] }] : contractOf(route.handler)?.recipientToken ? [{ accessToken: [] }] : [];
      expect(operation.security, route.handler).toEqual(expected);
      expect(Object.keys(operation.responses), route.handler).toContain('500');
    }
  });

  it('documents the request schemas the handlers validate with (an upload takes path, size and contentType)', () => {
    const upload = document.paths['/api/files/uploads']!.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { required: string[]; properties: Record<string, unknown> } } } };
    };
    const schema = upload.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties).sort()).toEqual(['contentType', 'path', 'size']);
    expect(schema.required.sort()).toEqual(['path', 'size']);
    const events = document.paths['/api/shares/{id}/events']!.get as unknown as { parameters: { name: string; in: string }[] };
    expect(events.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:cursor', 'query:limit']);
  });

  it('passes Redocly’s recommended rules (redocly lint, offline)', async () => {
    const file = await writeOpenApiDocument(path.join(dir, 'openapi.json'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(document);
    const run = promisify(execFile)(
      path.resolve('node_modules/.bin/redocly'),
      ['lint', '--config', 'redocly.yaml', '--format', 'stylish', file],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      },
    );
    const result = await run.catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`redocly lint failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    expect(`${result.stdout}${result.stderr}`).toMatch(/valid/i);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/warning/i);
  }, 60_000);
});

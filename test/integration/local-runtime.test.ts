import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, DynamoDBStreamEvent } from 'aws-lambda';
import { SignJWT, decodeJwt, generateKeyPair, importJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createApiGateway, type GatewayRoute } from '../../bin/local/gateway.js';
import { createLambdaHost, type LambdaFunction, type LambdaHost } from '../../bin/local/lambda.js';
import { startLocal, type LocalRuntime } from '../../bin/local/runtime.js';
import { pollTableStream } from '../../bin/local/table-stream.js';
import { api, appConfig, signIn } from '../support/local-runtime.js';
import type { RuntimeProcessInfo } from '../support/local-runtime-process.js';

const baseUrl = () => inject('baseUrl');

describe('the local runtime as the browser sees it', () => {
  it('serves /config.json with the user pool and a Cognito endpoint on this machine', async () => {
    const config = await appConfig(baseUrl());
    expect(Object.keys(config).sort()).toEqual(['cognitoEndpoint', 'region', 'userPoolClientId', 'userPoolId']);
    expect(config.userPoolId).toMatch(/^\w+_\w+$/);
    expect(config.userPoolClientId).toMatch(/^\w+$/);
    expect(new URL(config.cognitoEndpoint).hostname).toBe('127.0.0.1');
  });

  it('lets a page on the app origin call the Cognito endpoint cross-origin', async () => {
    const { cognitoEndpoint } = await appConfig(baseUrl());
    const preflight = await fetch(cognitoEndpoint, {
      method: 'OPTIONS',
      headers: {
        origin: baseUrl(),
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(['*', baseUrl()]).toContain(preflight.headers.get('access-control-allow-origin'));
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-target');
  });

  it('signs the demo user in through cognitoEndpoint and the API accepts the IdToken', async () => {
    const token = await signIn(baseUrl(), inject('demoEmail'), inject('demoPassword'));
    expect(decodeJwt(token).token_use).toBe('id');
    const me = await api(baseUrl(), token).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: inject('demoEmail'), isAdmin: false });
  });

  it('passes the admin group through to the handlers', async () => {
    const token = await signIn(baseUrl(), inject('adminEmail'), inject('demoPassword'));
    const me = await api(baseUrl(), token).get('/api/me');
    expect(me.body).toMatchObject({ email: inject('adminEmail'), isAdmin: true });
  });

  it('answers 401 like API Gateway without a token, with garbage, or with a token it did not issue', async () => {
    const real = decodeJwt(await signIn(baseUrl(), inject('demoEmail'), inject('demoPassword')));
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...real, 'cognito:groups': ['admins'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
      .sign(privateKey);
    for (const token of [undefined, 'not-a-jwt', forged]) {
      const reply = await api(baseUrl(), token).get('/api/me');
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ message: 'Unauthorized' });
    }
  });

  it('checks issuer, audience and expiry of tokens signed with cognito-local’s own key', async () => {
    const real = decodeJwt(await signIn(baseUrl(), inject('demoEmail'), inject('demoPassword')));
    // cognito-local signs every pool's tokens with this published key, so only the claims tell pools apart.
    const { jwk } = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: JWK };
    const key = await importJWK(jwk, 'RS256');
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ ...real, ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(key);
    const now = Math.floor(Date.now() / 1000);
    expect((await api(baseUrl(), await sign({})).get('/api/me')).status).toBe(200);
    for (const [what, claims] of [
      ['another pool', { iss: `${real.iss}x` }],
      ['another app client', { aud: 'someone-else' }],
      ['expired', { iat: now - 7200, exp: now - 3600 }],
    ] as const) {
      const reply = await api(baseUrl(), await sign(claims)).get('/api/me');
      expect(reply.status, what).toBe(401);
    }
  });

  it('serves the recipient page for /s/<anything> and the owner app for /', async () => {
    const share = await fetch(`${baseUrl()}/s/abc`);
    const shareHtml = await share.text();
    expect(share.status).toBe(200);
    expect(share.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(share.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(shareHtml).toBe(await (await fetch(`${baseUrl()}/share.html`)).text());
    const owner = await (await fetch(`${baseUrl()}/`)).text();
    expect(owner).toBe(await (await fetch(`${baseUrl()}/index.html`)).text());
    expect(owner).not.toBe(shareHtml);
  });

  it('serves the pages’ assets with their content types', async () => {
    const html = await (await fetch(`${baseUrl()}/s/abc`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1] as string);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await fetch(`${baseUrl()}${asset}`);
      expect(response.status, asset).toBe(200);
      const expected = asset.endsWith('.js')
        ? 'text/javascript'
        : asset.endsWith('.css')
          ? 'text/css'
          : asset.endsWith('.svg')
            ? 'image/svg+xml'
            : '';
      expect(response.headers.get('content-type'), asset).toContain(expected);
    }
  });

  it('never serves files outside the web build', async () => {
    for (const attempt of ['/%2e%2e/%2e%2e/package.json', '/assets/%2e%2e%2f%2e%2e%2fpackage.json', '/..%5c..%5cpackage.json']) {
      const response = await fetch(`${baseUrl()}${attempt}`);
      expect(response.status, attempt).toBe(404);
      expect(await response.text()).not.toContain('"devDependencies"');
    }
  });

  it('answers request targets that are not a path with 400 and keeps serving', async () => {
    const { port } = new URL(baseUrl());
    for (const target of ['*', 'http://elsewhere.example/api/me']) {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.end(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
        );
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(reply, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect((await fetch(`${baseUrl()}/config.json`)).status).toBe(200);
  });

  it('answers unknown API paths and methods with API Gateway’s 404 JSON and keeps serving', async () => {
    for (const [method, path] of [
      ['GET', '/api/nope'],
      ['PUT', '/api/shares'],
      ['GET', '/api/me/'],
      ['POST', '/api/public/shares'],
    ]) {
      const reply = await api(baseUrl()).request(method as string, path as string);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body).toEqual({ message: 'Not Found' });
    }
    expect((await fetch(`${baseUrl()}/config.json`)).status).toBe(200);
  });

  it('refuses request bodies over 10 MB with 413, as API Gateway does, with or without a content length', async () => {
    const url = `${baseUrl()}/api/public/shares/${'a'.repeat(22)}/access`;
    const declared = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(10 * 1024 * 1024 + 1),
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ message: 'Request Entity Too Large' });
    let chunksLeft = 11;
    const streamed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          if (chunksLeft-- > 0) controller.enqueue(new Uint8Array(1024 * 1024));
          else controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('lets the browser PUT to presigned upload URLs from the app origin (bucket CORS, ETag exposed)', async () => {
    const token = await signIn(baseUrl(), inject('demoEmail'), inject('demoPassword'));
    const start = await api(baseUrl(), token).post('/api/files/uploads', {
      path: `local-runtime-${Date.now()}/cors.txt`,
      size: 5,
      contentType: 'text/plain',
    });
    expect(start.status).toBe(200);
    const preflight = (origin: string) =>
      fetch(start.body.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(baseUrl());
    expect(allowed.status).toBe(200);
    // s3rver answers a matching preflight with "*"; real S3 echoes the origin.
    expect(['*', baseUrl()]).toContain(allowed.headers.get('access-control-allow-origin'));
    expect((await preflight('http://elsewhere.example')).status).toBe(403);
    const put = await fetch(start.body.url, { method: 'PUT', headers: { ...start.body.headers, origin: baseUrl() }, body: 'hello' });
    expect(put.status).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toBe(baseUrl());
    expect(put.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('etag');
  });
});

/** The gateway emulation alone, in front of handlers written here. */
describe('API Gateway emulation', () => {
  const testRoutes: (GatewayRoute & { handler: string })[] = [
    { method: 'POST', path: '/api/things/{id}', handler: 'echo', auth: 'public' },
    { method: 'POST', path: '/api/things/special', handler: 'special', auth: 'public' },
    { method: 'GET', path: '/api/private', handler: 'echo', auth: 'owner' },
    { method: 'GET', path: '/api/broken', handler: 'broken', auth: 'public' },
    { method: 'GET', path: '/api/plain', handler: 'plain', auth: 'public' },
  ];
  const received: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
  const functions = new Map<string, LambdaFunction>([
    [
      'echo',
      async (event) => {
        received.push(event as APIGatewayProxyEventV2WithJWTAuthorizer);
        return { statusCode: 201, headers: { 'X-Echo': 'yes' }, cookies: ['a=1', 'b=2'], body: '{"ok":true}' };
      },
    ],
    ['special', async () => ({ statusCode: 200, body: 'special' })],
    [
      'broken',
      async () => {
        throw new Error('handler bug');
      },
    ],
    ['plain', async () => ({ hello: 'world' })],
  ]);
  const logError = vi.fn();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const gateway = createApiGateway({
      routes: testRoutes,
      target: (route) => ({ name: `sharelink-${route.handler}`, invoke: functions.get(route.handler)! }),
      authorize: async (header) =>
        header === 'Bearer good' ? { claims: { sub: 'user-1', 'cognito:groups': ['admins'] }, scopes: null } : undefined,
      logError,
    });
    server = createServer((req, res) => void gateway(req, res, new URL(`http://127.0.0.1${req.url}`)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('hands the handler a payload 2.0 event', async () => {
    received.length = 0;
    const response = await fetch(`${url}/api/things/a%20b?x=1&x=2&y=%C3%A9`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: 'c1=v1; c2=v2', 'User-Agent': 'test-agent' },
      body: '{"name":"n"}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ ok: true });
    const event = received[0]!;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/things/{id}',
      rawPath: '/api/things/a%20b',
      rawQueryString: 'x=1&x=2&y=%C3%A9',
      queryStringParameters: { x: '1,2', y: 'é' },
      pathParameters: { id: 'a b' },
      cookies: ['c1=v1', 'c2=v2'],
      body: '{"name":"n"}',
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'POST /api/things/{id}',
        stage: '$default',
        http: { method: 'POST', path: '/api/things/a%20b', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test-agent' },
      },
    });
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5000);
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('base64-encodes bodies that are not text', async () => {
    received.length = 0;
    await fetch(`${url}/api/things/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255, 1]),
    });
    expect(received[0]).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0, 255, 1]).toString('base64') });
  });

  it('prefers the route with the literal segment, as API Gateway does', async () => {
    const response = await fetch(`${url}/api/things/special`, { method: 'POST' });
    expect(await response.text()).toBe('special');
  });

  it('puts the authorizer claims in requestContext.authorizer.jwt, groups as an array', async () => {
    received.length = 0;
    expect((await fetch(`${url}/api/private`)).status).toBe(401);
    expect(received).toHaveLength(0);
    await fetch(`${url}/api/private`, { headers: { authorization: 'Bearer good' } });
    expect(received[0]?.requestContext.authorizer).toEqual({
      principalId: '',
      integrationLatency: 0,
      jwt: { claims: { sub: 'user-1', 'cognito:groups': ['admins'] }, scopes: null },
    });
  });

  it('turns a handler that throws into a logged 500 and keeps serving', async () => {
    logError.mockClear();
    const response = await fetch(`${url}/api/broken`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(logError).toHaveBeenCalledWith(expect.stringContaining('GET /api/broken'), expect.objectContaining({ message: 'handler bug' }));
    expect((await fetch(`${url}/api/things/special`, { method: 'POST' })).status).toBe(200);
  });

  it('sends a result without statusCode as a JSON 200', async () => {
    const response = await fetch(`${url}/api/plain`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ hello: 'world' });
  });
});

/** The Lambda host process alone, with bundles written here. */
describe('Lambda host', () => {
  let codeDir: string;
  let host: LambdaHost;

  beforeAll(async () => {
    codeDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-lambda-host-'));
    await writeFile(path.join(codeDir, 'package.json'), '{"type":"module"}');
    await writeFile(
      path.join(codeDir, 'probe.js'),
      `export const handler = async (event, context) => {
        if (event.crash) process.exit(3);
        if (event.fail) throw new Error('probe failed');
        return { env: process.env.PROBE_ENV, pid: process.pid, cwd: process.cwd(), functionName: context.functionName, remaining: context.getRemainingTimeInMillis() };
      };`,
    );
    host = createLambdaHost({ env: { ...process.env, PROBE_ENV: 'from the host env' }, codeDir });
  });
  afterAll(async () => {
    await host.stop();
    await rm(codeDir, { recursive: true, force: true });
  });

  it('runs a bundle in its own process, with the function environment, a context and the code dir as cwd', async () => {
    const probe = host.function('sharelink-probe', path.join(codeDir, 'probe.js'), 30_000);
    const result = (await probe({})) as Record<string, unknown>;
    expect(result).toMatchObject({ env: 'from the host env', cwd: codeDir, functionName: 'sharelink-probe' });
    expect(result.pid).not.toBe(process.pid);
    expect(result.remaining).toBeGreaterThan(29_000);
    expect(process.env.PROBE_ENV).toBeUndefined();
  });

  it('rejects with the handler’s error, and starts a new process after a crash', async () => {
    const probe = host.function('sharelink-probe', path.join(codeDir, 'probe.js'), 30_000);
    await expect(probe({ fail: true })).rejects.toThrow('probe failed');
    const before = ((await probe({})) as { pid: number }).pid;
    await expect(probe({ crash: true })).rejects.toThrow(/Lambda host process exited/);
    const after = ((await probe({})) as { pid: number }).pid;
    expect(after).not.toBe(before);
  });
});

/** Every process whose command line or working directory is inside `dir` (Linux /proc). */
function processesUsing(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (commandLine.includes(dir) || cwd.startsWith(dir)) found.push(`${pid}: ${commandLine}`);
    } catch {
      // exited while we looked
    }
  }
  return found;
}

/** Starts test/support/local-runtime-process.ts and waits for the runtime it describes. */
async function startRuntimeProcess(dataDir: string): Promise<{ child: ChildProcess; info: RuntimeProcessInfo }> {
  const script = fileURLToPath(new URL('../support/local-runtime-process.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<RuntimeProcessInfo>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) resolve(JSON.parse(line) as RuntimeProcessInfo);
    });
    child.once('exit', (code) => reject(new Error(`the runtime process exited (${code}) before it was ready`)));
  });
  return { child, info };
}

describe('a runtime of its own', () => {
  let dataDir: string;
  let runtime: LocalRuntime | undefined;
  let runtimeProcess: { child: ChildProcess; info: RuntimeProcessInfo } | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-restart-'));
  });
  afterAll(async () => {
    await runtime?.stop();
    runtimeProcess?.child.kill('SIGKILL');
    await vi.waitFor(() => expect(processesUsing(dataDir)).toEqual([]), { timeout: 15_000, interval: 200 }).catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
  });

  const dynamo = (endpoint: string) =>
    new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });

  it('keeps data across a restart, and stop() ends every child process', { timeout: 240_000 }, async () => {
    runtime = await startLocal({ dataDir, port: 0, sesPort: 0, quiet: true });
    const first = { userPoolId: runtime.userPoolId, userPoolClientId: runtime.userPoolClientId };
    await expect(startLocal({ dataDir, port: 0, sesPort: 0, quiet: true })).rejects.toThrow(/already running/);
    const client = dynamo(runtime.endpoints.dynamodb);
    await client.send(
      new PutItemCommand({ TableName: runtime.tableName, Item: { pk: { S: 'TEST#restart' }, sk: { S: 'ITEM' }, note: { S: 'kept' } } }),
    );
    client.destroy();
    await runtime.stop();
    runtime = undefined;
    expect(processesUsing(dataDir)).toEqual([]);

    runtimeProcess = await startRuntimeProcess(dataDir);
    const { info } = runtimeProcess;
    expect({ userPoolId: info.userPoolId, userPoolClientId: info.userPoolClientId }).toEqual(first);
    const again = dynamo(info.endpoints.dynamodb);
    const { Item } = await again.send(
      new GetItemCommand({ TableName: info.tableName, Key: { pk: { S: 'TEST#restart' }, sk: { S: 'ITEM' } } }),
    );
    again.destroy();
    expect(Item?.note?.S).toBe('kept');
    const token = await signIn(info.url, info.demo.email, info.demo.password);
    expect((await api(info.url, token).get('/api/me')).status).toBe(200);
  });

  it('delivers table stream records to a consumer as DynamoDBStreamEvents', { timeout: 120_000 }, async () => {
    const info = runtimeProcess?.info;
    if (!info) throw new Error('needs the runtime process of the previous test');
    const client = dynamo(info.endpoints.dynamodb);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: info.tableName }));
    const events: DynamoDBStreamEvent[] = [];
    let failOnce = true;
    const poller = pollTableStream({
      client: new DynamoDBStreamsClient({
        endpoint: info.endpoints.dynamodb,
        region: 'us-east-1',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
      streamArn: Table!.LatestStreamArn!,
      region: 'us-east-1',
      handler: async (event) => {
        events.push(event);
        if (failOnce) {
          failOnce = false;
          throw new Error('first delivery fails');
        }
      },
      logError: () => {},
      idleMs: 50,
    });
    try {
      // Let the poller take its iterators before writing.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await client.send(
        new PutItemCommand({ TableName: info.tableName, Item: { pk: { S: 'TEST#stream' }, sk: { S: 'ITEM' }, n: { N: '1' } } }),
      );
      await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 100 });
      const record = events[1]!.Records[0]!;
      expect(record).toMatchObject({
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        eventSourceARN: Table!.LatestStreamArn,
        dynamodb: {
          Keys: { pk: { S: 'TEST#stream' }, sk: { S: 'ITEM' } },
          NewImage: { n: { N: '1' } },
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      });
      expect(typeof record.dynamodb?.ApproximateCreationDateTime).toBe('number');
      // The failed batch was delivered again, unchanged.
      expect(events[0]).toEqual(events[1]);
    } finally {
      await poller.stop();
      client.destroy();
    }
  });

  it('leaves no process behind when the runtime’s process is killed outright', { timeout: 60_000 }, async () => {
    const started = runtimeProcess;
    if (!started) throw new Error('needs the runtime process of the first test');
    expect(processesUsing(dataDir).some((line) => line.includes('java'))).toBe(true);
    started.child.kill('SIGKILL');
    await vi.waitFor(() => expect(processesUsing(dataDir)).toEqual([]), { timeout: 15_000, interval: 200 });
    runtimeProcess = undefined;
  });
});

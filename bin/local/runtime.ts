/**
 * The local runtime behind `npm start` and the e2e tests: DynamoDB Local, s3rver,
 * aws-ses-v2-local and cognito-local on 127.0.0.1, provisioned like the deployed stack,
 * and one HTTP server playing CloudFront + API Gateway in front of the same function
 * bundles that are deployed. Data persists under `dataDir`.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { S3Client } from '@aws-sdk/client-s3';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { OPENAPI_DOCUMENT_PATH } from '../../functions/lib/contract/api/location.js';
import { ENV, SERVICE_NAME, environmentKeysFor, type EnvironmentNeeds } from '../../functions/lib/contract/environment.js';
import { ADMIN_GROUP } from '../../functions/lib/contract/identity.js';
import { rendererEnvironmentNeeds, rendererFunction } from '../../functions/lib/contract/renderer.js';
import { consumerEnvironmentNeeds, matchesStreamFilters, notifyConsumer } from '../../functions/lib/contract/streams.js';
import { formatSenderIdentity } from '../../functions/lib/domain/senders.js';
import { environmentNeedsOf, groupAccess, groups, routes } from '../../functions/routes.js';
import { contentSecurityPolicy } from '../../infra/edge.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, clientConfig } from './aws.js';
import { bundleHandlers } from './bundle.js';
import { DataDirLock, type ManagedChild } from './children.js';
import { provisionUserPool, startCognito, type DemoAccount } from './cognito.js';
import { provisionTable, startDynamoDb } from './dynamodb.js';
import { createApiGateway } from './gateway.js';
import { createJwtAuthorizer } from './jwt-authorizer.js';
import { createLambdaHost, withTimeout, type LambdaFunction } from './lambda.js';
import { startLambdaApi, type InvokableFunction } from './lambda-api.js';
import { bundleRenderer } from './renderer.js';
import { startFrontServer } from './front-server.js';
import { LOCAL_HOST, freePort } from './ports.js';
import { provisionBucket, startS3 } from './s3.js';
import { startSes } from './ses.js';
import { ensureSigningKey, readState, writeState } from './state.js';
import { buildSite, createStaticSite } from './static-site.js';
import { pollTableStream } from './table-stream.js';

export interface StartLocalOptions {
  /** Everything persistent lives here (`<repo>/.local` for `npm start`, a temp dir in tests). */
  dataDir: string;
  /** App + API port; 0 = any free port. Default 3000. */
  port?: number;
  /** Email inbox port; 0 = any free port. Default 8005. */
  sesPort?: number;
  /** No progress output (errors are still logged). */
  quiet?: boolean;
}

export interface Account {
  email: string;
  /** Display name (Cognito `name`), as recipients see the sharer. */
  name: string;
  password: string;
}

export interface LocalRuntime {
  /** App origin, e.g. http://127.0.0.1:3000 (no trailing slash); also PUBLIC_BASE_URL. */
  url: string;
  /** The aws-ses-v2-local web inbox (`GET <inboxUrl>/store` lists sent emails as JSON). */
  inboxUrl: string;
  demo: Account;
  admin: Account;
  stop(): Promise<void>;
  /** For tests that look behind the API. */
  dataDir: string;
  tableName: string;
  bucketName: string;
  userPoolId: string;
  userPoolClientId: string;
  endpoints: { dynamodb: string; s3: string; cognito: string; ses: string };
  /** Stops and restarts the local SES (emails stored so far stay), to test sending through an outage. */
  ses: { stop(): Promise<void>; start(): Promise<void> };
}

export const TABLE_NAME = 'sharelink';
export const FILES_BUCKET = 'sharelink-files';
export const DEMO_PASSWORD_DEFAULT = 'Demo-password-1';
/**
 * Deployed functions time out after 10 s; a laptop running the whole stack (or CI running
 * the tests on two cores) is slower, so locally only API Gateway's 30 s limit applies.
 */
const FUNCTION_TIMEOUT_MS = 30_000;
/** The renderer's own function timeout, as deployed (infra/renderer-asset.ts `rendererFunctionDefaults`). */
const RENDERER_TIMEOUT_MS = 20_000;
/** What the recipient function invokes (RENDERER_FUNCTION_NAME); its Lambda client reaches the local Invoke API. */
export const RENDERER_FUNCTION_NAME = `sharelink-${rendererFunction.name}`;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const functionsDir = path.join(repoRoot, 'functions');

/** Data dirs with a runtime in this process (other processes are kept out by DataDirLock). */
const activeDataDirs = new Set<string>();

type Cleanup = () => Promise<unknown>;

/** What every local function process gets: region, credentials and endpoints of the local services. */
function platformEnvironment(env: { endpoints: LocalRuntime['endpoints']; lambda: string; quiet: boolean }): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  // Anything pointing the SDK at real AWS would be wrong here, and the runtime's NODE_OPTIONS (a debugger, a loader) are not the functions'.
  for (const name of [
    'AWS_PROFILE',
    'AWS_SESSION_TOKEN',
    'AWS_ENDPOINT_URL',
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
    'NODE_OPTIONS',
    ...Object.values(ENV),
  ]) {
    delete inherited[name];
  }
  return {
    ...inherited,
    // Tests want failures, not every request's INFO line; an explicit level still wins.
    ...(env.quiet && !process.env.POWERTOOLS_LOG_LEVEL ? { POWERTOOLS_LOG_LEVEL: 'WARN' } : {}),
    [ENV.s3ForcePathStyle]: '1',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: env.endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: env.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: env.endpoints.s3,
    AWS_ENDPOINT_URL_SES: env.endpoints.ses,
    AWS_ENDPOINT_URL_SESV2: env.endpoints.ses,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: env.endpoints.cognito,
    AWS_ENDPOINT_URL_LAMBDA: env.lambda,
  };
}

/**
 * One function's own variables, as `infra/` gives them when deployed (contract/environment.ts),
 * except that the signing key comes from a file and there is no CloudFront, so no origin secret.
 */
export function functionEnvironment(needs: EnvironmentNeeds, values: { appUrl: string; signingKeyFile: string }): Record<string, string> {
  const local: Partial<Record<keyof typeof ENV, string>> = {
    serviceName: SERVICE_NAME,
    publicBaseUrl: values.appUrl,
    tableName: TABLE_NAME,
    filesBucket: FILES_BUCKET,
    // Said outright, not implied by a missing identity: any sender, every email in the local inbox.
    senderIdentity: formatSenderIdentity({ mode: 'local' }),
    rendererFunctionName: RENDERER_FUNCTION_NAME,
  };
  const environment: Record<string, string> = {};
  for (const key of environmentKeysFor(needs)) {
    if (key === 'signingKeySecretId') environment[ENV.signingKeyFile] = values.signingKeyFile;
    else if (local[key] !== undefined) environment[ENV[key]] = local[key];
  }
  return environment;
}

function logError(message: string, error: unknown): void {
  console.error(`[local] ${message}:`, error);
}

/**
 * Promise.all that waits for every promise before failing, so nothing started by a
 * sibling is still coming up (and missing from the cleanups) when start-up is undone.
 */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  for (const extra of failures.slice(1)) logError('also failed during start-up', extra.reason);
  if (failures[0]) throw failures[0].reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

export async function startLocal(options: StartLocalOptions): Promise<LocalRuntime> {
  const dataDir = path.resolve(options.dataDir);
  if (activeDataDirs.has(dataDir)) throw new Error(`A local runtime is already running on ${dataDir} in this process.`);
  activeDataDirs.add(dataDir);
  const quiet = options.quiet ?? false;
  const started = Date.now();
  const log = (line: string) => {
    if (!quiet) console.log(`[local] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const cleanups: Cleanup[] = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => logError('stopping failed', error));
    }
  };

  try {
    await mkdir(dataDir, { recursive: true });
    const lock = new DataDirLock(dataDir);
    lock.claim();
    cleanups.push(() => Promise.resolve(lock.release()));
    const supervise = (child: ManagedChild) => cleanups.push(() => child.stop());
    const state = await readState(dataDir);
    const functionsBuildDir = path.join(dataDir, 'build', 'functions');

    const front = await startFrontServer({ port: options.port ?? 3000, logError });
    cleanups.push(() => front.close());
    const { port } = front;
    const appUrl = `http://${LOCAL_HOST}:${port}`;
    log(`listening on ${appUrl}`);

    const demoPassword = process.env.SHARELINK_DEMO_PASSWORD || DEMO_PASSWORD_DEFAULT;
    const accounts: DemoAccount[] = [
      { email: 'demo@example.com', name: 'Dana Demo', password: demoPassword, groups: [] },
      { email: 'admin@example.com', name: 'Alex Admin', password: demoPassword, groups: [ADMIN_GROUP] },
    ];
    // The functions as deployed: one per route group, and the table stream's consumer.
    const functionNames: string[] = [...groups, notifyConsumer.name];
    const cognitoPort = await freePort(state.cognitoPort);

    // Everything independent starts at once; each piece registers its cleanup as soon as it exists.
    // Functions other functions invoke through the local Lambda API (filled in once they run).
    const invokable = new Map<string, InvokableFunction>();
    const [dynamo, s3, cognito, ses, bundles, , rendererEntry, lambdaApi] = await settleAll([
      (async () => {
        const db = await startDynamoDb({ dbDir: path.join(dataDir, 'dynamodb'), buildDir: path.join(dataDir, 'build') });
        supervise(db.child);
        const client = new DynamoDBClient(clientConfig(db.endpoint));
        const { streamArn } = await provisionTable(client, TABLE_NAME).finally(() => client.destroy());
        log(`DynamoDB Local ready on ${db.endpoint}, table ${TABLE_NAME}`);
        return { ...db, streamArn };
      })(),
      (async () => {
        const files = await startS3({ dir: path.join(dataDir, 's3') });
        supervise(files.child);
        const client = new S3Client({ ...clientConfig(files.endpoint), forcePathStyle: true });
        await provisionBucket(client, FILES_BUCKET, [appUrl, `http://localhost:${port}`]).finally(() => client.destroy());
        log(`s3rver ready on ${files.endpoint}, bucket ${FILES_BUCKET}`);
        return files;
      })(),
      (async () => {
        const idp = await startCognito({ dir: path.join(dataDir, 'cognito'), port: cognitoPort, quiet });
        supervise(idp.child);
        const client = new CognitoIdentityProviderClient(clientConfig(idp.endpoint));
        const ids = await provisionUserPool(client, state, accounts).finally(() => client.destroy());
        log(`cognito-local ready on ${idp.endpoint}, user pool ${ids.userPoolId}`);
        return { ...idp, ...ids };
      })(),
      (async () => {
        const inbox = await startSes(options.sesPort ?? 8005);
        cleanups.push(() => inbox.stop());
        return inbox;
      })(),
      (async () => {
        const { bundles: built, reused } = await bundleHandlers({ functionsDir, functions: functionNames, outDir: functionsBuildDir });
        log(reused ? `reusing the bundles of ${built.size} unchanged functions` : `bundled ${built.size} functions`);
        return built;
      })(),
      (async () => {
        await buildSite({ repoRoot, outDir: path.join(dataDir, 'build', 'web'), log });
        log('built the web app');
      })(),
      (async () => {
        const entry = await bundleRenderer({ repoRoot, outDir: path.join(dataDir, 'build', 'renderer') });
        log('bundled the preview renderer');
        return entry;
      })(),
      (async () => {
        const api = await startLambdaApi({ functions: invokable, logError });
        cleanups.push(() => api.close());
        return api;
      })(),
    ] as const);

    await writeState(dataDir, { userPoolId: cognito.userPoolId, userPoolClientId: cognito.userPoolClientId, cognitoPort });
    const endpoints = { dynamodb: dynamo.endpoint, s3: s3.endpoint, cognito: cognito.endpoint, ses: ses.endpoint };
    const platform = platformEnvironment({ endpoints, lambda: lambdaApi.endpoint, quiet });
    const localValues = { appUrl, signingKeyFile: await ensureSigningKey(dataDir) };
    /** Each function in its own host process with its own environment, as each is its own Lambda. */
    const lambdaFunction = (name: string, needs: EnvironmentNeeds) => {
      const host = createLambdaHost({ env: { ...platform, ...functionEnvironment(needs, localValues) }, codeDir: functionsBuildDir });
      cleanups.push(() => host.stop());
      return host.function(`sharelink-${name}`, bundles.get(name) as string, FUNCTION_TIMEOUT_MS);
    };
    const functions = new Map(groups.map((group) => [group as string, lambdaFunction(group, environmentNeedsOf(groupAccess(group)))]));
    // The renderer in its own host process, its code in its own folder (cwd), as its own Lambda.
    const rendererHost = createLambdaHost({
      env: { ...platform, ...functionEnvironment(rendererEnvironmentNeeds, localValues) },
      codeDir: path.dirname(rendererEntry),
    });
    cleanups.push(() => rendererHost.stop());
    invokable.set(RENDERER_FUNCTION_NAME, {
      invoke: rendererHost.function(RENDERER_FUNCTION_NAME, rendererEntry, RENDERER_TIMEOUT_MS),
      timeoutMs: RENDERER_TIMEOUT_MS,
    });
    log(`preview renderer on the local Lambda API ${lambdaApi.endpoint}`);

    const streams = new DynamoDBStreamsClient(clientConfig(dynamo.endpoint));
    const notify = lambdaFunction(notifyConsumer.name, consumerEnvironmentNeeds(notifyConsumer));
    const poller = pollTableStream({
      client: streams,
      streamArn: dynamo.streamArn,
      region: LOCAL_REGION,
      handler: (event: DynamoDBStreamEvent) => withTimeout(notify, `sharelink-${notifyConsumer.name}`, event, FUNCTION_TIMEOUT_MS),
      // The deployed event source mapping's filter criteria, from the same contract.
      filter: (record) =>
        matchesStreamFilters(notifyConsumer.filters, {
          eventName: record.eventName,
          newImage: record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) : undefined,
        }),
      // Where the deployed mapping's dead-letter queue would get what failed every retry.
      deadLetterFile: path.join(dataDir, 'stream-dead-letters.jsonl'),
      logError,
    });
    cleanups.push(async () => {
      await poller.stop();
      streams.destroy();
    });
    log(`table stream -> ${notifyConsumer.name}`);

    const issuer = `${cognito.endpoint}/${cognito.userPoolId}`;
    const gateway = createApiGateway({
      routes,
      target: (route) => ({ name: `sharelink-${route.group}`, invoke: functions.get(route.group) as LambdaFunction }),
      authorize: createJwtAuthorizer({ issuer, jwksUrl: `${issuer}/.well-known/jwks.json`, audience: cognito.userPoolClientId }),
      logError,
    });
    const site = createStaticSite({
      webDir: path.join(dataDir, 'build', 'web'),
      securityHeaders: {
        'content-security-policy': contentSecurityPolicy({ cognito: cognito.endpoint, files: s3.endpoint }),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      },
    });
    const config = JSON.stringify({
      region: LOCAL_REGION,
      userPoolId: cognito.userPoolId,
      userPoolClientId: cognito.userPoolClientId,
      cognitoEndpoint: cognito.endpoint,
    });
    front.serve(async (req, res, url) => {
      // As CloudFront: the OpenAPI document comes from the web build, ahead of the /api/* behaviour.
      if (url.pathname === OPENAPI_DOCUMENT_PATH) return site(req, res, url);
      if (url.pathname.startsWith('/api/')) return gateway(req, res, url);
      if (url.pathname === '/config.json' && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : config);
        return;
      }
      return site(req, res, url);
    });
    log('ready');

    let stopping: Promise<void> | undefined;
    return {
      url: appUrl,
      inboxUrl: ses.endpoint,
      demo: { email: accounts[0]!.email, name: accounts[0]!.name, password: demoPassword },
      admin: { email: accounts[1]!.email, name: accounts[1]!.name, password: demoPassword },
      dataDir,
      tableName: TABLE_NAME,
      bucketName: FILES_BUCKET,
      userPoolId: cognito.userPoolId,
      userPoolClientId: cognito.userPoolClientId,
      endpoints,
      ses: { stop: () => ses.stop(), start: () => ses.start() },
      stop() {
        stopping ??= stopAll().finally(() => activeDataDirs.delete(dataDir));
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    activeDataDirs.delete(dataDir);
    throw error;
  }
}

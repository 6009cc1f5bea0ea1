/**
 * Fresh function processes for the cold-start parts: each one a new Node process running
 * function-process.ts with the deployed Node options (infra/bundling.ts) and the environment
 * that function gets when deployed (its own variables only, from the route table), pointed
 * at the local runtime's emulators.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ENV } from '../../functions/lib/contract/environment.js';
import { consumerEnvironmentNeeds, streamConsumers } from '../../functions/lib/contract/streams.js';
import { environmentNeedsOf, groupAccess, groups, type Group } from '../../functions/routes.js';
import { lambdaNodeOptions } from '../../infra/bundling.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws.js';
import { functionEnvironment, type LocalRuntime } from '../local/runtime.js';
import { ensureSigningKey } from '../local/state.js';
import type { InvokeMessage, ReadyMessage, ResultMessage } from './function-process.js';

export interface FunctionProcess {
  /** From fork() to the end of the bundle's import: the process's start plus the import. */
  startImportMs: number;
  /** The import alone, timed inside the process. */
  importMs: number;
  /** Whether Node holds the bundle's source map once it is loaded. */
  nodeHasMap: boolean;
  /** Runs one invocation; `wallMs` is seen from this process (IPC included), `ms` inside the function's. */
  invoke(event: unknown): Promise<{ result: unknown; ms: number; wallMs: number }>;
  /** The last few KB the function wrote to stderr (Powertools writes ERROR lines there). */
  stderr(): string;
  stop(): void;
}

const epochNow = () => performance.timeOrigin + performance.now();

/** Builds function-process.ts to plain JS once per run; returns its path. */
export async function buildFunctionProcess(workDir: string): Promise<string> {
  const outfile = path.join(workDir, 'function-process.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./function-process.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * The environment of a function as deployed (its own variables, `contract/environment.ts`), with
 * the local runtime's endpoints; the floor gets the table and bucket, the empty handler nothing more.
 */
export async function environmentFor(runtime: LocalRuntime, name: string): Promise<NodeJS.ProcessEnv> {
  const platform: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: runtime.endpoints.dynamodb,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: runtime.endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: runtime.endpoints.s3,
    AWS_ENDPOINT_URL_SES: runtime.endpoints.ses,
    AWS_ENDPOINT_URL_SESV2: runtime.endpoints.ses,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: runtime.endpoints.cognito,
    [ENV.s3ForcePathStyle]: '1',
    // Only warnings and errors, as the local runtime's quiet mode: no INFO line per invocation.
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  const values = { appUrl: runtime.url, signingKeyFile: await ensureSigningKey(runtime.dataDir) };
  const consumer = streamConsumers.find((candidate) => candidate.name === name);
  if ((groups as readonly string[]).includes(name)) {
    return { ...platform, ...functionEnvironment(environmentNeedsOf(groupAccess(name as Group)), values) };
  }
  if (consumer) return { ...platform, ...functionEnvironment(consumerEnvironmentNeeds(consumer), values) };
  return { ...platform, [ENV.tableName]: runtime.tableName, [ENV.filesBucket]: runtime.bucketName };
}

export function startFunction(
  probe: string,
  bundle: string,
  env: NodeJS.ProcessEnv,
  nodeOptions: readonly string[] = lambdaNodeOptions,
): Promise<FunctionProcess> {
  return new Promise((resolve, reject) => {
    const forkedAt = epochNow();
    const child: ChildProcess = fork(probe, [bundle], {
      cwd: path.dirname(bundle),
      env,
      execArgv: [...nodeOptions],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    const pending = new Map<number, { resolve: (reply: ResultMessage & { wallMs: number }) => void; sentAt: number }>();
    let nextId = 1;
    let ready = false;
    child.on('message', (message: ReadyMessage | ResultMessage) => {
      if (message.type === 'ready') {
        ready = true;
        resolve({
          startImportMs: message.importedAt - forkedAt,
          importMs: message.importMs,
          nodeHasMap: message.nodeHasMap,
          invoke(event) {
            return new Promise((done, fail) => {
              const id = nextId++;
              pending.set(id, {
                sentAt: performance.now(),
                resolve: (reply) =>
                  reply.ok ? done({ result: reply.result, ms: reply.ms, wallMs: reply.wallMs }) : fail(new Error(reply.error)),
              });
              child.send({ id, event } satisfies InvokeMessage);
            });
          },
          stderr: () => stderr,
          stop: () => void (child.connected && child.disconnect()),
        });
        return;
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      waiting.resolve({ ...message, wallMs: performance.now() - waiting.sentAt });
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`${bundle} did not start (exit ${code}): ${stderr}`));
      for (const waiting of pending.values()) {
        waiting.resolve({ type: 'result', id: 0, ok: false, error: `the function process exited (${code}): ${stderr}`, ms: 0, wallMs: 0 });
      }
      pending.clear();
    });
  });
}

/** The status code of an HTTP function's answer, or null for other results. */
export const statusOf = (result: unknown): number | null =>
  typeof result === 'object' && result !== null && 'statusCode' in result ? Number(result.statusCode) : null;

/**
 * Lambda, locally: the handler bundles run in one child process (lambda-host-process.ts)
 * with the handler environment, and are invoked with a time limit. If that process dies,
 * the invocations in flight fail and the next one starts a new process (a new cold start).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { InvokeMessage, ResultMessage } from './lambda-host-process.js';
import { lambdaNodeOptions } from '../../infra/bundling.js';
import { tsxImportArgs } from './children.js';

/** A function as the gateway and the stream poller see it. */
export type LambdaFunction = (event: unknown) => Promise<unknown>;

export class LambdaTimeout extends Error {}

/** Runs `fn`; rejects with LambdaTimeout after `timeoutMs` (the invocation itself runs on, as on Lambda). */
export async function withTimeout(fn: LambdaFunction, functionName: string, event: unknown, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeout(`${functionName} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([fn(event), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface LambdaHost {
  /** A function invoking `bundle`'s handler in the host process. */
  function(functionName: string, bundle: string, timeoutMs: number): LambdaFunction;
  stop(): Promise<void>;
}

export function createLambdaHost(options: {
  env: NodeJS.ProcessEnv;
  /** The working directory, like /var/task on Lambda: where the bundles are. */
  codeDir: string;
}): LambdaHost {
  const script = fileURLToPath(new URL('./lambda-host-process.ts', import.meta.url));
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let child: ChildProcess | undefined;
  let stopped = false;

  function host(): ChildProcess {
    if (child) return child;
    const started = fork(script, [], {
      cwd: options.codeDir,
      env: options.env,
      // The deployed NODE_OPTIONS (infra/bundling.ts), and tsx for this host script itself.
      execArgv: [...lambdaNodeOptions, ...tsxImportArgs()],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    started.on('message', (reply: ResultMessage) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack }));
    });
    const gone = (reason: string) => {
      if (child !== started) return;
      child = undefined;
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(new Error(`The Lambda host process ${reason}`));
      }
    };
    started.on('exit', (code, signal) => gone(`exited (${code ?? signal})`));
    started.on('error', (error) => gone(`failed: ${error.message}`));
    child = started;
    return started;
  }

  // Started now rather than on the first request: forking it takes a moment.
  host();

  return {
    function(functionName, bundle, timeoutMs) {
      return (event) =>
        new Promise((resolve, reject) => {
          if (stopped) {
            reject(new Error('The local runtime is stopping'));
            return;
          }
          const id = nextId++;
          pending.set(id, { resolve, reject });
          const message: InvokeMessage = { id, functionName, bundle, event, timeoutMs };
          host().send(message, (error) => {
            if (!error || !pending.delete(id)) return;
            reject(error);
          });
        });
    },
    async stop() {
      stopped = true;
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      const killLater = setTimeout(() => running.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killLater);
    },
  };
}

/**
 * A Lambda execution environment for the bench, bundled to plain JS first (no loader in the
 * way) and forked with the deployed Node options: it imports one bundle at once, as Lambda's
 * init does, says when the import finished, then runs the invocations it is sent over IPC,
 * one at a time.
 *
 * Usage: fork(function-process.mjs, [<bundle>/index.mjs]); see function-processes.ts.
 */
import { findSourceMap } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Sent once the bundle is imported. */
export interface ReadyMessage {
  type: 'ready';
  importMs: number;
  /** Epoch milliseconds (sub-millisecond precision) when the import finished. */
  importedAt: number;
  /** Whether Node itself holds the bundle's source map (so it would map stacks through it). */
  nodeHasMap: boolean;
}

export interface InvokeMessage {
  id: number;
  event: unknown;
}

export interface ResultMessage {
  type: 'result';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
  /** Inside the process: from receiving the event to the handler's answer. */
  ms: number;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

function context(functionName: string) {
  const deadline = Date.now() + 10_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'bench',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

async function main() {
  const bundle = process.argv[2];
  if (!bundle || !process.send) throw new Error('usage: fork(function-process.mjs, [bundle])');
  const name = path.basename(path.dirname(bundle));
  const t0 = performance.now();
  const module = (await import(pathToFileURL(bundle).href)) as { handler?: Handler };
  const t1 = performance.now();
  if (typeof module.handler !== 'function') throw new Error(`${bundle} exports no handler`);
  const handler = module.handler;
  // The source-map part's rejected option: Node's source maps turned on after the bundle is loaded.
  if (process.env.BENCH_SOURCE_MAPS_AFTER_IMPORT === '1') process.setSourceMapsEnabled(true);
  const url = pathToFileURL(bundle).href;
  process.send({
    type: 'ready',
    importMs: t1 - t0,
    importedAt: performance.timeOrigin + t1,
    nodeHasMap: findSourceMap(url) !== undefined,
  } satisfies ReadyMessage);

  // One invocation at a time, as one Lambda instance serves them.
  let queue = Promise.resolve();
  process.on('message', (message: InvokeMessage) => {
    queue = queue.then(async () => {
      const started = performance.now();
      let reply: ResultMessage;
      try {
        const result = await handler(message.event, context(name));
        reply = { type: 'result', id: message.id, ok: true, result, ms: performance.now() - started };
      } catch (error) {
        reply = {
          type: 'result',
          id: message.id,
          ok: false,
          error: String((error as Error)?.stack ?? error),
          ms: performance.now() - started,
        };
      }
      process.send?.(reply);
    });
  });
  // Keep-alive sockets of the SDK clients would hold the process open.
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

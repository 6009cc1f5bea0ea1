/**
 * The process the handler bundles run in, like a Lambda execution environment: started
 * by lambda.ts with the handler environment and the deployed Node options, it imports each
 * bundle natively on its first invocation (a cold start) and answers invocations over IPC.
 * Keeping handlers out of the runtime's own process means their process.env, module state
 * and crashes never touch it, and test runners cannot re-transform the bundles.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

export interface InvokeMessage {
  id: number;
  functionName: string;
  bundle: string;
  event: unknown;
  timeoutMs: number;
}

export type ResultMessage =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const region = process.env.AWS_REGION ?? 'us-east-1';
// tsx, which runs this script, turns Node's source maps on; the bundles run as deployed, where only the logger maps stacks.
process.setSourceMapsEnabled(process.execArgv.includes('--enable-source-maps'));
const loaded = new Map<string, Promise<Handler>>();

function load(bundle: string): Promise<Handler> {
  let handler = loaded.get(bundle);
  if (!handler) {
    handler = import(pathToFileURL(bundle).href).then((module: { handler?: unknown }) => {
      if (typeof module.handler !== 'function') throw new Error(`${bundle} does not export a function named "handler"`);
      return module.handler as Handler;
    });
    // A failed import (an init error on Lambda) is retried on the next invocation.
    handler.catch(() => loaded.delete(bundle));
    loaded.set(bundle, handler);
  }
  return handler;
}

function contextFor(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const callbackStyle = () => {
    throw new Error('The callback-style context methods are not emulated; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyle,
    fail: callbackStyle,
    succeed: callbackStyle,
  };
}

process.on('disconnect', () => process.exit(0));

process.on('message', (message: InvokeMessage) => {
  void (async () => {
    let reply: ResultMessage;
    try {
      const handler = await load(message.bundle);
      reply = { id: message.id, ok: true, value: await handler(message.event, contextFor(message.functionName, message.timeoutMs)) };
    } catch (error) {
      const { name, message: text, stack } = error instanceof Error ? error : new Error(String(error));
      reply = { id: message.id, ok: false, error: { name, message: text, stack } };
    }
    // The runtime may have stopped meanwhile; nobody waits for this reply then, and the host exits on 'disconnect'.
    if (process.connected) process.send?.(reply, undefined, undefined, () => {});
  })();
});

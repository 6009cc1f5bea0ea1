/**
 * Lambda's Invoke API, locally: `POST /2015-03-31/functions/{name}/invocations` on 127.0.0.1, so a
 * function's own @aws-sdk/client-lambda (pointed here by AWS_ENDPOINT_URL_LAMBDA) invokes another
 * function exactly as it does when deployed. Answers as Lambda does: 200 with the handler's JSON
 * result; 200 with `X-Amz-Function-Error: Unhandled` and `{errorType, errorMessage}` when the
 * handler threw or timed out; 404 ResourceNotFoundException for an unknown function.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaTimeout, withTimeout, type LambdaFunction } from './lambda.js';
import { LOCAL_HOST } from './ports.js';

export interface InvokableFunction {
  invoke: LambdaFunction;
  timeoutMs: number;
}

export interface LambdaApi {
  endpoint: string;
  close(): Promise<void>;
}

/** Lambda's synchronous payload limit (6 MB each way). */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}

export async function startLambdaApi(options: {
  functions: ReadonlyMap<string, InvokableFunction>;
  logError: (message: string, error: unknown) => void;
}): Promise<LambdaApi> {
  const server = createServer((req, res) => {
    void (async () => {
      const name = INVOKE_PATH.exec(new URL(req.url ?? '/', `http://${LOCAL_HOST}`).pathname)?.[1];
      if (req.method !== 'POST' || !name)
        return reply(res, 404, { message: 'Unknown operation' }, { 'x-amzn-errortype': 'UnknownOperationException' });
      const functionName = decodeURIComponent(name);
      const target = options.functions.get(functionName);
      if (!target) {
        return reply(
          res,
          404,
          { Type: 'User', message: `Function not found: ${functionName}` },
          { 'x-amzn-errortype': 'ResourceNotFoundException' },
        );
      }
      if ((req.headers['x-amz-invocation-type'] ?? 'RequestResponse') !== 'RequestResponse') {
        return reply(
          res,
          400,
          { message: 'Only RequestResponse invocations are emulated' },
          { 'x-amzn-errortype': 'InvalidParameterValueException' },
        );
      }
      const body = await readBody(req);
      if (body === undefined) {
        return reply(
          res,
          413,
          { message: 'Request must be smaller than 6291456 bytes' },
          { 'x-amzn-errortype': 'RequestTooLargeException' },
        );
      }
      let event: unknown;
      try {
        event = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return reply(
          res,
          400,
          { message: 'Could not parse request body into json' },
          { 'x-amzn-errortype': 'InvalidRequestContentException' },
        );
      }
      try {
        const result = await withTimeout(target.invoke, functionName, event, target.timeoutMs);
        reply(res, 200, result ?? null, { 'x-amz-executed-version': '$LATEST' });
      } catch (error) {
        const { name: errorType, message } = error instanceof Error ? error : new Error(String(error));
        if (!(error instanceof LambdaTimeout)) options.logError(`${functionName} failed`, error);
        reply(
          res,
          200,
          error instanceof LambdaTimeout ? { errorType: 'Sandbox.Timedout', errorMessage: message } : { errorType, errorMessage: message },
          { 'x-amz-function-error': 'Unhandled', 'x-amz-executed-version': '$LATEST' },
        );
      }
    })().catch((error: unknown) => {
      options.logError('Lambda API request failed', error);
      if (!res.headersSent) reply(res, 500, { message: 'Internal error' }, { 'x-amzn-errortype': 'ServiceException' });
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOCAL_HOST, () => resolve((server.address() as AddressInfo).port));
  });
  return {
    endpoint: `http://${LOCAL_HOST}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

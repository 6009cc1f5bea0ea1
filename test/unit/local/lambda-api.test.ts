import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLambdaApi, type LambdaApi } from '../../../bin/local/lambda-api.js';

/** The local runtime's Lambda Invoke API, called with the real SDK client as a function calls it. */

let api: LambdaApi;
let client: LambdaClient;
const decode = (payload: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(payload));

beforeAll(async () => {
  const functions = new Map([
    ['echo', { invoke: async (event: unknown) => ({ got: event }), timeoutMs: 1000 }],
    ['broken', { invoke: async () => Promise.reject(new TypeError('no good')), timeoutMs: 1000 }],
    ['slow', { invoke: () => new Promise((resolve) => setTimeout(resolve, 2000)), timeoutMs: 50 }],
  ]);
  api = await startLambdaApi({ functions, logError: () => undefined });
  client = new LambdaClient({ endpoint: api.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
});
afterAll(async () => {
  client.destroy();
  await api.close();
});

describe('the local Invoke API', () => {
  it("returns the handler's result as the payload", async () => {
    const reply = await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode('{"a":1}') }));
    expect(reply.StatusCode).toBe(200);
    expect(reply.FunctionError).toBeUndefined();
    expect(decode(reply.Payload)).toEqual({ got: { a: 1 } });
  });

  it('reports a thrown error or a time-out as an Unhandled function error, as Lambda does', async () => {
    const broken = await client.send(new InvokeCommand({ FunctionName: 'broken', Payload: new TextEncoder().encode('{}') }));
    expect(broken.FunctionError).toBe('Unhandled');
    expect(decode(broken.Payload)).toEqual({ errorType: 'TypeError', errorMessage: 'no good' });
    const slow = await client.send(new InvokeCommand({ FunctionName: 'slow', Payload: new TextEncoder().encode('{}') }));
    expect(slow.FunctionError).toBe('Unhandled');
    expect(decode(slow.Payload).errorType).toBe('Sandbox.Timedout');
  });

  it('answers an unknown function with ResourceNotFoundException', async () => {
    await expect(
      client.send(new InvokeCommand({ FunctionName: 'nobody', Payload: new TextEncoder().encode('{}') })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

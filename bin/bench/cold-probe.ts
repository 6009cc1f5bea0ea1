/**
 * Runs in a fresh Node process per measurement (bundled to plain JS first, so no loader
 * is involved): imports one Lambda bundle, invokes its handler twice with the given event,
 * and prints the timings as one JSON line after RESULT_MARKER.
 *
 * Usage: node --enable-source-maps cold-probe.mjs <bundle.js> <event.json>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RESULT_MARKER, UNIQUE_PLACEHOLDER, type ProbeResult } from './cold-probe-protocol.js';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const statusOf = (result: unknown) =>
  typeof result === 'object' && result !== null && 'statusCode' in result ? Number(result.statusCode) : null;

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
  const bootMs = performance.now();
  const [bundle, eventFile] = process.argv.slice(2);
  if (!bundle || !eventFile) throw new Error('usage: cold-probe <bundle.js> <event.json>');
  const eventText = readFileSync(eventFile, 'utf8');
  // A fresh event per invocation, as Lambda gives (middy replaces event.body with the parsed
  // JSON), with a new value wherever the event asks for one (e.g. a new folder name).
  const event = () => JSON.parse(eventText.replaceAll(UNIQUE_PLACEHOLDER, crypto.randomUUID())) as unknown;
  const [firstEvent, secondEvent] = [event(), event()];
  // Bundles are <function>/index.mjs, as NodejsFunction lays them out.
  const name = path.basename(path.dirname(bundle));

  const t0 = performance.now();
  const module = (await import(pathToFileURL(bundle).href)) as { handler?: Handler };
  const t1 = performance.now();
  if (typeof module.handler !== 'function') throw new Error(`${bundle} exports no handler`);
  const first = await module.handler(firstEvent, context(name));
  const t2 = performance.now();
  const second = await module.handler(secondEvent, context(name));
  const t3 = performance.now();

  const result: ProbeResult = {
    bootMs,
    importMs: t1 - t0,
    firstInvokeMs: t2 - t1,
    secondInvokeMs: t3 - t2,
    firstStatus: statusOf(first),
    secondStatus: statusOf(second),
  };
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

main().then(
  // Keep-alive sockets of the SDK clients would hold the process open.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

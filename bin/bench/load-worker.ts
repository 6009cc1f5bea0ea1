/**
 * The load generator of part 3, in its own process so it does not share an event loop with
 * the local runtime's gateway. Each autocannon connection is a recipient looping over a
 * visit: list the share's root, open a folder, get a download URL, with a token picked at
 * random among the unlocked recipients for each visit.
 *
 * Usage: node --import tsx bin/bench/load-worker.ts <config.json>; prints LOAD_RESULT_MARKER + JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadConfig {
  url: string;
  shareId: string;
  folderPath: string;
  tokens: string[];
  fileIds: string[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
}

export const LOAD_RESULT_MARKER = 'BENCH_LOAD_RESULT ';

const pick = <T>(values: readonly T[]) => values[Math.floor(Math.random() * values.length)]!;

async function main() {
  const configFile = process.argv[2];
  if (!configFile) throw new Error('usage: load-worker <config.json>');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as LoadConfig;
  const base = `/api/public/shares/${config.shareId}`;
  type Context = { token?: string };
  const withToken = (request: autocannon.Request, context: Context) => {
    context.token ??= pick(config.tokens);
    return { ...request, headers: { ...request.headers, authorization: `Bearer ${context.token}` } };
  };
  const result = await autocannon({
    url: config.url,
    connections: config.connections,
    duration: config.durationSeconds,
    timeout: 10,
    requests: [
      { method: 'GET', path: `${base}/files?path=`, setupRequest: withToken },
      { method: 'GET', path: `${base}/files?path=${encodeURIComponent(config.folderPath)}`, setupRequest: withToken },
      {
        method: 'POST',
        path: `${base}/downloads`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: autocannon.Request, context: Context) =>
          withToken({ ...request, body: JSON.stringify({ fileId: pick(config.fileIds) }) }, context),
      },
    ],
  });
  const statusCodes = Object.fromEntries(
    Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(
      ([code, { count }]) => [code, count],
    ),
  );
  const output: LoadResult = {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    statusCodes,
    durationSeconds: result.duration,
  };
  process.stdout.write(`\n${LOAD_RESULT_MARKER}${JSON.stringify(output)}\n`);
}

// Run as a script; load.ts imports only the types and the marker.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

/**
 * Concurrent recipients on the local runtime. Each recipient unlocks the share
 * first (its own device id and token); the load worker then keeps every connection busy
 * with list, open-folder and download-URL requests for the given time.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FOLDER_ALIAS, unlock, type Fixtures } from './fixtures.js';
import { LOAD_RESULT_MARKER, type LoadConfig, type LoadResult } from './load-worker.js';
import type { BenchPart } from './part.js';
import { inParallel, ms } from './stats.js';

/**
 * autocannon stops with requests still in flight in the runtime (downloads queue longest:
 * DynamoDB Local applies writes one at a time). Wait until a download URL is answered
 * promptly again, so the next part (or stopping the runtime) finds it idle.
 */
async function drained(fixtures: Fixtures): Promise<void> {
  const { api, share } = fixtures;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const t0 = performance.now();
    await api.call('POST', `/api/public/shares/${share.id}/downloads`, { token: share.token, body: { fileId: share.reportFileId } });
    if (performance.now() - t0 < 500) return;
  }
}

export async function runLoad(options: {
  fixtures: Fixtures;
  connections: number;
  durationSeconds: number;
  workDir: string;
}): Promise<LoadResult & { recipients: number }> {
  const { fixtures, connections } = options;
  const { api, share } = fixtures;
  const tokens: string[] = new Array<string>(connections);
  // Not part of the measurement; a few at a time, as recipients arriving.
  await inParallel(tokens, 4, async (_, index) => {
    tokens[index] = await unlock(api, share.id, randomUUID());
  });
  const folderPath = `${FOLDER_ALIAS}/`;
  const folder = await api.ok<{ entries: { fileId?: string }[] }>(
    'GET',
    `/api/public/shares/${share.id}/files?path=${encodeURIComponent(folderPath)}`,
    {
      token: share.token,
    },
  );
  const fileIds = [share.reportFileId, share.notesFileId, ...folder.entries.flatMap((entry) => (entry.fileId ? [entry.fileId] : []))];
  const config: LoadConfig = {
    url: api.baseUrl,
    shareId: share.id,
    folderPath,
    tokens,
    fileIds,
    connections,
    durationSeconds: options.durationSeconds,
  };
  const configFile = path.join(options.workDir, 'load-config.json');
  await writeFile(configFile, JSON.stringify(config));

  const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
  const result = await new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, configFile], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const at = stdout.indexOf(LOAD_RESULT_MARKER);
      if (code !== 0 || at === -1) {
        reject(new Error(`load worker exited ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(stdout.slice(at + LOAD_RESULT_MARKER.length).split('\n')[0]!) as LoadResult);
    });
  });
  await drained(fixtures);
  return { ...result, recipients: connections };
}

/** Part: concurrent recipients on the local runtime, for errors under load. */
export const loadPart: BenchPart = {
  name: 'concurrent recipients',
  async run({ fixtures, workDir, knob }) {
    const l = await runLoad({ fixtures, connections: 50, durationSeconds: knob('BENCH_LOAD_SECONDS', 30), workDir });
    const statuses = Object.entries(l.statusCodes)
      .map(([code, count]) => `${code}: ${count}`)
      .join(', ');
    const errors = l.non2xx + l.socketErrors + l.timeouts;
    return {
      sections: [
        {
          title: `${l.recipients} concurrent recipients for ${l.durationSeconds.toFixed(0)} s (local runtime)`,
          intro:
            `autocannon in its own process, ${l.recipients} connections; each visit lists the share's root, opens a folder (an S3 listing) and gets a download URL, ` +
            `with the token of one of ${l.recipients} unlocked recipients picked at random per visit.`,
          header: ['requests', 'requests/s', 'p50', 'p90', 'p99', 'max', 'non-2xx', 'socket errors', 'timeouts', 'status codes'],
          rows: [
            [
              String(l.requests),
              l.requestsPerSecond.toFixed(1),
              ms(l.latency.p50),
              ms(l.latency.p90),
              ms(l.latency.p99),
              ms(l.latency.max),
              String(l.non2xx),
              String(l.socketErrors),
              String(l.timeouts),
              statuses || '-',
            ],
          ],
        },
      ],
      targets: [
        {
          row: `${l.recipients} concurrent recipients`,
          target: 'no errors',
          measured: `${errors} errors in ${l.requests} requests; p99 ${ms(l.latency.p99)}`,
          met: errors === 0,
          verdict:
            errors === 0 ? 'met' : `missed: ${errors} errors (${((errors / Math.max(1, l.requests)) * 100).toFixed(2)}% of requests)`,
          why:
            errors === 0
              ? `Every request was answered 2xx. The throughput (${l.requestsPerSecond.toFixed(0)} requests/s) and the latencies are this 2-core machine's, which runs the load generator, ` +
                "the gateway, the recipient function's host process and the emulators at once (DynamoDB Local applies writes one at a time); they say little about Lambda, where each concurrent request gets its own instance."
              : `Status codes: ${JSON.stringify(l.statusCodes)}, socket errors ${l.socketErrors}, timeouts ${l.timeouts}. See the runtime's error output of this run for the failing requests.`,
        },
      ],
    };
  },
};

/**
 * Part 3: concurrent recipients on the local runtime. Each recipient unlocks the share
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
import { inParallel } from './stats.js';

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

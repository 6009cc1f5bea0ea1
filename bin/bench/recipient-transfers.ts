/**
 * A zip transfer's first page of URLs must not grow with the folder: a transfer of a 10,000-file
 * folder against one of a 100-file folder, the first page (100 presigned URLs) asked of each,
 * interleaved request by request. Objects are seeded straight into the local S3. Target: at
 * most 1.3x.
 *
 * Standalone: `npx tsx bin/bench/recipient-transfers.ts` (TRANSFER_BENCH_REPETITIONS, default 30).
 */
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { keyOf } from '../../functions/lib/domain/paths.js';
import type { LocalRuntime } from '../local/runtime.js';
import { ownerOf, s3Of, shareAndOpen, timed, withOwnRuntime } from './recipient-support.js';
import { inParallel, median } from './stats.js';

export interface TransferBench {
  largeFiles: number;
  smallFiles: number;
  largeP50Ms: number;
  smallP50Ms: number;
  ratio: number;
  limit: number;
  repetitions: number;
  /** Creating each transfer (it counts the folder, 1,000 objects a request). */
  createMs: { large: number; small: number };
}

const LARGE = 10_000;
const SMALL = 100;

export async function measureTransfers(runtime: LocalRuntime, options: { repetitions?: number } = {}): Promise<TransferBench> {
  const repetitions = options.repetitions ?? 30;
  const owner = await ownerOf(runtime);
  const s3 = s3Of(runtime);
  try {
    const root = `bench-transfers-${Date.now().toString(36)}/`;
    const keys = [
      ...Array.from({ length: LARGE }, (_, i) => keyOf(owner.userId, `${root}large/file-${String(i).padStart(5, '0')}.txt`)),
      ...Array.from({ length: SMALL }, (_, i) => keyOf(owner.userId, `${root}small/file-${String(i).padStart(3, '0')}.txt`)),
    ];
    await inParallel(keys, 64, async (key) => {
      await s3.send(new PutObjectCommand({ Bucket: runtime.bucketName, Key: key, Body: 'bench', ContentType: 'text/plain' }));
    });
    const share = await shareAndOpen(owner, {
      items: [
        { path: `${root}large/`, alias: 'large' },
        { path: `${root}small/`, alias: 'small' },
      ],
    });
    const create = (alias: string) =>
      owner.api.ok<{ transferId: string; fileCount: number }>('POST', `/api/public/shares/${share.id}/transfers`, {
        token: share.token,
        body: { paths: [`${alias}/`] },
      });
    let large = { transferId: '', fileCount: 0 };
    let small = { transferId: '', fileCount: 0 };
    const createMs = {
      large: await timed(async () => (large = await create('large'))),
      small: await timed(async () => (small = await create('small'))),
    };
    if (large.fileCount !== LARGE || small.fileCount !== SMALL) throw new Error(`unexpected counts ${large.fileCount}/${small.fileCount}`);
    const firstPage = (transferId: string) =>
      owner.api.ok<{ files: unknown[] }>('GET', `/api/public/shares/${share.id}/transfers/${transferId}/files`, { token: share.token });
    await firstPage(large.transferId);
    await firstPage(small.transferId);
    const largeTimes: number[] = [];
    const smallTimes: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      largeTimes.push(await timed(() => firstPage(large.transferId)));
      smallTimes.push(await timed(() => firstPage(small.transferId)));
    }
    const largeP50Ms = median(largeTimes);
    const smallP50Ms = median(smallTimes);
    return {
      largeFiles: LARGE,
      smallFiles: SMALL,
      largeP50Ms,
      smallP50Ms,
      ratio: largeP50Ms / smallP50Ms,
      limit: 1.3,
      repetitions,
      createMs,
    };
  } finally {
    s3.destroy();
  }
}

export function formatTransfers(result: TransferBench): string {
  return [
    '| transfer, first page of 100 URLs | p50 | ratio | target | repetitions | creating the transfer |',
    '|---|---|---|---|---|---|',
    `| ${result.largeFiles.toLocaleString('en-US')}-file folder | ${result.largeP50Ms.toFixed(1)} ms | ${result.ratio.toFixed(2)}x | ≤ ${result.limit}x ${result.ratio <= result.limit ? 'met' : 'missed'} | ${result.repetitions} | ${result.createMs.large.toFixed(0)} ms |`,
    `| ${result.smallFiles}-file folder | ${result.smallP50Ms.toFixed(1)} ms | 1.00x | | ${result.repetitions} | ${result.createMs.small.toFixed(0)} ms |`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const repetitions = Number(process.env.TRANSFER_BENCH_REPETITIONS ?? 30);
  console.log(formatTransfers(await withOwnRuntime((runtime) => measureTransfers(runtime, { repetitions }))));
}

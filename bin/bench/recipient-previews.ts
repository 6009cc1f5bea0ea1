/**
 * Previews through the deployed path (HTTP -> gateway -> recipient function -> local Lambda
 * Invoke API -> renderer function -> S3) against the renderer alone in this process, on the same
 * inputs as bin/bench/render-floor.ts: a 12-megapixel JPEG and page 1 of a 50-page PDF, each
 * rendered to a 2048 px WebP with a watermark. Every deployed render is a first (uncached) one:
 * each run previews its own copy of the file. Then a cached render (the same preview asked again)
 * against the warm download-URL step (`POST …/downloads`), interleaved request by request.
 * Targets: uncached p50 at most 1.5x the floor; cached at most 1.3x the download-URL step.
 *
 * Standalone: `npx tsx bin/bench/recipient-previews.ts` (PREVIEW_BENCH_RUNS, default 7).
 */
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { keyOf } from '../../functions/lib/domain/paths.js';
import { closeRenderer, renderPreview } from '../../functions/lib/render/index.js';
import { makeJpeg, makePdf } from '../../test/unit/render/fixtures.js';
import type { LocalRuntime } from '../local/runtime.js';
import { ownerOf, s3Of, shareAndOpen, timed, withOwnRuntime } from './recipient-support.js';
import { median } from './stats.js';

export interface RenderPathRow {
  name: string;
  deployedP50Ms: number;
  floorP50Ms: number;
  ratio: number;
  limit: number;
  runs: number;
}

export interface PreviewBench {
  uncached: RenderPathRow[];
  cached: { cachedP50Ms: number; downloadUrlP50Ms: number; ratio: number; limit: number; repetitions: number };
}

const WATERMARK = ['Recipient 0123456789', 'Viewed 2026-11-30 10:00 UTC'];

async function floorP50(bytes: Buffer, name: string, runs: number): Promise<number> {
  const request = { bytes, name, page: 1, watermark: { lines: WATERMARK } };
  await renderPreview(request);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => renderPreview(request)));
  return median(times);
}

export async function measurePreviews(runtime: LocalRuntime, options: { runs?: number } = {}): Promise<PreviewBench> {
  const runs = options.runs ?? 7;
  const owner = await ownerOf(runtime);
  const s3 = s3Of(runtime);
  const inputs = [
    { name: '12 MP JPEG -> 2048 px WebP', file: 'photo.jpg', bytes: await makeJpeg(4000, 3000), type: 'image/jpeg' },
    { name: 'PDF page 1 of 50 -> 2048 px WebP', file: 'report.pdf', bytes: makePdf({ pages: 50 }), type: 'application/pdf' },
  ];
  try {
    // One copy per run (and one to warm the renderer up), so every deployed render is uncached.
    const folder = `bench-previews-${Date.now().toString(36)}/`;
    const items: { path: string; alias: string }[] = [];
    for (const input of inputs) {
      for (let i = 0; i <= runs; i++) {
        const path = `${folder}${i}-${input.file}`;
        await s3.send(
          new PutObjectCommand({ Bucket: runtime.bucketName, Key: keyOf(owner.userId, path), Body: input.bytes, ContentType: input.type }),
        );
        items.push({ path, alias: `${i}-${input.file}` });
      }
    }
    await s3.send(new PutObjectCommand({ Bucket: runtime.bucketName, Key: keyOf(owner.userId, `${folder}small.txt`), Body: 'hello' }));
    const secure = await shareAndOpen(owner, { items, allowDownload: false });
    const open = await shareAndOpen(owner, { items: [{ path: `${folder}small.txt`, alias: 'small.txt' }] });
    const fileIds = async (share: { id: string; token: string }) => {
      const listing = await owner.api.ok<{ entries: { name: string; fileId: string }[] }>('GET', `/api/public/shares/${share.id}/files`, {
        token: share.token,
      });
      return new Map(listing.entries.map((entry) => [entry.name, entry.fileId]));
    };
    const secureIds = await fileIds(secure);
    const preview = (alias: string) =>
      owner.api.ok('POST', `/api/public/shares/${secure.id}/previews`, { token: secure.token, body: { fileId: secureIds.get(alias) } });

    const uncached: RenderPathRow[] = [];
    for (const input of inputs) {
      await preview(`0-${input.file}`); // the renderer's cold start and first document
      const times: number[] = [];
      for (let i = 1; i <= runs; i++) times.push(await timed(() => preview(`${i}-${input.file}`)));
      const floor = await floorP50(input.bytes, input.file, runs);
      const deployed = median(times);
      uncached.push({ name: input.name, deployedP50Ms: deployed, floorP50Ms: floor, ratio: deployed / floor, limit: 1.5, runs });
    }

    const smallId = (await fileIds(open)).get('small.txt');
    const download = () =>
      owner.api.ok('POST', `/api/public/shares/${open.id}/downloads`, { token: open.token, body: { fileId: smallId } });
    const repetitions = runs * 5;
    await download();
    const cachedTimes: number[] = [];
    const downloadTimes: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      cachedTimes.push(await timed(() => preview(`1-${inputs[0]!.file}`)));
      downloadTimes.push(await timed(download));
    }
    const cachedP50Ms = median(cachedTimes);
    const downloadUrlP50Ms = median(downloadTimes);
    return {
      uncached,
      cached: { cachedP50Ms, downloadUrlP50Ms, ratio: cachedP50Ms / downloadUrlP50Ms, limit: 1.3, repetitions },
    };
  } finally {
    s3.destroy();
    await closeRenderer();
  }
}

export function formatPreviews(result: PreviewBench): string {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return [
    '| preview | deployed path p50 | renderer alone p50 | ratio | target | runs |',
    '|---|---|---|---|---|---|',
    ...result.uncached.map(
      (row) =>
        `| ${row.name}, first render | ${ms(row.deployedP50Ms)} | ${ms(row.floorP50Ms)} | ${row.ratio.toFixed(2)}x | ≤ ${row.limit}x ${row.ratio <= row.limit ? 'met' : 'missed'} | ${row.runs} |`,
    ),
    `| cached render vs warm download URL | ${result.cached.cachedP50Ms.toFixed(1)} ms | ${result.cached.downloadUrlP50Ms.toFixed(1)} ms | ${result.cached.ratio.toFixed(2)}x | ≤ ${result.cached.limit}x ${result.cached.ratio <= result.cached.limit ? 'met' : 'missed'} | ${result.cached.repetitions} |`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.env.PREVIEW_BENCH_RUNS ?? 7);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('PREVIEW_BENCH_RUNS must be a positive integer');
  console.log(formatPreviews(await withOwnRuntime((runtime) => measurePreviews(runtime, { runs }))));
}

/**
 * The preview renderer alone, in this process (no S3, no Lambda): the floor under any preview
 * request. Inputs are generated here: a 12-megapixel photo-like JPEG (4000 x 3000) and a
 * 50-page PDF with non-embedded fonts; each becomes a 2048 px WebP with the watermark.
 * The first render of each is reported apart (the PDF one starts the PDF process and pdf.js),
 * then the median of `runs` more. Memory: the process's peak RSS after each scenario
 * (the PDF process's own memory is not in it: pdf.js runs in a child process).
 *
 * Standalone: `npx tsx bin/bench/render-floor.ts` (RENDER_BENCH_RUNS, default 10).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { closeRenderer, renderPreview, type RenderRequest } from '../../functions/lib/render/index.js';
import { makeJpeg, makePdf } from '../../test/unit/render/fixtures.js';

export interface RenderScenarioResult {
  name: string;
  input: string;
  output: string;
  firstMs: number;
  p50Ms: number;
  minMs: number;
  maxMs: number;
  runs: number;
  /** Peak resident set of the whole process once this scenario had run, in MB. */
  peakRssMb: number;
}

export interface RenderFloorResult {
  scenarios: RenderScenarioResult[];
  baselineRssMb: number;
}

const watermark = { lines: ['alice@example.com', '2026-11-30 10:22 UTC'] };
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function scenario(name: string, input: string, request: RenderRequest, runs: number): Promise<RenderScenarioResult> {
  let started = performance.now();
  const first = await renderPreview(request);
  const firstMs = performance.now() - started;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await renderPreview(request);
    times.push(performance.now() - started);
  }
  return {
    name,
    input,
    output: `${first.width} x ${first.height} ${first.contentType}, ${Math.round(first.bytes.length / 1024)} KB`,
    firstMs,
    p50Ms: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    runs,
    peakRssMb: peakRssMb(),
  };
}

export async function measureRenderFloor(options: { runs?: number } = {}): Promise<RenderFloorResult> {
  const runs = options.runs ?? 10;
  const jpeg = await makeJpeg(4000, 3000);
  const pdf = makePdf({ pages: 50 });
  const baselineRssMb = peakRssMb();
  try {
    const scenarios = [
      await scenario(
        '12 MP JPEG -> WebP',
        `4000 x 3000 JPEG, ${(jpeg.length / 1024 / 1024).toFixed(1)} MB`,
        { bytes: jpeg, name: 'photo.jpg', watermark },
        runs,
      ),
      await scenario(
        'PDF page 1 of 50 -> WebP',
        `50-page PDF, ${Math.round(pdf.length / 1024)} KB`,
        { bytes: pdf, name: 'report.pdf', page: 1, watermark },
        runs,
      ),
    ];
    return { scenarios, baselineRssMb };
  } finally {
    await closeRenderer();
  }
}

export function formatRenderFloor(result: RenderFloorResult): string {
  const rows = result.scenarios.map(
    (s) =>
      `| ${s.name} | ${s.input} | ${s.output} | ${s.firstMs.toFixed(0)} ms | ${s.p50Ms.toFixed(0)} ms | ${s.minMs.toFixed(0)}–${s.maxMs.toFixed(0)} ms | ${s.runs} | ${s.peakRssMb} MB |`,
  );
  return [
    `Renderer floor (in-process, Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}; peak RSS before rendering: ${result.baselineRssMb} MB)`,
    '',
    '| scenario | input | output | first | p50 | range | runs | peak RSS after |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const runs = Number(process.env.RENDER_BENCH_RUNS ?? 10);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('RENDER_BENCH_RUNS must be a positive integer');
  console.log(formatRenderFloor(await measureRenderFloor({ runs })));
}

/**
 * `npm run bench`: measures the product on this machine and writes docs/performance.md.
 * One local runtime in a temp dir serves every part; it is stopped and removed at the end.
 * Each part (bin/bench/part.ts) prepares untimed work first, all at once (bundles, seeding,
 * web build), then the parts measure one after another:
 *   - the Lambda functions: bundle sizes, cold starts against the floor bundle, what each
 *     piece costs, a recipient's cold first visit, the source-map options;
 *   - the warm recipient path against its floor;
 *   - first-page cost at 10,000 items against a few;
 *   - a 256 MiB upload through the app's flow against `aws s3 cp`;
 *   - 50 concurrent recipients;
 *   - the web bundles;
 *   - the idle cost of a tenant (docs/cost.md);
 *   - then the parts features add (bin/bench/parts.ts).
 *
 * Knobs, for a quicker look (the defaults are the published run's): BENCH_COLD_ROUNDS (9),
 * BENCH_VISIT_ROUNDS (7), BENCH_SOURCE_MAP_ROUNDS (7), BENCH_WARM_ITERATIONS (200),
 * BENCH_SCALE_REPETITIONS (40), BENCH_UPLOAD_ROUNDS (3), BENCH_LOAD_SECONDS (30), BENCH_PREVIEW_RUNS (7),
 * BENCH_TRANSFER_REPETITIONS (30), BENCH_REQUEST_MIB (256), BENCH_REQUEST_RUNS (3); BENCH_PARTS (names, comma-separated)
 * runs only those parts and writes nothing.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocal } from './local/runtime.js';
import { createFixtures } from './bench/fixtures.js';
import { idleCostPart } from './bench/idle-cost.js';
import { lambdaPart } from './bench/lambda-part.js';
import { loadPart } from './bench/load.js';
import type { BenchContext, BenchPart } from './bench/part.js';
import { featureParts } from './bench/parts.js';
import { markdownReport, terminalReport, type BenchResults } from './bench/report.js';
import { scalePart } from './bench/scale.js';
import { uploadPart } from './bench/upload-throughput.js';
import { warmPathPart } from './bench/warm-path.js';
import { webPart } from './bench/web-size.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const reportFile = path.join(repoRoot, 'docs', 'performance.md');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);

async function main() {
  const allParts: BenchPart[] = [lambdaPart(), warmPathPart, scalePart(), uploadPart, loadPart, webPart(), idleCostPart, ...featureParts];
  // BENCH_PARTS=previews,transfers: only those parts, reported on the terminal (docs/performance.md is one whole run).
  const only = process.env.BENCH_PARTS?.split(',').map((name) => name.trim());
  const parts = only ? allParts.filter((part) => only.includes(part.name)) : allParts;
  if (only && parts.length !== only.length) {
    throw new Error(`BENCH_PARTS: unknown part names; the parts are: ${allParts.map((part) => part.name).join(', ')}`);
  }
  const knobs: Record<string, number> = {};
  const knob = (name: string, fallback: number): number => {
    const value = Number(process.env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
    knobs[name] = value;
    return value;
  };
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const phases: BenchResults['phases'] = [];
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    say(`${name}…`);
    const value = await work();
    phases.push({ name, seconds: (Date.now() - t0) / 1000 });
    return value;
  };

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-bench-'));
  const runtime = await phase('starting the local runtime', () =>
    startLocal({ dataDir: path.join(workDir, 'local'), port: 0, sesPort: 0, quiet: true }),
  );
  try {
    const fixtures = await phase('fixtures (users, files, shares)', () => createFixtures(runtime));
    const context: BenchContext = { runtime, fixtures, workDir, knob, say };
    // Nothing here is timed, so it can all share the cores.
    const preparing = parts.flatMap((part) => (part.prepare ? [{ name: part.name, prepare: part.prepare.bind(part) }] : []));
    await phase(`preparing (${preparing.map((part) => part.name).join('; ')})`, () =>
      Promise.all(preparing.map((part) => part.prepare(context))),
    );
    // Let the table stream's consumer (notify) catch up with the seeded links before timing anything.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const reports: BenchResults['parts'] = [];
    for (const part of parts) reports.push({ name: part.name, report: await phase(part.name, () => part.run(context)) });

    const cpus = os.cpus();
    const results: BenchResults = {
      startedAt,
      durationSeconds: (Date.now() - started) / 1000,
      machine: {
        cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
        cores: os.availableParallelism(),
        memoryGiB: os.totalmem() / 2 ** 30,
        node: process.version,
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
      },
      loadAverage: { before: loadBefore, after: os.loadavg() },
      phases,
      knobs,
      parts: reports,
    };
    console.log(terminalReport(results));
    if (only) return;
    await writeFile(reportFile, markdownReport(results));
    say(`wrote ${path.relative(process.cwd(), reportFile)}`);
  } finally {
    await runtime.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

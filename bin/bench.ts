/**
 * `npm run bench`: measures the product on this machine and writes docs/performance.md.
 *   1. each Lambda bundle's size and cold start next to an empty handler;
 *   2. the warm recipient path through the local runtime next to its floor;
 *   3. concurrent recipients under load;
 *   4. the web bundles, gzipped;
 *   5. first-page cost at 10,000 items vs a few (folders, links).
 * One local runtime in a temp dir serves every part; it is stopped and removed at the end.
 *
 * Knobs (for a quicker look, not for the published figures): BENCH_COLD_RUNS (default 5;
 * fewer, but at least 3, when the rounds take over 90 s on a busy machine),
 * BENCH_WARM_ITERATIONS (200), BENCH_LOAD_SECONDS (30), BENCH_SCALE_REPETITIONS (40).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocal } from './local/runtime.js';
import { createFixtures } from './bench/fixtures.js';
import { buildLambdaBundles, measureColdStarts, zodFootprint } from './bench/lambda-bundles.js';
import { runLoad } from './bench/load.js';
import { markdownReport, terminalReport, type BenchResults } from './bench/report.js';
import { measureScale, seedScale } from './bench/scale.js';
import { measureWarmPath } from './bench/warm-path.js';
import { measureWebBundles } from './bench/web-size.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const reportFile = path.join(repoRoot, 'docs', 'performance.md');

function knob(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const say = (line: string) => console.log(`[bench ${elapsed()}] ${line}`);

async function main() {
  const settings = {
    coldRuns: knob('BENCH_COLD_RUNS', 5),
    coldMinRuns: Math.min(3, knob('BENCH_COLD_RUNS', 5)),
    warmIterations: knob('BENCH_WARM_ITERATIONS', 200),
    loadSeconds: knob('BENCH_LOAD_SECONDS', 30),
    scaleRepetitions: knob('BENCH_SCALE_REPETITIONS', 40),
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
    // Nothing here is timed, so it can all share the cores.
    const [bundles, zod, web, seeded] = await phase('building bundles and seeding 10,000 objects and 10,000 links', () =>
      Promise.all([
        buildLambdaBundles(path.join(workDir, 'lambda')),
        zodFootprint(path.join(workDir, 'lambda')),
        measureWebBundles(path.join(workDir, 'web')),
        seedScale(runtime, fixtures),
      ]),
    );
    // Let the table stream's consumer (notify) catch up with the 10,000 new links before timing anything.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    let lastShown = 0;
    const cold = await phase(`cold starts (${bundles.length} bundles x up to ${settings.coldRuns} fresh processes)`, () =>
      measureColdStarts({
        bundles,
        fixtures,
        maxRuns: settings.coldRuns,
        minRuns: settings.coldMinRuns,
        // Keeps the whole run under 10 minutes on a busy 2-core machine.
        budgetMs: 90_000,
        workDir,
        onProgress: (done, total) => {
          if (Date.now() - lastShown > 15_000) {
            lastShown = Date.now();
            say(`  ${done}/${total} processes`);
          }
        },
      }),
    );
    const warm = await phase(`warm recipient path (${settings.warmIterations} iterations + floor)`, () =>
      measureWarmPath(runtime, fixtures, settings.warmIterations, 5),
    );
    const scale = await phase('scale ratios', () => measureScale(runtime, fixtures.api, seeded, settings.scaleRepetitions));
    const load = await phase(`50 concurrent recipients for ${settings.loadSeconds} s`, () =>
      runLoad({ fixtures, connections: 50, durationSeconds: settings.loadSeconds, workDir }),
    );

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
      lambdas: { bundles, cold, runs: cold[0]?.runs.length ?? 0, zod },
      warm,
      load,
      web,
      scale,
      seed: seeded.seedSeconds,
    };
    console.log(terminalReport(results));
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

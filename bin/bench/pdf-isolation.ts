/**
 * What running pdf.js in a child process costs (functions/lib/render/pdf.ts), against the
 * worker thread it replaced, in the same run on the same input: page 1 of a 50-page PDF at
 * 2048 px (about 13 MB of RGBA pixels back over IPC). Per implementation and round: the start
 * (process or thread, up to pdf.js loaded), the first render after it, then `warmRuns` renders.
 * Rounds alternate between the two, so a busy machine weighs on both alike. The worker-thread
 * version is taken from git (`baselineRef`, the last commit that had it) into .build/; without
 * git or that commit, only the current one is measured.
 *
 * Standalone: `npx tsx bin/bench/pdf-isolation.ts` (PDF_BENCH_ROUNDS, default 3; PDF_BENCH_RUNS, default 10).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makePdf } from '../../test/unit/render/fixtures.js';
import { median, ms } from './stats.js';

/** The last commit whose renderer ran pdf.js in a worker thread. */
export const workerThreadRef = '62eacc242b7d1df9c325553c0552932fd648d17d';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface PdfModule {
  warmPdfWorker(): Promise<void>;
  closePdfWorker(): Promise<void>;
  renderPdfPage(data: Uint8Array, page: number, maxSide: number, budgetMs: number): Promise<{ width: number; height: number }>;
}

export interface IsolationResult {
  name: string;
  /** Start to pdf.js loaded, per round. */
  startMs: number[];
  /** The first render once started, per round. */
  firstRenderMs: number[];
  /** Every warm render of every round. */
  warmMs: number[];
  /** Peak resident set of the PDF child process, in MB (the worker thread's is part of this process's). */
  childPeakRssMb?: number;
}

export interface PdfIsolationReport {
  results: IsolationResult[];
  /** Why the worker-thread version was not measured, when it was not. */
  baselineSkipped?: string;
  page: string;
}

/** Peak RSS (VmHWM) of this process's children that run the PDF worker entry (Linux /proc). */
function childPeakRssMb(): number | undefined {
  let peak: number | undefined;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pdf-worker')) continue;
      const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (kb) peak = Math.max(peak ?? 0, Math.round(kb / 1024));
    } catch {
      // gone meanwhile, or no /proc
    }
  }
  return peak;
}

/** Extracts functions/lib/render at `ref` into a folder under .build/ (so node_modules resolve) and imports its pdf.ts. */
function loadBaseline(ref: string): { module: Promise<PdfModule>; folder: string } {
  mkdirSync(path.join(repoRoot, '.build'), { recursive: true });
  const folder = mkdtempSync(path.join(repoRoot, '.build', 'bench-pdf-baseline-'));
  const archive = execFileSync('git', ['archive', ref, 'functions/lib/render'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  const entry = path.join(folder, 'functions/lib/render/pdf.ts');
  return { module: import(pathToFileURL(entry).href) as Promise<PdfModule>, folder };
}

export async function measurePdfIsolation(
  options: { rounds?: number; warmRuns?: number; baselineRef?: string } = {},
): Promise<PdfIsolationReport> {
  const rounds = options.rounds ?? 3;
  const warmRuns = options.warmRuns ?? 10;
  const pdf = makePdf({ pages: 50 });
  const current = (await import('../../functions/lib/render/pdf.js')) as PdfModule;
  const implementations: { name: string; module: PdfModule; result: IsolationResult }[] = [
    { name: 'child process (now)', module: current, result: { name: 'child process (now)', startMs: [], firstRenderMs: [], warmMs: [] } },
  ];
  let baselineSkipped: string | undefined;
  let folder: string | undefined;
  try {
    const baseline = loadBaseline(options.baselineRef ?? workerThreadRef);
    folder = baseline.folder;
    const name = `worker thread (${(options.baselineRef ?? workerThreadRef).slice(0, 7)})`;
    implementations.push({ name, module: await baseline.module, result: { name, startMs: [], firstRenderMs: [], warmMs: [] } });
  } catch (error) {
    baselineSkipped = (error as Error).message.split('\n')[0];
  }
  try {
    for (let round = 0; round < rounds; round++) {
      for (const { module, result } of implementations) {
        await module.closePdfWorker();
        let started = performance.now();
        await module.warmPdfWorker();
        result.startMs.push(performance.now() - started);
        started = performance.now();
        await module.renderPdfPage(pdf, 1, 2048, 30_000);
        result.firstRenderMs.push(performance.now() - started);
        for (let i = 0; i < warmRuns; i++) {
          started = performance.now();
          await module.renderPdfPage(pdf, 1, 2048, 30_000);
          result.warmMs.push(performance.now() - started);
        }
        if (module === current) result.childPeakRssMb = Math.max(result.childPeakRssMb ?? 0, childPeakRssMb() ?? 0) || undefined;
        await module.closePdfWorker();
      }
    }
  } finally {
    for (const { module } of implementations) await module.closePdfWorker();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
  return {
    results: implementations.map((entry) => entry.result),
    baselineSkipped,
    page: `page 1 of a 50-page PDF (${Math.round(pdf.length / 1024)} KB) at 2048 px`,
  };
}

export function formatPdfIsolation(report: PdfIsolationReport): string {
  const rows = report.results.map(
    (r) =>
      `| ${r.name} | ${ms(median(r.startMs))} | ${ms(median(r.firstRenderMs))} | ${ms(median(r.startMs.map((start, i) => start + r.firstRenderMs[i]!)))} | ${ms(median(r.warmMs))} (${ms(Math.min(...r.warmMs))}–${ms(Math.max(...r.warmMs))}, n=${r.warmMs.length}) | ${r.childPeakRssMb === undefined ? 'in this process' : `${r.childPeakRssMb} MB`} |`,
  );
  return [
    `PDF isolation: ${report.page} (Node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}; medians over ${report.results[0]!.startMs.length} rounds)`,
    '',
    '| pdf.js runs in | start (to pdf.js loaded) | first render | cold total | warm render p50 (range) | its peak RSS |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(report.baselineSkipped ? ['', `Worker thread not measured: ${report.baselineSkipped}`] : []),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rounds = Number(process.env.PDF_BENCH_ROUNDS ?? 3);
  const warmRuns = Number(process.env.PDF_BENCH_RUNS ?? 10);
  if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(warmRuns) || warmRuns < 1)
    throw new Error('PDF_BENCH_ROUNDS and PDF_BENCH_RUNS must be positive integers');
  console.log(formatPdfIsolation(await measurePdfIsolation({ rounds, warmRuns })));
}

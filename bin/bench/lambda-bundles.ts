/**
 * Part 1: every Lambda bundle, built as the deploy builds it (esbuildOptionsFor, one build
 * per function, ESM `index.mjs` like NodejsFunction), its minified size, and its cold start
 * in a fresh Node process per run: import plus first invocation, next to an empty handler
 * bundled and measured the same way.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/bundling.js';
import { routes, type Route } from '../../functions/routes.js';
import { RESULT_MARKER, type ProbeResult } from './cold-probe-protocol.js';
import { probeEventFor, httpEvent, type ProbeEvent } from './events.js';
import type { Fixtures } from './fixtures.js';
import { median } from './stats.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const EMPTY = '(empty handler)';
/** The table stream's consumer, measured when it exists (bin/local/runtime.ts starts it the same way). */
const STREAM_HANDLER = 'notify';

export interface BuiltBundle {
  name: string;
  file: string;
  bytes: number;
  /** Output bytes by source package, largest first. */
  contributors: { source: string; bytes: number }[];
  route?: Route;
}

export interface ColdStart {
  bundle: BuiltBundle;
  probe: ProbeEvent | { description: string; realistic: boolean };
  runs: (ProbeResult & { wallMs: number })[];
  /** Medians over the runs. */
  importMs: number;
  firstInvokeMs: number;
  coldMs: number;
  secondInvokeMs: number;
  wallMs: number;
  statuses: string;
}

function sourceOf(input: string): string {
  // zod's message tables for ~40 languages, shown apart from the validation code itself.
  if (input.includes('node_modules/zod/') && input.includes('/locales/')) return 'zod (locales)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1]!;
  return input.startsWith('functions/') ? 'functions/ (own code)' : input;
}

function contributorsOf(metafile: Metafile): { source: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const source = sourceOf(path.relative(repoRoot, path.resolve(repoRoot, input)));
      totals.set(source, (totals.get(source) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}

async function buildOne(name: string, entry: string, outDir: string, route?: Route): Promise<BuiltBundle> {
  const file = path.join(outDir, name, 'index.mjs');
  const result = await build({ ...esbuildOptionsFor(entry, file), metafile: true, absWorkingDir: repoRoot });
  return { name, file, bytes: (await stat(file)).size, contributors: contributorsOf(result.metafile), ...(route ? { route } : {}) };
}

/** Builds each route's function, the stream consumer if present, and the empty handler. */
export async function buildLambdaBundles(outDir: string): Promise<BuiltBundle[]> {
  await mkdir(outDir, { recursive: true });
  const emptyEntry = path.join(outDir, 'empty-handler.ts');
  await writeFile(emptyEntry, "export const handler = async () => ({ statusCode: 200, body: '' });\n");
  const byHandler = new Map<string, Route>();
  for (const route of routes as readonly Route[]) if (!byHandler.has(route.handler)) byHandler.set(route.handler, route);
  const jobs = [...byHandler].map(([name, route]) => buildOne(name, path.join(repoRoot, 'functions', `${name}.ts`), outDir, route));
  const notify = path.join(repoRoot, 'functions', `${STREAM_HANDLER}.ts`);
  if (existsSync(notify)) jobs.push(buildOne(STREAM_HANDLER, notify, outDir));
  jobs.push(buildOne(EMPTY, emptyEntry, outDir));
  return Promise.all(jobs);
}

/**
 * What one zod schema costs in a bundle built like the functions', with the `zod` import the
 * handlers use and with `zod/mini` (zod's tree-shakable form), to show what the validation
 * library weighs on its own.
 */
export async function zodFootprint(outDir: string): Promise<{ zod: number; zodMini: number }> {
  const variants = {
    zod: "import { z } from 'zod';\nconst schema = z.strictObject({ fileId: z.string().min(1).max(4096) });",
    zodMini:
      "import * as z from 'zod/mini';\nconst schema = z.strictObject({ fileId: z.string().check(z.minLength(1), z.maxLength(4096)) });",
  };
  const sizes = await Promise.all(
    Object.entries(variants).map(async ([name, source]) => {
      const file = path.join(outDir, 'zod-footprint', `${name}.mjs`);
      const { entryPoints: _entry, ...options } = esbuildOptionsFor('', file);
      await build({
        ...options,
        stdin: {
          contents: `${source}\nexport const handler = async (event: unknown) => schema.safeParse(event).success;\n`,
          resolveDir: repoRoot,
          loader: 'ts',
          sourcefile: `${name}.ts`,
        },
      });
      return [name, (await stat(file)).size] as const;
    }),
  );
  const bytes = Object.fromEntries(sizes) as Record<keyof typeof variants, number>;
  return { zod: bytes.zod, zodMini: bytes.zodMini };
}

async function probeBuild(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'cold-probe.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./cold-probe.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
  });
  return outfile;
}

function runProbe(probe: string, bundle: string, eventFile: string, env: NodeJS.ProcessEnv): Promise<ProbeResult & { wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // As deployed: NODE_OPTIONS=--enable-source-maps (infra/sharelink-function.ts).
    const child = spawn(process.execPath, ['--enable-source-maps', probe, bundle, eventFile], {
      cwd: path.dirname(bundle),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let result: (ProbeResult & { wallMs: number }) | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const at = stdout.indexOf(RESULT_MARKER);
      const end = at === -1 ? -1 : stdout.indexOf('\n', at);
      if (!result && end !== -1) {
        const wallMs = performance.now() - started;
        result = { ...(JSON.parse(stdout.slice(at + RESULT_MARKER.length, end)) as ProbeResult), wallMs };
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result && code === 0) resolve(result);
      else reject(new Error(`cold probe of ${bundle} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

/**
 * Every bundle once per round, one fresh process at a time, round-robin with the starting
 * function rotated each round so drift in the machine's load spreads over all of them.
 */
export async function measureColdStarts(options: {
  bundles: BuiltBundle[];
  fixtures: Fixtures;
  /** Rounds: every bundle once per round. At least minRuns; no new round once budgetMs is spent. */
  maxRuns: number;
  minRuns: number;
  budgetMs: number;
  workDir: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<ColdStart[]> {
  const { bundles, fixtures, workDir } = options;
  const probe = await probeBuild(workDir);
  const anyPublicRoute = { method: 'GET', path: '/api/public/shares/{id}' } as const;
  const targets = await Promise.all(
    bundles.map(async (bundle) => {
      let probeEvent: ColdStart['probe'];
      let event: unknown;
      if (bundle.route) {
        const made = probeEventFor(bundle.route, fixtures);
        probeEvent = made;
        event = made.event;
      } else if (bundle.name === EMPTY) {
        probeEvent = { description: 'returns a constant', realistic: true };
        event = httpEvent(anyPublicRoute, {
          rawPath: `/api/public/shares/${fixtures.share.id}`,
          pathParameters: { id: fixtures.share.id },
        });
      } else {
        probeEvent = { description: 'an empty stream batch (no records)', realistic: false };
        event = { Records: [] };
      }
      const eventFile = path.join(workDir, `event-${bundle.name.replace(/\W+/g, '_')}.json`);
      await writeFile(eventFile, JSON.stringify(event));
      return { bundle, probe: probeEvent, eventFile, runs: [] as (ProbeResult & { wallMs: number })[] };
    }),
  );
  const total = targets.length * options.maxRuns;
  const started = Date.now();
  let done = 0;
  for (let round = 0; round < options.maxRuns; round++) {
    // A slow (busy) machine gets fewer rounds, never fewer than minRuns; rounds stay whole.
    if (round >= options.minRuns && Date.now() - started > options.budgetMs) break;
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + round) % targets.length]!;
      target.runs.push(await runProbe(probe, target.bundle.file, target.eventFile, fixtures.handlerEnv));
      options.onProgress?.(++done, total);
    }
  }
  return targets.map(({ bundle, probe: probeEvent, runs: results }) => {
    const statuses = [
      ...new Set(results.flatMap((run) => [run.firstStatus, run.secondStatus]).map((status) => (status === null ? '-' : String(status)))),
    ];
    return {
      bundle,
      probe: probeEvent,
      runs: results,
      importMs: median(results.map((run) => run.importMs)),
      firstInvokeMs: median(results.map((run) => run.firstInvokeMs)),
      coldMs: median(results.map((run) => run.importMs + run.firstInvokeMs)),
      secondInvokeMs: median(results.map((run) => run.secondInvokeMs)),
      wallMs: median(results.map((run) => run.wallMs)),
      statuses: statuses.join('/'),
    };
  });
}

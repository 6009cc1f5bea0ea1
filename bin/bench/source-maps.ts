/**
 * The source-map question, with numbers: the recipient bundle started in fresh processes
 * with each option, and a first and a second invocation that both fail unexpectedly (no
 * table name), so the handler logs the error with its stack. The first logged error pays
 * for mapping the stack once per instance; the option without a map shows what the first
 * invocation costs without any mapping.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ENV } from '../../functions/lib/contract/environment.js';
import { routeNamed } from '../../functions/routes.js';
import type { LocalRuntime } from '../local/runtime.js';
import { freshEvent, probeEventFor } from './events.js';
import type { Fixtures } from './fixtures.js';
import { environmentFor, startFunction } from './function-processes.js';
import type { BuiltBundle } from './lambda-bundles.js';
import { median } from './stats.js';

export interface SourceMapOption {
  option: string;
  /** Medians. */
  startImportMs: number;
  importMs: number;
  /** The first failing invocation (which logs the first error) over the second. */
  firstErrorExtraMs: number;
  /** Where the logged stack's first frame points. */
  stackNames: string;
  /** Whether Node itself held the bundle's map after loading it. */
  nodeHasMap: boolean;
  deployed: boolean;
}

export interface SourceMapResult {
  bundle: string;
  bundleBytes: number;
  mapBytes: number;
  rounds: number;
  options: SourceMapOption[];
}

const variants = [
  { option: "Node's `--enable-source-maps` (NODE_OPTIONS before)", nodeOptions: ['--enable-source-maps'], map: true, deployed: false },
  { option: 'no flag; the logger maps a stack when it logs an error (deployed)', nodeOptions: [], map: true, deployed: true },
  { option: 'no flag, no mapping (the map left out)', nodeOptions: [], map: false, deployed: false },
  {
    option: '`process.setSourceMapsEnabled(true)` once the bundle is loaded',
    nodeOptions: [],
    map: true,
    afterImport: true,
    deployed: false,
  },
] as const;

/** The first frame of the stack in the logged error line: a TypeScript file and line, or the bundle's position. */
function firstFrame(stderr: string): string {
  const line = stderr.split('\n').find((candidate) => candidate.includes('"level":"ERROR"'));
  if (!line) return 'no error logged';
  const stack = (JSON.parse(line) as { error?: { stack?: string } }).error?.stack ?? '';
  const frame = /\(([^()]+):(\d+):\d+\)|at ([^()\s]+):(\d+):\d+/.exec(stack.split('\n')[1] ?? '');
  if (!frame) return 'no frame';
  const file = frame[1] ?? frame[3] ?? '';
  return `${path.basename(file)}:${frame[2] ?? frame[4]}`;
}

export async function measureSourceMaps(options: {
  runtime: LocalRuntime;
  fixtures: Fixtures;
  bundle: BuiltBundle;
  probe: string;
  workDir: string;
  rounds: number;
}): Promise<SourceMapResult> {
  const { bundle } = options;
  const copies = await Promise.all(
    variants.map(async (variant, index) => {
      const dir = path.join(options.workDir, 'source-maps', String(index), bundle.name);
      await mkdir(dir, { recursive: true });
      await copyFile(bundle.file, path.join(dir, 'index.mjs'));
      if (variant.map) await copyFile(`${bundle.file}.map`, path.join(dir, 'index.mjs.map'));
      return path.join(dir, 'index.mjs');
    }),
  );
  const env = await environmentFor(options.runtime, bundle.group ?? bundle.name);
  // Reading the share needs the table's name: without it the handler fails and logs the error.
  delete env[ENV.tableName];
  const event = probeEventFor(routeNamed('public-share-get'), options.fixtures).event;

  const runs = variants.map(() => ({
    startImport: [] as number[],
    import: [] as number[],
    extra: [] as number[],
    frame: '',
    nodeHasMap: false,
  }));
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const index = (i + round) % variants.length;
      const variant = variants[index]!;
      const fn = await startFunction(
        options.probe,
        copies[index]!,
        {
          ...env,
          ...('afterImport' in variant ? { BENCH_SOURCE_MAPS_AFTER_IMPORT: '1' } : {}),
        },
        variant.nodeOptions,
      );
      try {
        const first = await fn.invoke(freshEvent(event));
        const second = await fn.invoke(freshEvent(event));
        const run = runs[index]!;
        run.startImport.push(fn.startImportMs);
        run.import.push(fn.importMs);
        run.extra.push(first.ms - second.ms);
        run.frame = firstFrame(fn.stderr());
        run.nodeHasMap = fn.nodeHasMap;
      } finally {
        fn.stop();
      }
    }
  }
  return {
    bundle: bundle.name,
    bundleBytes: bundle.bytes,
    mapBytes: (await stat(`${bundle.file}.map`)).size,
    rounds: options.rounds,
    options: variants.map((variant, index) => ({
      option: variant.option,
      startImportMs: median(runs[index]!.startImport),
      importMs: median(runs[index]!.import),
      firstErrorExtraMs: median(runs[index]!.extra),
      stackNames: runs[index]!.frame,
      nodeHasMap: runs[index]!.nodeHasMap,
      deployed: variant.deployed,
    })),
  };
}

/**
 * Every Lambda bundle as the deploy builds it (esbuildOptionsFor: ESM `index.mjs`, minified,
 * AWS SDK inside), one build per function: each route group's function (functions/routes.ts),
 * the stream consumers, the floor (only the SDK clients the recipient uses), the floor plus
 * one piece at a time (what each piece of the functions costs on top of the SDK), and an
 * empty handler. Also a few other build settings tried on the heaviest function, for the record.
 */
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { streamConsumers } from '../../functions/lib/contract/streams.js';
import { groups, type Group } from '../../functions/routes.js';
import { esbuildOptionsFor } from '../../infra/bundling.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const floorDir = fileURLToPath(new URL('./floor/', import.meta.url));

export type BundleKind = 'function' | 'floor' | 'piece' | 'empty';

export interface BuiltBundle {
  name: string;
  kind: BundleKind;
  /** Route group of an HTTP function. */
  group?: Group;
  /** What a floor piece adds, for the report. */
  adds?: string;
  file: string;
  bytes: number;
  /** Output bytes by source package, largest first. */
  contributors: { source: string; bytes: number }[];
}

export const FLOOR = 'floor (recipient SDK clients)';
export const EMPTY = '(empty handler)';

/** Floor pieces: the floor plus one thing the functions carry. */
const pieces = [
  { file: 'with-zod.ts', adds: 'zod/mini + English messages + a schema' },
  { file: 'with-logger.ts', adds: "Powertools' logger + its middleware" },
  { file: 'with-middy.ts', adds: 'the middy HTTP chain (4 middlewares)' },
  { file: 'with-secrets.ts', adds: 'the Secrets Manager client' },
] as const;

function sourceOf(input: string): string {
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

async function buildOne(
  bundle: Omit<BuiltBundle, 'file' | 'bytes' | 'contributors'>,
  entry: string,
  outDir: string,
  extra: BuildOptions = {},
): Promise<BuiltBundle> {
  const file = path.join(outDir, bundle.name.replace(/\W+/g, '_'), 'index.mjs');
  const result = await build({ ...esbuildOptionsFor(entry, file), ...extra, metafile: true, absWorkingDir: repoRoot });
  // As in the Lambda package: ESM by its extension, no package.json needed.
  return { ...bundle, file, bytes: (await stat(file)).size, contributors: contributorsOf(result.metafile) };
}

export async function buildLambdaBundles(outDir: string): Promise<BuiltBundle[]> {
  await mkdir(outDir, { recursive: true });
  const emptyEntry = path.join(outDir, 'empty-handler.ts');
  await writeFile(emptyEntry, "export const handler = async () => ({ statusCode: 200, body: '' });\n");
  const jobs: Promise<BuiltBundle>[] = groups.map((group) =>
    buildOne({ name: group, kind: 'function', group }, path.join(repoRoot, 'functions', group, 'lambda.ts'), outDir),
  );
  for (const consumer of streamConsumers) {
    const entry = path.join(repoRoot, 'functions', consumer.name, 'lambda.ts');
    if (existsSync(entry)) jobs.push(buildOne({ name: consumer.name, kind: 'function' }, entry, outDir));
  }
  jobs.push(buildOne({ name: FLOOR, kind: 'floor' }, path.join(floorDir, 'recipient-sdk.ts'), outDir));
  for (const piece of pieces) {
    jobs.push(buildOne({ name: `floor + ${piece.adds}`, kind: 'piece', adds: piece.adds }, path.join(floorDir, piece.file), outDir));
  }
  jobs.push(buildOne({ name: EMPTY, kind: 'empty' }, emptyEntry, outDir));
  return Promise.all(jobs);
}

export interface SizeExperiment {
  setting: string;
  bytes: number;
}

/** Other esbuild settings, tried on one function, to show what they would change. */
export async function sizeExperiments(bundle: BuiltBundle, outDir: string): Promise<SizeExperiment[]> {
  if (!bundle.group) return [];
  const entry = path.join(repoRoot, 'functions', bundle.group, 'lambda.ts');
  const settings: { setting: string; options: BuildOptions }[] = [
    { setting: "legal comments dropped (`legalComments: 'none'`)", options: { legalComments: 'none' } },
    { setting: "CommonJS builds first (`mainFields: ['main', 'module']`)", options: { mainFields: ['main', 'module'] } },
    { setting: "the `node` export condition first (`conditions: ['node']`)", options: { conditions: ['node'] } },
  ];
  return Promise.all(
    settings.map(async ({ setting, options }) => {
      const built = await buildOne({ name: `size-${setting}`, kind: 'function' }, entry, path.join(outDir, 'size-experiments'), options);
      return { setting, bytes: built.bytes };
    }),
  );
}

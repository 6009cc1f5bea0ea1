/**
 * Part: the Lambda functions. Their bundles (sizes, by package family) next to the floor
 * bundle; cold starts in fresh processes with the deployed Node options (start + import
 * against the floor, first and second invocations); what each piece costs on top of the
 * floor; a recipient's cold first visit; and the source-map options.
 */
import path from 'node:path';
import { lambdaNodeOptions } from '../../infra/bundling.js';
import { measureColdStarts, type ColdStart } from './cold-starts.js';
import { measureColdVisit } from './cold-visit.js';
import { buildFunctionProcess } from './function-processes.js';
import { EMPTY, buildLambdaBundles, sizeExperiments, type BuiltBundle, type SizeExperiment } from './lambda-bundles.js';
import { targetRow, type BenchPart, type PartReport, type Section, type TargetRow } from './part.js';
import { measureSourceMaps, type SourceMapResult } from './source-maps.js';
import { kb, ms, ratio } from './stats.js';

const LIMITS = { bundleBytes: 300 * 1024, startImport: 1.15, coldVisit: 1.25 };

const FAMILIES = ['AWS SDK v3', 'zod', 'Powertools', 'middy', 'own code', 'other'] as const;
type Family = (typeof FAMILIES)[number];

function familyOf(source: string): Family {
  if (source.startsWith('zod')) return 'zod';
  if (
    /^@(aws-sdk|smithy|aws-crypto|aws)\//.test(source) ||
    ['mnemonist', 'obliterator', 'fast-xml-parser', 'strnum', 'tslib'].includes(source)
  ) {
    return 'AWS SDK v3';
  }
  if (source.startsWith('@aws-lambda-powertools/')) return 'Powertools';
  if (source.startsWith('@middy/')) return 'middy';
  if (source.startsWith('functions/')) return 'own code';
  return 'other';
}

function families(bundle: BuiltBundle): Record<Family, number> {
  const totals = Object.fromEntries(FAMILIES.map((family) => [family, 0])) as Record<Family, number>;
  for (const { source, bytes } of bundle.contributors) totals[familyOf(source)] += bytes;
  return totals;
}

const signedKb = (bytes: number) => `${bytes >= 0 ? '+' : '-'}${kb(Math.abs(bytes))}`;
const signedMs = (value: number) => `${value >= 0 ? '+' : '-'}${ms(Math.abs(value))}`;

const nodeOptionsText = lambdaNodeOptions.length ? `\`${lambdaNodeOptions.join(' ')}\`` : 'none';

function bundleSection(bundles: BuiltBundle[], floor: BuiltBundle): Section {
  const ordered = [...bundles.filter((b) => b.kind === 'function').sort((a, b) => b.bytes - a.bytes), floor];
  return {
    title: 'Lambda bundles',
    intro:
      'Each function built alone with `esbuildOptionsFor` (infra/bundling.ts: ESM `index.mjs`, minified, AWS SDK bundled, as NodejsFunction builds it). ' +
      `The floor is a bundle of only the SDK clients the recipient function uses (DynamoDB document client, S3 client, presigner; bin/bench/floor/recipient-sdk.ts), same options. ` +
      'Bytes by source package family, from esbuild\'s metafile ("AWS SDK v3" counts @aws-sdk, @smithy, @aws-crypto and their few helpers).',
    header: ['bundle', 'minified', 'vs floor', ...FAMILIES],
    rows: ordered.map((bundle) => {
      const byFamily = families(bundle);
      return [bundle.name, kb(bundle.bytes), ratio(bundle.bytes / floor.bytes), ...FAMILIES.map((family) => kb(byFamily[family]))];
    }),
  };
}

function coldSection(cold: ColdStart[], floor: ColdStart, rounds: number): Section {
  const functions = cold.filter((c) => c.bundle.kind === 'function').sort((a, b) => b.startImportMs - a.startImportMs);
  const empty = cold.find((c) => c.bundle.kind === 'empty');
  const rows = [...functions, floor, ...(empty ? [empty] : [])].map((c) => [
    c.bundle.name,
    kb(c.bundle.bytes),
    ms(c.startImportMs),
    ratio(c.startImportMs / floor.startImportMs),
    ms(c.importMs),
    ms(c.firstMs),
    ms(c.secondMs),
    c.statuses,
    c.description,
  ]);
  return {
    title: 'Cold starts: start + import against the floor',
    intro:
      `A fresh Node process per run (bin/bench/function-process.ts, forked with the deployed NODE_OPTIONS: ${nodeOptionsText}, and the function's own environment as deployed), ` +
      "which imports the bundle, as Lambda's init does, then gets two invocations with a realistic API Gateway v2 event against the local runtime's DynamoDB Local, s3rver and signing key. " +
      `Medians of ${rounds} rounds, every bundle once per round, round-robin. "start + import" runs from fork() to the end of the import (Node's own start included, as a Lambda cold start includes the runtime's); ` +
      '"import" is timed inside the process; invocations are timed inside the process too.',
    header: [
      'bundle',
      'minified',
      'start + import',
      'vs floor',
      'import',
      '1st invocation',
      '2nd invocation',
      'status',
      'first invocation',
    ],
    rows,
  };
}

function piecesSection(cold: ColdStart[], floor: ColdStart, slowest: ColdStart): Section {
  const pieces = cold.filter((c) => c.bundle.kind === 'piece');
  const summed = pieces.reduce((sum, c) => sum + (c.startImportMs - floor.startImportMs), 0);
  return {
    title: 'Where the gap to the floor goes',
    intro:
      'The floor plus one piece the functions carry, each built and started like the functions (bin/bench/floor/with-*.ts), in the same rounds. ' +
      `The rest of the slowest function's gap (${slowest.bundle.name}) is its own code: the route table, the handlers' zod schemas built at import, the domain and adapters.`,
    header: ['bundle', 'minified', 'over the floor', 'start + import', 'over the floor'],
    rows: [
      ...pieces.map((c) => [
        c.bundle.name,
        kb(c.bundle.bytes),
        signedKb(c.bundle.bytes - floor.bundle.bytes),
        ms(c.startImportMs),
        signedMs(c.startImportMs - floor.startImportMs),
      ]),
      [
        `${slowest.bundle.name} (the slowest function)`,
        kb(slowest.bundle.bytes),
        signedKb(slowest.bundle.bytes - floor.bundle.bytes),
        ms(slowest.startImportMs),
        `${signedMs(slowest.startImportMs - floor.startImportMs)} (pieces above together: ${signedMs(summed)})`,
      ],
    ],
  };
}

function sourceMapSection(result: SourceMapResult): Section {
  const none = result.options.find((option) => option.option.startsWith('no flag, no mapping'));
  return {
    title: 'Source maps: what each option costs',
    intro:
      `The ${result.bundle} bundle (${kb(result.bundleBytes)}, its map ${kb(result.mapBytes)}) in fresh processes, ${result.rounds} rounds, each option once per round. ` +
      'Two invocations that both fail unexpectedly (no table name), so the handler logs each error with its stack: the first pays for any one-time mapping. ' +
      '"first logged error" is the first failing invocation less the second; the option without a map shows what that difference is with no mapping at all.',
    header: [
      'option',
      'start + import',
      'import',
      'first logged error',
      'of which mapping',
      'Node holds the map',
      'the logged stack names',
    ],
    rows: result.options.map((option) => [
      option.deployed ? `**${option.option}**` : option.option,
      ms(option.startImportMs),
      ms(option.importMs),
      ms(option.firstErrorExtraMs),
      none ? ms(Math.max(0, option.firstErrorExtraMs - none.firstErrorExtraMs)) : '-',
      option.nodeHasMap ? 'yes' : 'no',
      option.stackNames,
    ]),
    notes: [
      '`process.setSourceMapsEnabled(true)` at the moment an error is about to be logged cannot help: Node maps only modules loaded after source maps are turned on, so the bundle, loaded at init, keeps its minified positions (last row). ' +
        'The logger therefore maps the stack itself (functions/lib/stack-traces.ts) with `index.mjs.map` beside the bundle, once per instance, on the first error it logs; the maps carry no `sourcesContent` (file and line are what a stack needs).',
    ],
  };
}

function sizeTarget(functions: BuiltBundle[], floor: BuiltBundle, experiments: SizeExperiment[]): TargetRow {
  const heaviest = [...functions].sort((a, b) => b.bytes - a.bytes)[0]!;
  const lightest = [...functions].sort((a, b) => a.bytes - b.bytes)[0]!;
  const byFamily = families(heaviest);
  return targetRow({
    row: 'heaviest function bundle',
    target: '≤ 300 KB minified',
    value: heaviest.bytes,
    limit: LIMITS.bundleBytes,
    measured: `${heaviest.name} ${kb(heaviest.bytes)} (lightest: ${lightest.name} ${kb(lightest.bytes)}; the floor ${kb(floor.bytes)})`,
    why:
      `The floor, the recipient's SDK clients alone with the same options, is ${kb(floor.bytes)}: ${((floor.bytes / LIMITS.bundleBytes - 1) * 100).toFixed(0)}% over the target before any of our code, ` +
      `so no function that reads DynamoDB and S3 can meet it while the AWS SDK v3 is bundled (and replacing the SDK is out of scope). ` +
      `${heaviest.name} by family: ${FAMILIES.map((family) => `${family} ${kb(byFamily[family])}`).join(', ')}; largest packages: ` +
      `${heaviest.contributors
        .slice(0, 4)
        .map((c) => `${c.source} ${kb(c.bytes)}`)
        .join(', ')} (S3's client carries every operation's schema and error class, registered at import, so unused ones stay). ` +
      'Done: zod/mini (zod went from about 90 KB to 27 KB per function), SDK clients made on first use and tree-shaken from functions that never call them, ' +
      'the credential providers Lambda never loads left out, node:http, node:net and node:process without their ESM facades. ' +
      `Tried on ${heaviest.name} in this run: ${experiments.map((e) => `${e.setting} ${kb(e.bytes)} (${e.bytes >= heaviest.bytes ? '+' : ''}${kb(e.bytes - heaviest.bytes)})`).join('; ')}: none gets near. ` +
      'What remains on our side is small next to the SDK: see "Where the gap to the floor goes" for what each piece costs at start.',
  });
}

export function lambdaPart(): BenchPart {
  let bundles: BuiltBundle[] = [];
  let experiments: SizeExperiment[] = [];
  let probe = '';
  return {
    name: 'Lambda bundles, cold starts, cold first visit, source maps',
    async prepare({ workDir }) {
      const outDir = path.join(workDir, 'lambda');
      [bundles, probe] = await Promise.all([buildLambdaBundles(outDir), buildFunctionProcess(workDir)]);
      const heaviest = bundles.filter((b) => b.kind === 'function').sort((a, b) => b.bytes - a.bytes)[0];
      experiments = heaviest ? await sizeExperiments(heaviest, outDir) : [];
    },
    async run({ runtime, fixtures, workDir, knob, say }): Promise<PartReport> {
      const rounds = knob('BENCH_COLD_ROUNDS', 9);
      let lastShown = Date.now();
      const cold = await measureColdStarts({
        runtime,
        fixtures,
        bundles,
        probe,
        rounds,
        onProgress: (done, total) => {
          if (Date.now() - lastShown > 15_000) {
            lastShown = Date.now();
            say(`  cold starts: ${done}/${total} processes`);
          }
        },
      });
      say('  cold first visits…');
      const visit = await measureColdVisit({ runtime, fixtures, bundles, probe, rounds: knob('BENCH_VISIT_ROUNDS', 7) });
      say('  source-map options…');
      const recipient = bundles.find((b) => b.group === 'recipient');
      if (!recipient) throw new Error('no recipient function bundle');
      const sourceMaps = await measureSourceMaps({
        runtime,
        fixtures,
        bundle: recipient,
        probe,
        workDir,
        rounds: knob('BENCH_SOURCE_MAP_ROUNDS', 7),
      });

      const floor = cold.find((c) => c.bundle.kind === 'floor')!;
      const functions = cold.filter((c) => c.bundle.kind === 'function').sort((a, b) => b.startImportMs - a.startImportMs);
      const slowest = functions[0]!;
      const empty = cold.find((c) => c.bundle.name === EMPTY);
      const startRatio = slowest.startImportMs / floor.startImportMs;
      const visitRatio = visit.coldMs / visit.referenceMs;
      const slowestSingle = visit.singles[0]!;
      const pieces = cold.filter((c) => c.bundle.kind === 'piece');
      const deployedMaps = sourceMaps.options.find((option) => option.deployed);
      const flagMaps = sourceMaps.options.find((option) => option.option.includes('--enable-source-maps'));

      const sections: Section[] = [
        bundleSection(
          bundles.filter((b) => b.kind === 'function' || b.kind === 'floor'),
          floor.bundle,
        ),
        coldSection(cold, floor, rounds),
        piecesSection(cold, floor, slowest),
        {
          title: 'Cold first visit: unlock → list → download, every function started fresh',
          intro:
            `A recipient's visit after a quiet hour, ${visit.rounds} rounds: each step goes to the function the route table names for it, started in a fresh process when the visit first reaches it ` +
            `(as Lambda starts an instance for a function with none warm); then the same three steps again in the same processes (the warm path, same harness). ` +
            `Functions the visit touched: ${visit.functions.join(', ')} (${visit.functions.length} cold start${visit.functions.length === 1 ? '' : 's'} per visit). ` +
            "The reference, measured in the same rounds (alternating with the visits): each HTTP function's single cold start, what the first request to a new instance waits " +
            'more than a request to a warm one (from fork() to the first answer, less the second invocation), with the request its users make first; the slowest of them plus the warm visit. ' +
            'Times as the caller sees them (IPC included).',
          header: ['step', 'function', 'cold (p50)', 'warm (p50)'],
          rows: [
            ...visit.steps.map((step) => [step.handler, step.function, ms(step.coldMs), ms(step.warmMs)]),
            ['whole visit', visit.functions.join(', '), ms(visit.coldMs), ms(visit.warmMs)],
            ...visit.singles.map((single) => [
              `single cold start: ${single.handler} (start + import ${ms(single.startImportMs)})`,
              single.function,
              ms(single.coldStartMs),
              '-',
            ]),
            ['reference: slowest single cold start + warm visit', visit.singles[0]?.function ?? '-', ms(visit.referenceMs), '-'],
          ],
        },
        sourceMapSection(sourceMaps),
        {
          title: 'Bundle size: other settings tried',
          intro: `The heaviest function built with one esbuild setting changed at a time, in this run (deployed settings: ${kb(functions.map((c) => c.bundle.bytes).sort((a, b) => b - a)[0] ?? 0)}).`,
          header: ['setting', 'minified'],
          rows: experiments.map((e) => [e.setting, kb(e.bytes)]),
        },
      ];

      const gapPieces = pieces.map((c) => `${c.bundle.adds} ${signedMs(c.startImportMs - floor.startImportMs)}`).join(', ');
      const targets: TargetRow[] = [
        sizeTarget(
          bundles.filter((b) => b.kind === 'function'),
          floor.bundle,
          experiments,
        ),
        targetRow({
          row: 'slowest function start + import, deployed NODE_OPTIONS',
          target: '≤ 1.15x the floor bundle',
          value: startRatio,
          limit: LIMITS.startImport,
          measured: `${slowest.bundle.name} ${ms(slowest.startImportMs)} vs the floor ${ms(floor.startImportMs)} (${ratio(startRatio)}); fastest: ${functions.at(-1)!.bundle.name} ${ratio(functions.at(-1)!.startImportMs / floor.startImportMs)}${empty ? `; an empty handler ${ms(empty.startImportMs)}` : ''}`,
          why:
            `Node's own start is most of it (an empty handler: ${empty ? ms(empty.startImportMs) : '-'}); the rest is parsing and running the bundle. ` +
            `On top of the floor, in this run: ${gapPieces}; the functions' own code is the remainder of ${slowest.bundle.name}'s ${signedMs(slowest.startImportMs - floor.startImportMs)}. ` +
            `Done for this target: no \`--enable-source-maps\` (it parsed the map at every start: ${flagMaps && deployedMaps ? `${ms(flagMaps.startImportMs - deployedMaps.startImportMs)} on the recipient in this run` : 'see the source-map table'}), ` +
            "node:http through require() (an ESM import of it made Node load undici, about 40 ms), node:process and node:net taken without their ESM facades (the facade of node:process reads `process.stdin`, which opens standard input: about 6 ms of the recipient's import), the email date format built on first use (ICU, about 30 ms at import in every function), " +
            'the grouped functions sharing one bundle per group. Not done, with their measured share above: replacing Powertools or middy with smaller code, building the zod schemas lazily (the domain modules build them at import).',
        }),
        targetRow({
          row: 'cold first visit (unlock → list → download, all cold)',
          target: '≤ 1.25x (slowest single cold start + warm path)',
          value: visitRatio,
          limit: LIMITS.coldVisit,
          measured: `${ms(visit.coldMs)} vs ${ms(visit.referenceMs)} (${slowestSingle.function} ${ms(slowestSingle.coldStartMs)} + warm ${ms(visit.warmMs)}): ${ratio(visitRatio)}; ${visit.functions.length} cold start${visit.functions.length === 1 ? '' : 's'} per visit`,
          why:
            `Every public route is served by the ${visit.functions.join(', ')} function (functions/routes.ts), so the visit starts one process, not three. ` +
            "Beyond that one cold start and the warm path, the visit pays each later step's first run in the new instance: the S3 client's first request and presigning " +
            '(endpoint rules, signer, first connection) and V8 compiling the code each step runs for the first time: ' +
            visit.steps.map((step) => `${step.handler} ${ms(step.coldMs)} cold vs ${ms(step.warmMs)} warm`).join(', ') +
            ' (the first step includes the process start).',
        }),
      ];
      return { sections, targets };
    },
  };
}

/**
 * Turns one benchmark run into the terminal table and docs/performance.md, including the
 * targets: for each, met or missed, by how much, and why, from the figures of this run.
 */
import type { BuiltBundle, ColdStart } from './lambda-bundles.js';
import { EMPTY } from './lambda-bundles.js';
import type { LoadResult } from './load-worker.js';
import type { ScalePair, SeededScale } from './scale.js';
import { kb, markdownTable, ms, ratio, textTable, verdict } from './stats.js';
import type { WarmPathResult } from './warm-path.js';
import type { PageSize } from './web-size.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export interface BenchResults {
  startedAt: Date;
  durationSeconds: number;
  machine: Machine;
  loadAverage: { before: number[]; after: number[] };
  phases: { name: string; seconds: number }[];
  lambdas: { bundles: BuiltBundle[]; cold: ColdStart[]; runs: number; zod: { zod: number; zodMini: number } };
  warm: WarmPathResult;
  load: LoadResult & { recipients: number };
  web: PageSize[];
  scale: ScalePair[];
  seed: SeededScale['seedSeconds'];
}

export const TARGETS = {
  bundleBytes: 400 * 1024,
  coldRatio: 2,
  warmRatio: 1.5,
  recipientJsGzipBytes: 40 * 1024,
  scaleRatio: 1.3,
};

interface Section {
  title: string;
  intro?: string;
  header: string[];
  rows: string[][];
  notes?: string[];
}

interface Target {
  target: string;
  measured: string;
  met: boolean;
  verdict: string;
  why: string;
}

/** Output bytes of a bundle by family of packages, largest first. */
function families(bundle: BuiltBundle): { family: string; bytes: number }[] {
  const familyOf = (source: string) => {
    if (source.startsWith('zod')) return 'zod';
    if (/^@(aws-sdk|smithy|aws-crypto)\//.test(source)) return 'AWS SDK v3';
    if (source.startsWith('@aws-lambda-powertools/')) return 'Powertools';
    if (source.startsWith('@middy/')) return 'middy';
    if (source.startsWith('functions/')) return 'own code';
    return 'other';
  };
  const totals = new Map<string, number>();
  for (const { source, bytes } of bundle.contributors) totals.set(familyOf(source), (totals.get(familyOf(source)) ?? 0) + bytes);
  return [...totals].map(([family, bytes]) => ({ family, bytes })).sort((a, b) => b.bytes - a.bytes);
}

const loadText = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
const topContributors = (bundle: BuiltBundle, count: number) =>
  bundle.contributors
    .slice(0, count)
    .map((c) => `${c.source} ${kb(c.bytes)}`)
    .join(', ');

function coldFigures(results: BenchResults) {
  const empty = results.lambdas.cold.find((c) => c.bundle.name === EMPTY);
  if (!empty) throw new Error('the empty handler was not measured');
  const functions = results.lambdas.cold.filter((c) => c !== empty).sort((a, b) => b.coldMs - a.coldMs);
  const slowest = functions[0]!;
  const fastest = functions[functions.length - 1]!;
  const slowestWall = [...functions].sort((a, b) => b.wallMs - a.wallMs)[0]!;
  return { empty, functions, slowest, fastest, slowestWall };
}

function sections(results: BenchResults): Section[] {
  const { empty, functions } = coldFigures(results);
  const bundleRows = [...functions, empty].map((c) => [
    c.bundle.name,
    kb(c.bundle.bytes),
    ms(c.importMs),
    ms(c.firstInvokeMs),
    ms(c.coldMs),
    c === empty ? '1.00x' : ratio(c.coldMs / empty.coldMs),
    ms(c.wallMs),
    c === empty ? '1.00x' : ratio(c.wallMs / empty.wallMs),
    ms(c.secondInvokeMs),
    c.statuses,
    c.probe.realistic ? c.probe.description : `cheap: ${c.probe.description}`,
  ]);

  const w = results.warm;
  const warmRows = (['unlock', 'list', 'download', 'total'] as const).map((step) => [
    step === 'total' ? 'whole path' : step,
    ms(w.path[step].p50),
    ms(w.path[step].p99),
    ms(w.floor[step].p50),
    ms(w.floor[step].p99),
    ratio(w.path[step].p50 / w.floor[step].p50),
    ratio(w.path[step].p99 / w.floor[step].p99),
  ]);

  const l = results.load;
  const statuses = Object.entries(l.statusCodes)
    .map(([code, count]) => `${code}: ${count}`)
    .join(', ');

  return [
    {
      title: '1. Lambda bundles and cold starts',
      intro:
        `Each function is built alone with \`esbuildOptionsFor\` (infra/bundling.ts: ESM, minified, AWS SDK bundled), as \`index.mjs\` like NodejsFunction. ` +
        `Cold start: a fresh \`node --enable-source-maps\` process per run (as deployed: NODE_OPTIONS), which imports the bundle and invokes its handler twice ` +
        `with a realistic API Gateway v2 event against the local runtime's DynamoDB Local, s3rver and signing key (the event is described per row). ` +
        `Medians of ${results.lambdas.runs} runs per function, interleaved round-robin. ` +
        `"import + 1st" is timed inside the process; "spawn to result" also includes starting Node, as a Lambda cold start includes the runtime's start.`,
      header: [
        'function',
        'minified',
        'import',
        '1st invoke',
        'import + 1st',
        'vs empty',
        'spawn to result',
        'vs empty',
        '2nd invoke',
        'status',
        'first invocation',
      ],
      rows: bundleRows,
    },
    {
      title: '2. Warm recipient path (local runtime)',
      intro:
        `Unlock (POST access, correct password), list the share's root (GET files), download URL (POST downloads), ${w.iterations} iterations after a warm-up, ` +
        `sent over HTTP to the local runtime (front server, API Gateway stand-in, Lambda host process, the deployed bundles). ` +
        `Floor: the same ${w.roundTrips.dynamodb} DynamoDB Local round trips and ${w.roundTrips.s3} S3 HeadObject, sent directly by the handlers' own adapters ` +
        `from the bench process, plus the same scrypt verification (p50 ${ms(w.scryptP50)}); path and floor alternate iteration by iteration.`,
      header: ['step', 'path p50', 'path p99', 'floor p50', 'floor p99', 'p50 ratio', 'p99 ratio'],
      rows: warmRows,
      notes: [
        'Round trips per step (read from functions/lib/domain/recipient-access.ts): unlock = GetItem share, UpdateItem attempt counter, scrypt, UpdateItem refund, PutItem event; ' +
          'list = GetItem share (the root lists the stored items); download = GetItem share, HeadObject, UpdateItem download count, presign (CPU only), PutItem event.',
      ],
    },
    {
      title: `3. ${l.recipients} concurrent recipients for ${l.durationSeconds.toFixed(0)} s (local runtime)`,
      intro:
        `autocannon in its own process, ${l.recipients} connections; each visit lists the share's root, opens a folder (an S3 listing) and gets a download URL, ` +
        `with the token of one of ${l.recipients} unlocked recipients picked at random per visit.`,
      header: ['requests', 'requests/s', 'p50', 'p90', 'p99', 'max', 'non-2xx', 'socket errors', 'timeouts', 'status codes'],
      rows: [
        [
          String(l.requests),
          l.requestsPerSecond.toFixed(1),
          ms(l.latency.p50),
          ms(l.latency.p90),
          ms(l.latency.p99),
          ms(l.latency.max),
          String(l.non2xx),
          String(l.socketErrors),
          String(l.timeouts),
          statuses || '-',
        ],
      ],
    },
    {
      title: '4. Web bundles',
      intro: 'Built with `buildWeb` into a temp dir; what each page references. gzip at zlib level 6.',
      header: ['page', 'JS', 'JS gzipped', 'CSS', 'CSS gzipped'],
      rows: results.web.map((p) => [`${p.page} (${p.html})`, kb(p.js.bytes), kb(p.js.gzip), kb(p.css.bytes), kb(p.css.gzip)]),
    },
    {
      title: '5. Scale: first page cost vs size',
      intro:
        `Medians of ${results.scale[0]?.repetitions ?? 0} requests per case after a warm-up, the two cases alternating request by request. ` +
        `"direct" is the same first page asked of the emulator itself (ListObjectsV2 with MaxKeys 100; Query on GSI1 with Limit 25), interleaved the same way. ` +
        `Seeding (not measured): ${results.seed.s3.toFixed(0)} s for the objects into s3rver, ${results.seed.dynamodb.toFixed(0)} s for two Cognito users and their links into DynamoDB Local.`,
      header: ['first page', 'large', 'small', 'large (direct)', 'small (direct)', 'ratio', 'direct ratio', 'entries (large / small)'],
      rows: results.scale.map((s) => [
        `${s.name}: ${s.large.label} vs ${s.small.label}${s.target ? '' : ' (context, no target)'}`,
        ms(s.large.apiMs),
        ms(s.small.apiMs),
        ms(s.large.directMs),
        ms(s.small.directMs),
        ratio(s.ratio),
        ratio(s.directRatio),
        `${s.large.entries} / ${s.small.entries}`,
      ]),
    },
  ];
}

function targets(results: BenchResults): Target[] {
  const { empty, functions, slowest, fastest, slowestWall } = coldFigures(results);
  const heaviest = [...results.lambdas.bundles].filter((b) => b.name !== EMPTY).sort((a, b) => b.bytes - a.bytes)[0]!;
  const list: Target[] = [];

  const size = verdict(heaviest.bytes, TARGETS.bundleBytes);
  const lightest = [...results.lambdas.bundles].filter((b) => b.name !== EMPTY).sort((a, b) => a.bytes - b.bytes)[0]!;
  const zodBytes = families(heaviest).find((f) => f.family === 'zod')?.bytes ?? 0;
  const { zod } = results.lambdas;
  list.push({
    target: 'heaviest function <= 400 KB minified',
    measured: `${heaviest.name}: ${kb(heaviest.bytes)} (lightest: ${lightest.name}, ${kb(lightest.bytes)})`,
    met: size.met,
    verdict: size.text,
    why:
      `${heaviest.name} by package family: ${families(heaviest)
        .map((f) => `${f.family} ${kb(f.bytes)}`)
        .join(', ')}; largest packages: ${topContributors(heaviest, 5)}. ` +
      `The handlers import zod as a namespace (\`import * as z from 'zod'\`), which esbuild tree-shakes: ${kb(zodBytes)} of zod remain ` +
      `(a one-schema bundle is ${kb(zod.zod)} with \`{ z }\`, the import that reaches every locale, and ${kb(zod.zodMini)} with \`zod/mini\`, whose functional API would save the rest). ` +
      `The SDK's credential providers that load only without credentials in the environment are left out (infra/bundling.ts). ` +
      `What is left over the target is the bundled AWS SDK v3: S3's client carries its whole schema set and the shared @smithy/core protocols, so every function that touches S3 and DynamoDB is over 400 KB. ` +
      `Reaching the target would mean presigning without the S3 client and moving validation to zod/mini.`,
  });

  const coldRatio = slowest.coldMs / empty.coldMs;
  const cold = verdict(coldRatio, TARGETS.coldRatio);
  const wallRatio = slowestWall.wallMs / empty.wallMs;
  const fastestWallRatio = Math.min(...functions.map((c) => c.wallMs / empty.wallMs));
  const slowestBundle = slowest.bundle;
  list.push({
    target: 'import + first invocation <= 2x the empty handler',
    measured: `${slowest.bundle.name}: ${ms(slowest.coldMs)} vs ${ms(empty.coldMs)} (${ratio(coldRatio)}); fastest function ${fastest.bundle.name} ${ms(fastest.coldMs)} (${ratio(fastest.coldMs / empty.coldMs)})`,
    met: cold.met,
    verdict: cold.text,
    why:
      `The empty handler's import + first invocation is ${ms(empty.coldMs)}: a ${kb(empty.bundle.bytes)} module and no I/O, so any real function is a large multiple of it. ` +
      `Import time follows bundle size: every function loads ${kb(lightest.bytes)} or more (see the size target), and import is the larger part of the cold start ` +
      `in ${functions.filter((c) => c.importMs > c.firstInvokeMs).length} of ${functions.length} functions. ` +
      `${slowest.bundle.name} spends ${ms(slowest.importMs)} importing ${kb(slowestBundle.bytes)} of code (${topContributors(slowestBundle, 3)}) and ${ms(slowest.firstInvokeMs)} ` +
      `on its first invocation against ${ms(slowest.secondInvokeMs)} for the second: the first call pays the SDK's lazy set-up (credentials, endpoint rules, the first connection to the emulator)` +
      `${slowest.probe.description.includes('scrypt') ? ' and a scrypt hash' : ''}. ` +
      `Counted from spawn, as a Lambda cold start counts the runtime's own start, the functions take ${ratio(fastestWallRatio)}–${ratio(wallRatio)} of the empty handler's ${ms(empty.wallMs)} ` +
      `(slowest ${slowestWall.bundle.name}, ${ms(slowestWall.wallMs)}): ${wallRatio <= TARGETS.coldRatio ? 'within' : 'also over'} 2x on that reading.`,
  });

  const w = results.warm;
  const warmRatio = w.path.total.p50 / w.floor.total.p50;
  const warm = verdict(warmRatio, TARGETS.warmRatio);
  const overhead = (w.path.total.p50 - w.floor.total.p50) / 3;
  list.push({
    target: 'warm recipient path <= 1.5x its floor (p50)',
    measured: `${ms(w.path.total.p50)} vs ${ms(w.floor.total.p50)} (${ratio(warmRatio)}); p99 ${ms(w.path.total.p99)} vs ${ms(w.floor.total.p99)} (${ratio(w.path.total.p99 / w.floor.total.p99)})`,
    met: warm.met,
    verdict: warm.text,
    why:
      `The floor is dominated by scrypt (${ms(w.scryptP50)}) and ${w.roundTrips.dynamodb} DynamoDB Local round trips. The path adds about ${ms(overhead)} per request (p50) on top: ` +
      `an HTTP request to the local front server, the API Gateway stand-in building the v2 event, IPC to the Lambda host process, and in the handler middy, zod validation, ` +
      `Powertools logging, HMAC token checks and (download) SigV4 presigning. Per step: unlock ${ratio(w.path.unlock.p50 / w.floor.unlock.p50)}, ` +
      `list ${ratio(w.path.list.p50 / w.floor.list.p50)}, download ${ratio(w.path.download.p50 / w.floor.download.p50)}: the fixed cost weighs most on the one-round-trip list.`,
  });

  const l = results.load;
  const errors = l.non2xx + l.socketErrors + l.timeouts;
  list.push({
    target: `zero errors with ${l.recipients} concurrent recipients`,
    measured: `${errors} errors in ${l.requests} requests (non-2xx ${l.non2xx}, socket errors ${l.socketErrors}, timeouts ${l.timeouts}); p99 ${ms(l.latency.p99)}`,
    met: errors === 0,
    verdict: errors === 0 ? 'met' : `missed: ${errors} errors (${((errors / Math.max(1, l.requests)) * 100).toFixed(2)}% of requests)`,
    why:
      errors === 0
        ? `Every request was answered 2xx. The throughput (${l.requestsPerSecond.toFixed(0)} requests/s) and the latencies are this 2-core machine's, which runs the load generator, ` +
          'the gateway, one Lambda host process for all functions and the emulators at once (DynamoDB Local applies writes one at a time); they say little about Lambda, where each concurrent request gets its own instance.'
        : `Status codes: ${JSON.stringify(l.statusCodes)}. See the runtime's error output of this run for the failing requests.`,
  });

  const recipient = results.web.find((p) => p.html === 'share.html');
  if (recipient) {
    const web = verdict(recipient.js.gzip, TARGETS.recipientJsGzipBytes);
    list.push({
      target: 'recipient page <= 40 KB of JavaScript gzipped',
      measured: kb(recipient.js.gzip),
      met: web.met,
      verdict: web.text,
      why: `share.html loads its own entry only (no code splitting, no owner code); Preact keeps the runtime small.${web.met ? '' : ' The recipient page bundles more than it needs; check the share entry for owner-only imports.'}`,
    });
  }

  const defaultPages = results.scale.find((pair) => !pair.target);
  for (const pair of results.scale.filter((p) => p.target)) {
    const scale = verdict(pair.ratio, TARGETS.scaleRatio);
    const extra = pair.large.apiMs - pair.small.apiMs;
    const directExtra = pair.large.directMs - pair.small.directMs;
    const isFolder = pair.request.includes('/files');
    list.push({
      target: `${pair.name}: ${pair.large.label} <= 1.3x ${pair.small.label}`,
      measured: `${ms(pair.large.apiMs)} vs ${ms(pair.small.apiMs)} (${ratio(pair.ratio)})`,
      met: scale.met,
      verdict: scale.text,
      why:
        (isFolder
          ? 'The handler asks S3 for one page (ListObjectsV2, MaxKeys 100, Delimiter /), never the whole folder. '
          : `The handler runs one Query on GSI1 with the page's Limit (newest first), never a Scan; both pages hold ${pair.small.entries} links, so only the table's size differs. `) +
        `The emulator's own first page grows by ${ms(directExtra)} from the small case to the large (direct ratio ${ratio(pair.directRatio)}); the API's by ${ms(extra)}` +
        (isFolder
          ? (extra <= directExtra * 1.2 + 2
              ? ", no more than the emulator's"
              : ", more than the emulator's alone: the handler adds size-dependent work") +
            '. ' +
            folderStores(pair)
          : '.' +
            (defaultPages
              ? ` At the default page size the owner with ${defaultPages.large.label} gets ${defaultPages.large.entries} links against ${defaultPages.small.entries}, so that page reads and serializes more: ${ratio(defaultPages.ratio)} (direct ${ratio(defaultPages.directRatio)}).`
              : '')),
    });
  }
  return list;
}

/** What the two s3rver stores cost for the same first page, measured in-process in the same run. */
function folderStores(pair: ScalePair): string {
  if (!pair.stores) return '';
  const { stock, indexed } = pair.stores;
  return (
    `The local S3 is s3rver with a sorted index of its keys (bin/local/s3rver-store.ts), which serves a page with a binary search, as S3 serves one from its index: ` +
    `asked for this first page of the same files in the bench's own process, that store takes ${ms(indexed.large)} vs ${ms(indexed.small)} (${ratio(indexed.large / indexed.small)}); ` +
    `s3rver's stock store, which reads and sorts the names of every file in the folder's directory (three per object) before it returns a page, takes ` +
    `${ms(stock.large)} vs ${ms(stock.small)} (${ratio(stock.large / stock.small)}).`
  );
}

export function terminalReport(results: BenchResults): string {
  const out: string[] = [];
  for (const section of sections(results)) {
    out.push(`\n${section.title}\n${textTable(section.header, section.rows)}`);
  }
  out.push(
    `\nTargets\n${textTable(
      ['target', 'measured', 'verdict'],
      targets(results).map((t) => [t.target, t.measured, t.verdict]),
    )}`,
  );
  out.push(
    `\n${results.machine.cores} cores (${results.machine.cpu}), Node ${results.machine.node}; load average before ${loadText(results.loadAverage.before)}, after ${loadText(results.loadAverage.after)}; ` +
      `${results.durationSeconds.toFixed(0)} s in all.`,
  );
  return out.join('\n');
}

export function markdownReport(results: BenchResults): string {
  const { machine } = results;
  const out: string[] = [
    '# Performance',
    '',
    'Written by `npm run bench` (bin/bench.ts); every run overwrites this file. All figures below come from one run.',
    '',
    '## Machine and run',
    '',
    `- Date: ${results.startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB.toFixed(0)} GiB memory, ${machine.platform}`,
    `- Node ${machine.node}`,
    `- Load average (1 / 5 / 15 min) before: ${loadText(results.loadAverage.before)}; after: ${loadText(results.loadAverage.after)}. ` +
      `With ${machine.cores} cores, a load above ${machine.cores} means other work (other engineers' builds and test runs) was competing for the cores during the run, ` +
      'which adds noise and inflates absolute times; ratios measured within the run (interleaved) are the more robust figures.',
    `- Everything runs on this one machine: the local runtime (\`startLocal\` in a temp dir: DynamoDB Local, s3rver with its key index, cognito-local, aws-ses-v2-local, ` +
      "the API Gateway stand-in and the Lambda host process), the load generator and the probes. Absolute times are not Lambda's; the ratios are the point.",
    '- Sizes: KB = 1,024 bytes; times in milliseconds of wall-clock time.',
    `- Duration: ${results.durationSeconds.toFixed(0)} s (${results.phases.map((p) => `${p.name} ${p.seconds.toFixed(0)} s`).join(', ')}).`,
    '',
  ];
  for (const section of sections(results)) {
    out.push(`## ${section.title}`, '');
    if (section.intro) out.push(section.intro, '');
    out.push(markdownTable(section.header, section.rows), '');
    for (const note of section.notes ?? []) out.push(note, '');
  }
  out.push('## Targets', '');
  for (const t of targets(results)) {
    out.push(
      `### ${t.met ? 'Met' : 'Missed'}: ${t.target}`,
      '',
      `- Measured: ${t.measured}`,
      `- Verdict: ${t.verdict}`,
      `- Why: ${t.why}`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

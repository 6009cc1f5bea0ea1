/**
 * A recipient's first visit after a quiet hour: unlock, then list the share's root, then get
 * a download URL, with every function the visit touches started fresh when the visit first
 * reaches it, as Lambda would (one fresh process per distinct function: the route table says
 * which function serves each step). Then the same three steps again in the same processes:
 * the warm path, measured with the same harness.
 *
 * Its reference, measured in the same rounds (so the machine's load hits both alike): each
 * HTTP function's single cold start, what a request to a new instance waits more than one to
 * a warm instance: from fork() to the first answer, less the second (warm) invocation.
 */
import { routeNamed, routesOf, type HandlerName } from '../../functions/routes.js';
import type { LocalRuntime } from '../local/runtime.js';
import { firstRouteOf } from './cold-starts.js';
import { freshEvent, probeEventFor } from './events.js';
import type { Fixtures } from './fixtures.js';
import { environmentFor, startFunction, statusOf, type FunctionProcess } from './function-processes.js';
import type { BuiltBundle } from './lambda-bundles.js';
import { median } from './stats.js';

const TOKEN_PLACEHOLDER = '__BENCH_TOKEN__';
export const VISIT: readonly HandlerName[] = ['public-share-access', 'public-share-files', 'public-share-download'];

export interface ColdVisit {
  rounds: number;
  /** The functions the visit touched (by route group), in order. */
  functions: string[];
  /** Medians: the whole cold visit, from the first request to the download URL, and the warm one after it. */
  coldMs: number;
  warmMs: number;
  /** Medians per step, cold and warm, as seen by the caller. */
  steps: { handler: HandlerName; function: string; coldMs: number; warmMs: number }[];
  /** Each HTTP function's single cold start (median), slowest first. */
  singles: { function: string; handler: string; coldStartMs: number; startImportMs: number }[];
  /** Median over the rounds of (the round's slowest single cold start + its warm visit). */
  referenceMs: number;
}

export async function measureColdVisit(options: {
  runtime: LocalRuntime;
  fixtures: Fixtures;
  bundles: BuiltBundle[];
  probe: string;
  rounds: number;
}): Promise<ColdVisit> {
  const { fixtures } = options;
  const bundleOf = (group: string) => {
    const bundle = options.bundles.find((candidate) => candidate.group === group);
    if (!bundle) throw new Error(`no bundle for the ${group} function`);
    return bundle;
  };
  const steps = VISIT.map((handler) => {
    const route = routeNamed(handler);
    // Every step after the unlock uses the token the unlock answered.
    const event = probeEventFor(route, { ...fixtures, share: { ...fixtures.share, token: TOKEN_PLACEHOLDER } }).event;
    return { handler, group: route.group, bundle: bundleOf(route.group), event };
  });
  const httpBundles = options.bundles.filter((bundle) => bundle.group);
  const singlesPlan = httpBundles.map((bundle) => {
    const handler = firstRouteOf[bundle.group!] ?? (routesOf(bundle.group!)[0]?.handler as HandlerName);
    return { bundle, handler, event: probeEventFor(routeNamed(handler), fixtures).event };
  });
  const envs = new Map(
    await Promise.all(httpBundles.map(async (bundle) => [bundle.group!, await environmentFor(options.runtime, bundle.group!)] as const)),
  );

  const cold: number[] = [];
  const warm: number[] = [];
  const references: number[] = [];
  const perStep = steps.map(() => ({ cold: [] as number[], warm: [] as number[] }));
  const perSingle = singlesPlan.map(() => ({ coldStart: [] as number[], startImport: [] as number[] }));
  let functions: string[] = [];

  const singles = async () => {
    const penalties: number[] = [];
    for (const [index, single] of singlesPlan.entries()) {
      const fn = await startFunction(options.probe, single.bundle.file, envs.get(single.bundle.group!)!);
      try {
        const first = await fn.invoke(freshEvent(single.event));
        const second = await fn.invoke(freshEvent(single.event));
        const penalty = fn.startImportMs + first.wallMs - second.wallMs;
        perSingle[index]!.coldStart.push(penalty);
        perSingle[index]!.startImport.push(fn.startImportMs);
        penalties.push(penalty);
      } finally {
        fn.stop();
      }
    }
    return Math.max(...penalties);
  };

  const visits = async () => {
    const started = new Map<string, FunctionProcess>();
    try {
      const visit = async (timings: number[][]) => {
        let token = '';
        const t0 = performance.now();
        for (const [index, step] of steps.entries()) {
          const s0 = performance.now();
          let fn = started.get(step.group);
          if (!fn) {
            fn = await startFunction(options.probe, step.bundle.file, envs.get(step.group)!);
            started.set(step.group, fn);
          }
          const { result } = await fn.invoke(freshEvent(step.event, { [TOKEN_PLACEHOLDER]: token }));
          const status = statusOf(result);
          if (status === null || status >= 300) throw new Error(`${step.handler} answered ${status}: ${JSON.stringify(result)}`);
          if (index === 0) token = (JSON.parse((result as { body: string }).body) as { token: string }).token;
          timings[index]!.push(performance.now() - s0);
        }
        return performance.now() - t0;
      };
      const coldMs = await visit(perStep.map((step) => step.cold));
      const warmMs = await visit(perStep.map((step) => step.warm));
      functions = [...started.keys()];
      return { coldMs, warmMs };
    } finally {
      for (const fn of started.values()) fn.stop();
    }
  };

  for (let round = 0; round < options.rounds; round++) {
    // Alternate which goes first, so neither always follows the other.
    let slowest: number;
    let visit: { coldMs: number; warmMs: number };
    if (round % 2) {
      visit = await visits();
      slowest = await singles();
    } else {
      slowest = await singles();
      visit = await visits();
    }
    cold.push(visit.coldMs);
    warm.push(visit.warmMs);
    references.push(slowest + visit.warmMs);
  }
  return {
    rounds: options.rounds,
    functions,
    coldMs: median(cold),
    warmMs: median(warm),
    steps: steps.map((step, index) => ({
      handler: step.handler,
      function: step.group,
      coldMs: median(perStep[index]!.cold),
      warmMs: median(perStep[index]!.warm),
    })),
    singles: singlesPlan
      .map((single, index) => ({
        function: single.bundle.group!,
        handler: single.handler,
        coldStartMs: median(perSingle[index]!.coldStart),
        startImportMs: median(perSingle[index]!.startImport),
      }))
      .sort((a, b) => b.coldStartMs - a.coldStartMs),
    referenceMs: median(references),
  };
}

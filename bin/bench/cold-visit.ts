/**
 * A recipient's first visit after a quiet hour: unlock, then list the share's root, then get
 * a download URL, with every function the visit touches started fresh when the visit first
 * reaches it, as Lambda would (one fresh process per distinct function: the route table says
 * which function serves each step). Then the same three steps again in the same processes:
 * the warm path, measured with the same harness. Fresh processes each round.
 */
import { routeNamed, type HandlerName } from '../../functions/routes.js';
import type { LocalRuntime } from '../local/runtime.js';
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
  /** Median start + import of the processes the cold visit started. */
  startImportMs: number;
}

export async function measureColdVisit(options: {
  runtime: LocalRuntime;
  fixtures: Fixtures;
  bundles: BuiltBundle[];
  probe: string;
  rounds: number;
}): Promise<ColdVisit> {
  const { fixtures } = options;
  const steps = VISIT.map((handler) => {
    const route = routeNamed(handler);
    const bundle = options.bundles.find((candidate) => candidate.group === route.group);
    if (!bundle) throw new Error(`no bundle for the ${route.group} function`);
    // Every step after the unlock uses the token the unlock answered.
    const event = probeEventFor(route, { ...fixtures, share: { ...fixtures.share, token: TOKEN_PLACEHOLDER } }).event;
    return { handler, group: route.group, bundle, event };
  });
  const envs = new Map(
    await Promise.all(steps.map(async (step) => [step.group, await environmentFor(options.runtime, step.group)] as const)),
  );

  const cold: number[] = [];
  const warm: number[] = [];
  const startImports: number[] = [];
  const perStep = steps.map(() => ({ cold: [] as number[], warm: [] as number[] }));
  let functions: string[] = [];
  for (let round = 0; round < options.rounds; round++) {
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
            startImports.push(fn.startImportMs);
          }
          const { result } = await fn.invoke(freshEvent(step.event, { [TOKEN_PLACEHOLDER]: token }));
          const status = statusOf(result);
          if (status === null || status >= 300) throw new Error(`${step.handler} answered ${status}: ${JSON.stringify(result)}`);
          if (index === 0) token = (JSON.parse((result as { body: string }).body) as { token: string }).token;
          timings[index]!.push(performance.now() - s0);
        }
        return performance.now() - t0;
      };
      cold.push(await visit(perStep.map((step) => step.cold)));
      warm.push(await visit(perStep.map((step) => step.warm)));
      functions = [...started.keys()];
    } finally {
      for (const fn of started.values()) fn.stop();
    }
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
    startImportMs: median(startImports),
  };
}

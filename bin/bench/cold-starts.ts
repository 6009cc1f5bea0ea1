/**
 * Part 1: each bundle's cold start in fresh processes, as Lambda starts an instance: the
 * process's start plus the bundle's import (the figure the target compares with the floor),
 * then a first and a second invocation with a realistic event against the local runtime's
 * emulators. Every bundle once per round, one process at a time, round-robin with the first
 * bundle rotated each round, so drift in the machine's load spreads over all of them.
 */
import { routeNamed, routesOf, type Group, type HandlerName } from '../../functions/routes.js';
import { keys } from '../../functions/lib/contract/table.js';
import { keyOf } from '../../functions/lib/domain/paths.js';
import type { LocalRuntime } from '../local/runtime.js';
import { httpEvent, probeEventFor, freshEvent } from './events.js';
import type { Fixtures } from './fixtures.js';
import { environmentFor, startFunction, statusOf } from './function-processes.js';
import type { BuiltBundle } from './lambda-bundles.js';
import { median } from './stats.js';

/** The first request each group's function serves in the cold-start table: the one its users make first. */
export const firstRouteOf: Partial<Record<Group, HandlerName>> = {
  recipient: 'public-share-access',
  files: 'files-list',
  links: 'shares-list',
  settings: 'me',
};

export interface ColdRun {
  startImportMs: number;
  importMs: number;
  firstMs: number;
  secondMs: number;
  statuses: (number | null)[];
}

export interface ColdStart {
  bundle: BuiltBundle;
  /** What the first invocation does, for the report. */
  description: string;
  runs: ColdRun[];
  /** Medians over the runs. */
  startImportMs: number;
  importMs: number;
  firstMs: number;
  secondMs: number;
  statuses: string;
}

/** The event a bundle's first and second invocations get, and what it does. */
function eventFor(bundle: BuiltBundle, fixtures: Fixtures): { event: unknown; description: string } {
  if (bundle.group) {
    const name = firstRouteOf[bundle.group] ?? (routesOf(bundle.group)[0]?.handler as HandlerName);
    const probe = probeEventFor(routeNamed(name), fixtures);
    return { event: probe.event, description: `${name}: ${probe.realistic ? probe.description : 'refused (no realistic request known)'}` };
  }
  if (bundle.kind === 'function') return { event: { Records: [] }, description: 'an empty stream batch (no records)' };
  if (bundle.kind === 'empty') {
    const route = { method: 'GET', path: '/api/public/shares/{id}' } as const;
    const event = httpEvent(route, { rawPath: `/api/public/shares/${fixtures.share.id}`, pathParameters: { id: fixtures.share.id } });
    return { event, description: 'returns a constant' };
  }
  return {
    event: { key: keys.share(fixtures.share.id), objectKey: keyOf(fixtures.demo.userId, 'bench/report.pdf') },
    description: 'GetItem, HeadObject, ListObjectsV2, presign',
  };
}

export async function measureColdStarts(options: {
  runtime: LocalRuntime;
  fixtures: Fixtures;
  bundles: BuiltBundle[];
  probe: string;
  rounds: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<ColdStart[]> {
  const targets = await Promise.all(
    options.bundles.map(async (bundle) => ({
      bundle,
      ...eventFor(bundle, options.fixtures),
      env: await environmentFor(options.runtime, bundle.group ?? bundle.name),
      runs: [] as ColdRun[],
    })),
  );
  const total = targets.length * options.rounds;
  let done = 0;
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + round) % targets.length]!;
      const fn = await startFunction(options.probe, target.bundle.file, target.env);
      try {
        const first = await fn.invoke(freshEvent(target.event));
        const second = await fn.invoke(freshEvent(target.event));
        target.runs.push({
          startImportMs: fn.startImportMs,
          importMs: fn.importMs,
          firstMs: first.ms,
          secondMs: second.ms,
          statuses: [statusOf(first.result), statusOf(second.result)],
        });
      } finally {
        fn.stop();
      }
      options.onProgress?.(++done, total);
    }
  }
  return targets.map(({ bundle, description, runs }) => ({
    bundle,
    description,
    runs,
    startImportMs: median(runs.map((run) => run.startImportMs)),
    importMs: median(runs.map((run) => run.importMs)),
    firstMs: median(runs.map((run) => run.firstMs)),
    secondMs: median(runs.map((run) => run.secondMs)),
    statuses: [...new Set(runs.flatMap((run) => run.statuses).map((status) => (status === null ? '-' : String(status))))].join('/'),
  }));
}

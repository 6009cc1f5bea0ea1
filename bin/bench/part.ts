/**
 * What a part of the benchmark gives the report, and the interface a new part plugs into.
 *
 * A part measures one thing and returns sections (tables) and target rows, already worded:
 * the report lays them out, adds the summary of targets and never needs to know the part.
 * To add one (previews, transfers, file requests…): write `bin/bench/<feature>.ts` exporting
 * a `BenchPart`, runnable alone if useful, and add it to `featureParts` in bin/bench/parts.ts.
 */
import type { LocalRuntime } from '../local/runtime.js';
import type { Fixtures } from './fixtures.js';
import { verdict } from './stats.js';

/** A table of the report. */
export interface Section {
  title: string;
  /** How it was measured, in a paragraph. */
  intro?: string;
  header: string[];
  rows: string[][];
  /** Paragraphs after the table. */
  notes?: string[];
}

/** One row of the targets table: met, or by how much it misses and what was tried. */
export interface TargetRow {
  /** What is measured, e.g. "cold first visit (unlock → list → download, all cold)". */
  row: string;
  /** The limit, e.g. "≤ 1.25x (slowest single cold start + warm path)". */
  target: string;
  /** The figures of this run. */
  measured: string;
  met: boolean;
  /** "met (12% under the limit)" or "missed by 35%". */
  verdict: string;
  /** Where the figure comes from and, when missed, what was tried. */
  why: string;
}

export interface PartReport {
  sections: Section[];
  targets: TargetRow[];
}

/** What every part gets: the local runtime of this run, its fixtures, and a scratch folder. */
export interface BenchContext {
  runtime: LocalRuntime;
  fixtures: Fixtures;
  /** A temp folder of this run, removed at the end. */
  workDir: string;
  /** A positive integer from the environment (BENCH_*), for quicker looks; the default is for the published run. */
  knob: (name: string, fallback: number) => number;
  /** A progress line on the terminal. */
  say: (line: string) => void;
}

export interface BenchPart {
  /** Shown in the progress lines and the run's phase timings. */
  name: string;
  /**
   * Untimed set-up (building, seeding), run at the start alongside every other part's, so it
   * must not measure anything.
   */
  prepare?(context: BenchContext): Promise<void>;
  /** The measurement; parts run one after another, never alongside each other. */
  run(context: BenchContext): Promise<PartReport>;
}

/** A target row for a value that must stay at or under a limit. */
export function targetRow(options: {
  row: string;
  target: string;
  value: number;
  limit: number;
  measured: string;
  why: string;
}): TargetRow {
  const { met, text } = verdict(options.value, options.limit);
  return { row: options.row, target: options.target, measured: options.measured, met, verdict: text, why: options.why };
}

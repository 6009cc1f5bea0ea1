/** What cold-probe.ts prints, after this marker, as one JSON line. */
export const RESULT_MARKER = 'BENCH_PROBE_RESULT ';

export interface ProbeResult {
  /** From the process's time origin to the probe's first line: Node's own start-up. */
  bootMs: number;
  importMs: number;
  firstInvokeMs: number;
  secondInvokeMs: number;
  firstStatus: number | null;
  secondStatus: number | null;
}

/** Replaced in the event by a new random id for each invocation. */
export const UNIQUE_PLACEHOLDER = '__BENCH_UNIQUE__';

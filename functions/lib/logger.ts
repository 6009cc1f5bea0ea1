import { Logger } from '@aws-lambda-powertools/logger';
import { mapErrorStack } from './stack-traces.js';

/** Powertools' `[Error | string] | LogAttributes[]`. */
type ExtraInput = Parameters<Logger['error']> extends [unknown, ...infer Rest] ? Rest : never;

/** Errors given to the logger, directly or as a value of an attributes object, get source-mapped stacks. */
function withSourceStacks(extra: ExtraInput): ExtraInput {
  for (const item of extra as unknown[]) {
    if (item instanceof Error) mapErrorStack(item);
    else if (item && typeof item === 'object') {
      for (const value of Object.values(item)) if (value instanceof Error) mapErrorStack(value);
    }
  }
  return extra;
}

/**
 * Powertools' logger, whose error, warning and critical lines carry stacks that name the
 * TypeScript file and line (functions/lib/stack-traces.ts), with no source-map cost at start.
 */
class SourceMappedLogger extends Logger {
  override critical(input: Parameters<Logger['critical']>[0], ...extra: ExtraInput): void {
    super.critical(input, ...withSourceStacks(extra));
  }
  override error(input: Parameters<Logger['error']>[0], ...extra: ExtraInput): void {
    super.error(input, ...withSourceStacks(extra));
  }
  override warn(input: Parameters<Logger['warn']>[0], ...extra: ExtraInput): void {
    super.warn(input, ...withSourceStacks(extra));
  }
}

/** One logger per cold start. Never log request bodies: they can hold passwords. */
export const logger: Logger = new SourceMappedLogger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sharelink' });

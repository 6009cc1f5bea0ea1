/**
 * Parts that features add to `npm run bench` (see bin/bench/part.ts): one import and one
 * entry each. They run after the core parts, on the same local runtime and fixtures, in this
 * order, and their sections and target rows follow the core ones in docs/performance.md.
 */
import type { BenchPart } from './part.js';

export const featureParts: BenchPart[] = [];

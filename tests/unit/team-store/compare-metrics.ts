import type { Metrics } from '../../../src/shared/contract/supervisor';

/** Rounds floats so sums computed in a different order (SQL vs JS, days vs hours) compare equal. */
export function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
    typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v,
  ) as T;
}

/** Without the rollups (schema 1), suggestions per thread can only count threads with a suggestion in the window. */
export const withoutThreads = (m: Metrics) => rounded({ ...m, suggestionsPerThread: undefined });

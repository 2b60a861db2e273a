import { HOUR_MS, type ResolvedFilter } from '../events/metrics/filter';
import { planRange } from '../events/metrics/rollups';

const DAY_MS = 24 * HOUR_MS;

/** A half-open time range in epoch ms; null is unbounded on that side. */
export type Range = readonly [number | null, number | null];

/**
 * The local store's split of the dashboard's whole-hour window (planRange) in the team store's units:
 * the whole UTC days inside it (read from the daily rollups) and the hours left at either edge (read
 * from the hourly ones, or the events). A local day in UTC+1 runs 23:00–23:00 UTC, so a week's view is
 * six days and 24 hours, not 168 hours. `days` is null when the window holds no whole day.
 */
export function splitDays(f: ResolvedFilter): { days: Range | null; hours: Range[] } {
  const { days, edges } = planRange(f);
  const ms = (n: number | null, unit: number): number | null => (n === null ? null : n * unit);
  return {
    days: days && [ms(days[0], DAY_MS), ms(days[1], DAY_MS)],
    hours: edges.map(([from, to]) => [ms(from, HOUR_MS), ms(to, HOUR_MS)] as const),
  };
}

import { HOUR_MS, type ResolvedFilter } from './filter';
import { threadShownCounts, type EventDb } from './queries';
import { planRange } from './rollups';

type Range = [number | null, number | null];

async function dailyThreadCounts(
  db: EventDb,
  f: ResolvedFilter,
  days: Range,
): Promise<Array<{ value: number; count: number }>> {
  const rows = await db
    .selectFrom('rollup_threads_daily')
    .$if(days[0] !== null, (qb) => qb.where('day', '>=', days[0]!))
    .$if(days[1] !== null, (qb) => qb.where('day', '<', days[1]!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .select((eb) => ['shown', eb.fn.sum<number>('count').as('count')])
    .groupBy('shown')
    .execute();
  return rows.map((r) => ({ value: Number(r.shown), count: Number(r.count) }));
}

/**
 * Threads by number of suggestions shown, for threads that started in the filter's range. Unfiltered
 * and team views read the per-day thread rollup for whole UTC days and the thread rows for the partial
 * days at the edges; views filtered by agent or intent read the thread rows (indexed) directly. Exact.
 */
export async function threadCounts(
  db: EventDb,
  f: ResolvedFilter,
): Promise<Array<{ value: number; count: number }>> {
  const plan = planRange(f);
  if (plan.kind !== 'fast') return threadShownCounts(db, f);
  const ms = (h: number | null) => (h === null ? null : h * HOUR_MS);
  const parts = await Promise.all([
    plan.days ? dailyThreadCounts(db, f, plan.days) : Promise.resolve([]),
    ...plan.edges.map((edge) => threadShownCounts(db, f, [ms(edge[0]), ms(edge[1])])),
  ]);
  const merged = new Map<number, number>();
  for (const { value, count } of parts.flat()) merged.set(value, (merged.get(value) ?? 0) + count);
  return [...merged].map(([value, count]) => ({ value, count }));
}

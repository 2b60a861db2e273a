import { sql } from 'kysely';
import { ROLLUP_COUNTERS, type DimensionName } from '../sqlite/schema';
import type { ResolvedFilter } from './filter';
import type { EventDb } from './queries';

/**
 * Reads of the intent-keyed rollups, for views filtered by intent (no agent filter). Keyed intent
 * first, so "refund and order status, all time" reads those intents' rows by key prefix instead of
 * slicing the all-dimensions hourly rollup, which for the busiest intents is a quarter of it.
 */
const SUMMED = ROLLUP_COUNTERS.map((c) => sql<number>`SUM(${sql.ref(c)})`.as(c));

type Range = [number | null, number | null];

/** Per-day counters summed by one dimension's value (or by intent) over whole UTC days. */
export async function intentDailyRows(
  db: EventDb,
  f: ResolvedFilter,
  dim: DimensionName,
  days: Range,
): Promise<Record<string, unknown>[]> {
  // The intent breakdown sums the per-team rows of each intent.
  const byIntent = dim === 'intent';
  const rows = await db
    .selectFrom('rollup_intent_daily')
    .where('intent', 'in', f.intents ?? [])
    .where('dim', '=', byIntent ? 'team' : dim)
    .$if(days[0] !== null, (qb) => qb.where('day', '>=', days[0]!))
    .$if(days[1] !== null, (qb) => qb.where('day', '<', days[1]!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .select([sql.ref(byIntent ? 'intent' : 'value').as('key'), sql<string>`MAX(team)`.as('team'), ...SUMMED])
    .groupBy(byIntent ? 'intent' : 'value')
    .execute();
  return rows as Record<string, unknown>[];
}

/** Summed histogram buckets of the filtered intents over whole UTC days. */
export async function intentHistogramCounts(
  db: EventDb,
  f: ResolvedFilter,
  metric: 'edit' | 'ms',
  days: Range,
): Promise<Array<{ bucket: number; count: number }>> {
  const rows = await db
    .selectFrom('hist_intent_daily')
    .where('intent', 'in', f.intents ?? [])
    .where('metric', '=', metric)
    .$if(days[0] !== null, (qb) => qb.where('day', '>=', days[0]!))
    .$if(days[1] !== null, (qb) => qb.where('day', '<', days[1]!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .select((eb) => ['bucket', eb.fn.sum<number>('count').as('count')])
    .groupBy('bucket')
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), count: Number(r.count) }));
}

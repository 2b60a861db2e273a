import type { Kysely } from 'kysely';
import type { EventDatabase, LabelKind } from '../sqlite/schema';
import { aggregateWindow, type ResolvedFilter } from './filter';

/**
 * The dashboard's SQL, written once with Kysely so the same queries run on the local SQLite store and
 * on the PostgreSQL team store. Only portable SQL is used: integer arithmetic for day/hour buckets,
 * plain GROUP BYs over the label table instead of JSON functions, no dialect-specific date functions.
 */
export type EventDb = Kysely<EventDatabase>;

export interface AcceptedValues {
  editDistance: Float64Array;
  msToAccept: Float64Array;
  edited: Uint8Array;
}

/**
 * Edit distance and time-to-accept of every live acceptance in the filter (or in one edge range of it),
 * for exact percentiles, from the narrow `accepted` table and its covering indexes.
 */
export async function acceptedValues(
  db: EventDb,
  f: ResolvedFilter,
  range: [number | null, number | null] = aggregateWindow(f),
): Promise<AcceptedValues> {
  const [fromMs, toMs] = range;
  const rows = await db
    .selectFrom('accepted')
    .$if(fromMs !== null, (qb) => qb.where('at_ms', '>=', fromMs!))
    .$if(toMs !== null, (qb) => qb.where('at_ms', '<', toMs!))
    .$if(f.agentIds !== null, (qb) => qb.where('agent_id', 'in', f.agentIds!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .$if(f.intents !== null, (qb) => qb.where('intent', 'in', f.intents!))
    .select(['edit_distance', 'ms_to_accept', 'edited'])
    .execute();
  const out: AcceptedValues = {
    editDistance: new Float64Array(rows.length),
    msToAccept: new Float64Array(rows.length),
    edited: new Uint8Array(rows.length),
  };
  rows.forEach((r, i) => {
    out.editDistance[i] = Number(r.edit_distance);
    out.msToAccept[i] = Number(r.ms_to_accept);
    out.edited[i] = Number(r.edited) === 1 ? 1 : 0;
  });
  return out;
}

export interface LabelCount {
  kind: LabelKind;
  label: string;
  count: number;
}

/** Summed label counts over whole UTC days [from, to), per team filter. */
export async function dailyLabelCounts(
  db: EventDb,
  f: ResolvedFilter,
  kinds: readonly LabelKind[],
  days: [number | null, number | null],
): Promise<LabelCount[]> {
  const rows = await db
    .selectFrom('rollup_labels_daily')
    .where('kind', 'in', [...kinds])
    .$if(days[0] !== null, (qb) => qb.where('day', '>=', days[0]!))
    .$if(days[1] !== null, (qb) => qb.where('day', '<', days[1]!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .select((eb) => ['kind', 'label', eb.fn.sum<number>('count').as('count')])
    .groupBy(['kind', 'label'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, label: r.label, count: Number(r.count) }));
}

/** Counts per (kind, label) from the label rows themselves: rule findings, overrides by rule, override reasons, escalation reasons and paths. */
export async function labelCounts(
  db: EventDb,
  f: ResolvedFilter,
  kinds: readonly LabelKind[],
  range: [number | null, number | null] = aggregateWindow(f),
): Promise<LabelCount[]> {
  const [fromMs, toMs] = range;
  const rows = await db
    .selectFrom('event_labels')
    .where('kind', 'in', [...kinds])
    .$if(fromMs !== null, (qb) => qb.where('at_ms', '>=', fromMs!))
    .$if(toMs !== null, (qb) => qb.where('at_ms', '<', toMs!))
    .$if(f.agentIds !== null, (qb) => qb.where('agent_id', 'in', f.agentIds as string[]))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams as string[]))
    .$if(f.intents !== null, (qb) => qb.where('intent', 'in', f.intents as string[]))
    .select((eb) => ['kind', 'label', eb.fn.countAll<number>().as('count')])
    .groupBy(['kind', 'label'])
    .execute();
  return rows.map((r) => ({ kind: r.kind, label: r.label, count: Number(r.count) }));
}

/** Threads by number of suggestions shown, for threads that started in the filter's range. */
export async function threadShownCounts(
  db: EventDb,
  f: ResolvedFilter,
  range: [number | null, number | null] = aggregateWindow(f),
): Promise<Array<{ value: number; count: number }>> {
  const [fromMs, toMs] = range;
  const rows = await db
    .selectFrom('threads')
    .$if(fromMs !== null, (qb) => qb.where('first_at_ms', '>=', fromMs!))
    .$if(toMs !== null, (qb) => qb.where('first_at_ms', '<', toMs!))
    .$if(f.agentIds !== null, (qb) => qb.where('agent_id', 'in', f.agentIds as string[]))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams as string[]))
    .$if(f.intents !== null, (qb) => qb.where('intent', 'in', f.intents as string[]))
    .select((eb) => ['shown', eb.fn.countAll<number>().as('count')])
    .groupBy('shown')
    .execute();
  return rows.map((r) => ({ value: Number(r.shown), count: Number(r.count) }));
}

/** Summed histogram buckets of accepted suggestions over whole UTC days [from, to), per team filter. */
export async function histogramCounts(
  db: EventDb,
  f: ResolvedFilter,
  metric: 'edit' | 'ms',
  days: [number | null, number | null],
): Promise<Array<{ bucket: number; count: number }>> {
  const rows = await db
    .selectFrom('hist_daily')
    .where('metric', '=', metric)
    .$if(days[0] !== null, (qb) => qb.where('day', '>=', days[0]!))
    .$if(days[1] !== null, (qb) => qb.where('day', '<', days[1]!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .select((eb) => ['bucket', eb.fn.sum<number>('count').as('count')])
    .groupBy('bucket')
    .execute();
  return rows.map((r) => ({ bucket: Number(r.bucket), count: Number(r.count) }));
}

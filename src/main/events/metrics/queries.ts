import {
  sql,
  type AliasableExpression,
  type ExpressionBuilder,
  type Expression,
  type Kysely,
  type SqlBool,
} from 'kysely';
import type { EventDatabase, LabelKind } from '../sqlite/schema';
import { hourBounds, type ResolvedFilter } from './filter';
import type { OutcomeCounts } from './stats';

/**
 * The dashboard's SQL, written once with Kysely so the same queries run on the local SQLite store and
 * on the PostgreSQL team store. Only portable SQL is used: integer arithmetic for day/hour buckets,
 * plain GROUP BYs over the label table instead of JSON functions, no dialect-specific date functions.
 */
export type EventDb = Kysely<EventDatabase>;

export interface RollupRow extends OutcomeCounts {
  key: string;
  team: string;
  messages: number;
  overrides: number;
  escalations: number;
  draftsChecked: number;
  draftsBlocked: number;
  shownBlocked: number;
}

export type RollupDimension =
  'agent' | 'team' | 'intent' | 'suggestionSource' | 'model' | 'day' | 'hour' | 'all';

function rollupWhere(f: ResolvedFilter) {
  const { fromHour, toHour } = hourBounds(f);
  return (eb: ExpressionBuilder<EventDatabase, 'rollup_hourly'>): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (fromHour !== null) c.push(eb('hour', '>=', fromHour));
    if (toHour !== null) c.push(eb('hour', '<', toHour));
    if (f.agentIds) c.push(eb('agent_id', 'in', f.agentIds));
    if (f.teams) c.push(eb('team', 'in', f.teams));
    if (f.intents) c.push(eb('intent', 'in', f.intents));
    return eb.and(c);
  };
}

function dimensionExpression(dim: RollupDimension, tz: number): AliasableExpression<unknown> {
  const offset = sql.lit(Math.trunc(tz));
  switch (dim) {
    case 'agent':
      return sql.ref('agent_id');
    case 'team':
      return sql.ref('team');
    case 'intent':
      return sql.ref('intent');
    case 'suggestionSource':
      return sql.ref('suggestion_source');
    case 'model':
      return sql.ref('model');
    // Whole-hour rollup rows bucketed by integer division: the same SQL in SQLite and PostgreSQL.
    case 'day':
      return sql`(hour * 60 + ${offset}) / 1440`;
    case 'hour':
      return sql`((hour * 60 + ${offset}) / 60) % 24`;
    case 'all':
      return sql.lit('all');
  }
}

/** Sums the hourly rollup grouped by one dimension (live events only: replay is never rolled up). */
export async function rollupBreakdown(
  db: EventDb,
  f: ResolvedFilter,
  dim: RollupDimension,
): Promise<RollupRow[]> {
  const key = dimensionExpression(dim, f.tzOffsetMinutes);
  const rows = await db
    .selectFrom('rollup_hourly')
    .where(rollupWhere(f))
    .select((eb) => [
      key.as('key'),
      eb.fn.max('team').as('team'),
      eb.fn.sum<number>('messages').as('messages'),
      eb.fn.sum<number>('shown').as('shown'),
      eb.fn.sum<number>('shown_blocked').as('shown_blocked'),
      eb.fn.sum<number>('accepted_as_is').as('accepted_as_is'),
      eb.fn.sum<number>('accepted_edited').as('accepted_edited'),
      eb.fn.sum<number>('rejected').as('rejected'),
      eb.fn.sum<number>('overrides').as('overrides'),
      eb.fn.sum<number>('escalations').as('escalations'),
      eb.fn.sum<number>('drafts_checked').as('drafts_checked'),
      eb.fn.sum<number>('drafts_blocked').as('drafts_blocked'),
      eb.fn.sum<number>('edit_sum').as('edit_sum'),
      eb.fn.sum<number>('accept_ms_sum').as('accept_ms_sum'),
    ])
    .$if(dim !== 'all', (qb) => qb.groupBy(key as never))
    .execute();
  const n = (v: unknown): number => Number(v ?? 0);
  return (rows as unknown as Record<string, unknown>[])
    .filter((r) => dim !== 'all' || r.messages !== null)
    .map((r) => ({
      key: String(r.key),
      team: String(r.team ?? ''),
      messages: n(r.messages),
      shown: n(r.shown),
      shownBlocked: n(r.shown_blocked),
      acceptedAsIs: n(r.accepted_as_is),
      acceptedEdited: n(r.accepted_edited),
      rejected: n(r.rejected),
      overrides: n(r.overrides),
      escalations: n(r.escalations),
      draftsChecked: n(r.drafts_checked),
      draftsBlocked: n(r.drafts_blocked),
      editSum: n(r.edit_sum),
      acceptMsSum: n(r.accept_ms_sum),
    }));
}

export interface AcceptedValues {
  agentIds: string[];
  editDistance: Float64Array;
  msToAccept: Float64Array;
  edited: Uint8Array;
}

/**
 * Edit distance and time-to-accept of every live acceptance in the filter, for exact percentiles
 * (medians cannot be summed in a rollup). Served by the covering index on (type, at_ms, …).
 */
export async function acceptedValues(
  db: EventDb,
  f: ResolvedFilter,
  withAgent: boolean,
): Promise<AcceptedValues> {
  const rows = await db
    .selectFrom('events')
    .where('type', '=', 'suggestion_accepted')
    .$if(f.fromMs !== null, (qb) => qb.where('at_ms', '>=', f.fromMs as number))
    .$if(f.toMs !== null, (qb) => qb.where('at_ms', '<', f.toMs as number))
    .where('source', '<>', 'replay')
    .$if(f.agentIds !== null, (qb) => qb.where('agent_id', 'in', f.agentIds as string[]))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams as string[]))
    .$if(f.intents !== null, (qb) => qb.where('intent', 'in', f.intents as string[]))
    .select(['edit_distance', 'ms_to_accept', 'accept_kind'])
    .$if(withAgent, (qb) => qb.select('agent_id'))
    .execute();
  const out: AcceptedValues = {
    agentIds: withAgent ? new Array<string>(rows.length) : [],
    editDistance: new Float64Array(rows.length),
    msToAccept: new Float64Array(rows.length),
    edited: new Uint8Array(rows.length),
  };
  rows.forEach((r, i) => {
    const ed = Number(r.edit_distance ?? 0);
    out.editDistance[i] = ed;
    out.msToAccept[i] = Number(r.ms_to_accept ?? 0);
    out.edited[i] = r.accept_kind === 'edited' ? 1 : 0;
    if (withAgent) out.agentIds[i] = String((r as { agent_id?: string }).agent_id);
  });
  return out;
}

/** Counts per (kind, label): rule findings, overrides by rule, override reasons, escalation reasons and paths. */
export async function labelCounts(
  db: EventDb,
  f: ResolvedFilter,
  kinds: readonly LabelKind[],
): Promise<Array<{ kind: LabelKind; label: string; count: number }>> {
  const rows = await db
    .selectFrom('event_labels')
    .where('kind', 'in', [...kinds])
    .$if(f.fromMs !== null, (qb) => qb.where('at_ms', '>=', f.fromMs as number))
    .$if(f.toMs !== null, (qb) => qb.where('at_ms', '<', f.toMs as number))
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
): Promise<Array<{ value: number; count: number }>> {
  const rows = await db
    .selectFrom('threads')
    .$if(f.fromMs !== null, (qb) => qb.where('first_at_ms', '>=', f.fromMs as number))
    .$if(f.toMs !== null, (qb) => qb.where('first_at_ms', '<', f.toMs as number))
    .$if(f.agentIds !== null, (qb) => qb.where('agent_id', 'in', f.agentIds as string[]))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams as string[]))
    .$if(f.intents !== null, (qb) => qb.where('intent', 'in', f.intents as string[]))
    .select((eb) => ['shown', eb.fn.countAll<number>().as('count')])
    .groupBy('shown')
    .execute();
  return rows.map((r) => ({ value: Number(r.shown), count: Number(r.count) }));
}

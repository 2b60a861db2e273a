import { sql, type AliasableExpression, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { ROLLUP_COUNTERS, type DimensionName, type EventDatabase, type LabelKind } from '../sqlite/schema';
import { HOUR_MS, hourBounds, type ResolvedFilter } from './filter';
import { dailyLabelCounts, labelCounts, type EventDb, type LabelCount } from './queries';
import { intentDailyRows } from './intent-rollups';
import type { OutcomeCounts } from './stats';

/**
 * Which rollup answers a breakdown. Views filtered by agent read the all-dimensions hourly rollup
 * through its agent index (one agent is a small slice). Views filtered by intent read the intent-keyed
 * rollups; unfiltered and team views the small per-team tables: hourly totals for KPIs and trends,
 * per-day single-dimension counters for the agent/intent/source/model breakdowns. Both are topped up
 * from the hourly rollup for partial days at the edges of the range (a range in a time zone other
 * than UTC starts and ends mid-day). Results are exact.
 */
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

export type Dimension = 'all' | 'agent' | 'team' | 'intent' | 'suggestionSource' | 'model' | 'day' | 'hour';

type HourRange = [number | null, number | null];

export interface RangePlan {
  /** `agent`: agent filter present; `intent`: intent filter without agents; `fast`: neither. */
  kind: 'agent' | 'intent' | 'fast';
  /** Whole UTC days [from, to) served by daily tables; null when the range holds no whole day. */
  days: HourRange | null;
  /** Hour ranges outside the whole days, served by the hourly rollup. */
  edges: HourRange[];
}

export function planRange(f: ResolvedFilter): RangePlan {
  const kind = f.agentIds !== null ? 'agent' : f.intents !== null ? 'intent' : 'fast';
  const { fromHour, toHour } = hourBounds(f);
  const dayFrom = fromHour === null ? null : Math.ceil(fromHour / 24);
  const dayTo = toHour === null ? null : Math.floor(toHour / 24);
  if (dayFrom !== null && dayTo !== null && dayFrom >= dayTo) {
    return { kind, days: null, edges: [[fromHour, toHour]] };
  }
  const edges: HourRange[] = [];
  if (fromHour !== null && dayFrom !== null && fromHour < dayFrom * 24) edges.push([fromHour, dayFrom * 24]);
  if (toHour !== null && dayTo !== null && dayTo * 24 < toHour) edges.push([dayTo * 24, toHour]);
  return { kind, days: [dayFrom, dayTo], edges };
}

const n = (v: unknown): number => Number(v ?? 0);

function toRow(r: Record<string, unknown>): RollupRow {
  return {
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
  };
}

const SUMMED = ROLLUP_COUNTERS.map((c) => sql<number>`SUM(${sql.ref(c)})`.as(c));

/** Buckets as portable integer arithmetic over whole hours (same SQL in SQLite and PostgreSQL). */
function keyExpression(dim: Dimension, tz: number, column: string): AliasableExpression<unknown> {
  const offset = sql.lit(Math.trunc(tz));
  if (dim === 'day') return sql`(hour * 60 + ${offset}) / 1440`;
  if (dim === 'hour') return sql`((hour * 60 + ${offset}) / 60) % 24`;
  if (dim === 'all') return sql.lit('all');
  return sql.ref(column);
}

const HOURLY_COLUMN: Record<Dimension, string> = {
  all: '',
  agent: 'agent_id',
  team: 'team',
  intent: 'intent',
  suggestionSource: 'suggestion_source',
  model: 'model',
  day: '',
  hour: '',
};
const DAILY_DIM: Partial<Record<Dimension, DimensionName>> = {
  agent: 'agent',
  intent: 'intent',
  suggestionSource: 'ssrc',
  model: 'model',
};

function hourWhere<T extends 'rollup_hourly' | 'rollup_team_hourly'>(range: HourRange) {
  return (eb: ExpressionBuilder<EventDatabase, T>): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    const e = eb as unknown as ExpressionBuilder<EventDatabase, 'rollup_team_hourly'>;
    if (range[0] !== null) c.push(e('hour', '>=', range[0]));
    if (range[1] !== null) c.push(e('hour', '<', range[1]));
    return e.and(c);
  };
}

async function fromHourly(
  db: EventDb,
  f: ResolvedFilter,
  dim: Dimension,
  range: HourRange,
): Promise<RollupRow[]> {
  const key = keyExpression(dim, f.tzOffsetMinutes, HOURLY_COLUMN[dim]);
  const rows = await db
    .selectFrom('rollup_hourly')
    .where(hourWhere<'rollup_hourly'>(range))
    .$if(f.agentIds !== null, (qb) => qb.where('agent_id', 'in', f.agentIds!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .$if(f.intents !== null, (qb) => qb.where('intent', 'in', f.intents!))
    .select([key.as('key'), sql<string>`MAX(team)`.as('team'), ...SUMMED])
    .$if(dim !== 'all', (qb) => qb.groupBy(key as never))
    .execute();
  return (rows as Record<string, unknown>[]).filter((r) => r.messages !== null).map(toRow);
}

async function fromDimDaily(
  db: EventDb,
  f: ResolvedFilter,
  dim: DimensionName,
  days: HourRange,
): Promise<RollupRow[]> {
  const rows = await db
    .selectFrom('rollup_dim_daily')
    .where('dim', '=', dim)
    .$if(days[0] !== null, (qb) => qb.where('day', '>=', days[0]!))
    .$if(days[1] !== null, (qb) => qb.where('day', '<', days[1]!))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .select([sql.ref('value').as('key'), sql<string>`MAX(team)`.as('team'), ...SUMMED])
    .groupBy('value')
    .execute();
  return (rows as Record<string, unknown>[]).map(toRow);
}

const COUNT_FIELDS = [
  'messages',
  'shown',
  'shownBlocked',
  'acceptedAsIs',
  'acceptedEdited',
  'rejected',
  'overrides',
  'escalations',
  'draftsChecked',
  'draftsBlocked',
  'editSum',
  'acceptMsSum',
] as const satisfies readonly (keyof RollupRow)[];

/** Adds rows with the same key (a day's counters plus its edge hours). */
export function mergeRows(parts: RollupRow[][]): RollupRow[] {
  const byKey = new Map<string, RollupRow>();
  for (const row of parts.flat()) {
    const seen = byKey.get(row.key);
    if (!seen) {
      byKey.set(row.key, { ...row });
      continue;
    }
    for (const k of COUNT_FIELDS) seen[k] += row[k];
    if (row.team > seen.team) seen.team = row.team;
  }
  return [...byKey.values()];
}

/** Counters of live events grouped by one dimension, for the filter. */
export async function breakdown(db: EventDb, f: ResolvedFilter, dim: Dimension): Promise<RollupRow[]> {
  const plan = planRange(f);
  const { fromHour, toHour } = hourBounds(f);
  if (plan.kind === 'agent') return fromHourly(db, f, dim, [fromHour, toHour]);
  const daily = DAILY_DIM[dim];
  if (!daily) return (await trendBreakdowns(db, f))[dim as keyof TrendBreakdowns] ?? [];
  const days = plan.days;
  const parts = await Promise.all([
    !days
      ? Promise.resolve([])
      : plan.kind === 'intent'
        ? intentDailyRows(db, f, daily, days).then((rows) => rows.map(toRow))
        : fromDimDaily(db, f, daily, days),
    ...plan.edges.map((edge) => fromHourly(db, f, dim, edge)),
  ]);
  return mergeRows(parts);
}

export interface TrendBreakdowns {
  all: RollupRow[];
  team: RollupRow[];
  day: RollupRow[];
  hour: RollupRow[];
}

/**
 * Totals, per-team, per-day and per-hour-of-day counters. Agent views read the all-dimensions hourly
 * rollup; unfiltered, team and intent views the per-team (or per-intent) hourly totals, summed by SQL.
 */
export async function trendBreakdowns(db: EventDb, f: ResolvedFilter): Promise<TrendBreakdowns> {
  const { fromHour, toHour } = hourBounds(f);
  const kind = planRange(f).kind;
  if (kind === 'agent') {
    const [all, team, day, hour] = await Promise.all(
      (['all', 'team', 'day', 'hour'] as const).map((d) => fromHourly(db, f, d, [fromHour, toHour])),
    );
    return { all: all!, team: team!, day: day!, hour: hour! };
  }
  // Grouped in SQL (one small GROUP BY per bucket) rather than reading every team-hour row into
  // JavaScript: all time over 180 days is ~13,000 rows, which cost more to materialise than to sum.
  const [all, team, day, hour] = await Promise.all(
    (['all', 'team', 'day', 'hour'] as const).map((d) => fromTeamHourly(db, f, d, [fromHour, toHour], kind)),
  );
  return { all: all!, team: team!, day: day!, hour: hour! };
}

/**
 * One breakdown from the per-team hourly totals (unfiltered and team views) or from their per-intent
 * twin (views filtered by intent), with the same integer bucket arithmetic as {@link fromHourly}.
 */
async function fromTeamHourly(
  db: EventDb,
  f: ResolvedFilter,
  dim: 'all' | 'team' | 'day' | 'hour',
  range: HourRange,
  kind: 'intent' | 'fast',
): Promise<RollupRow[]> {
  const key = keyExpression(dim, f.tzOffsetMinutes, 'team');
  // Both tables have the columns read here; the intent one is keyed intent first, so its filter is a key prefix.
  const table = (kind === 'intent' ? 'rollup_intent_hourly' : 'rollup_team_hourly') as 'rollup_team_hourly';
  const rows = await db
    .selectFrom(table)
    .$if(kind === 'intent', (qb) =>
      qb.where(sql.ref('intent'), 'in', (f.intents ?? []) as unknown as readonly string[]),
    )
    .where(hourWhere<'rollup_team_hourly'>(range))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams!))
    .select([key.as('key'), sql<string>`MAX(team)`.as('team'), ...SUMMED])
    .$if(dim !== 'all', (qb) => qb.groupBy(key as never))
    .execute();
  return (rows as Record<string, unknown>[]).filter((r) => r.messages !== null).map(toRow);
}

/** Label counts (rules, reasons, paths) for the filter: daily rollup plus edge hours, or label rows when filtered. */
export async function labelBreakdown(
  db: EventDb,
  f: ResolvedFilter,
  kinds: readonly LabelKind[],
): Promise<LabelCount[]> {
  const plan = planRange(f);
  // Label rows carry agent and intent (indexed), so filtered views count them directly.
  if (plan.kind !== 'fast') return labelCounts(db, f, kinds);
  const toMs = (h: number | null) => (h === null ? null : h * HOUR_MS);
  const parts = await Promise.all([
    plan.days ? dailyLabelCounts(db, f, kinds, plan.days) : Promise.resolve([]),
    ...plan.edges.map((edge) => labelCounts(db, f, kinds, [toMs(edge[0]), toMs(edge[1])])),
  ]);
  const merged = new Map<string, LabelCount>();
  for (const row of parts.flat()) {
    const key = `${row.kind}\u0000${row.label}`;
    const seen = merged.get(key);
    if (seen) seen.count += row.count;
    else merged.set(key, { ...row });
  }
  return [...merged.values()];
}

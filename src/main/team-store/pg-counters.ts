import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { aggregateWindow, type ResolvedFilter } from '../events/metrics/filter';
import { mergeRows } from '../events/metrics/rollups';
import { ROLLUP_COUNTERS } from '../events/sqlite/schema-tables';
import { splitDays, type Range } from './day-split';
import type { TeamDatabase } from './pg-schema';

/**
 * The dashboard's counters on the team store: which rollup answers a view (days, edge hours, agents ×
 * intents) or the events themselves, grouped by one dimension. getTeamMetrics (pg-metrics.ts) puts
 * them together with the detail figures.
 */

export type TeamDb = Kysely<TeamDatabase>;
type Q = SelectQueryBuilder<TeamDatabase, 'tandem_events', object>;

/**
 * The dashboard's filter on the team store: the same resolved filter and the same whole-hour window
 * as the local store's rollups, so a view shows the same numbers from either store. Replay (trainer)
 * events are left out as they are locally.
 */
export function applyFilter(q: Q, f: ResolvedFilter): Q {
  const [fromMs, toMs] = aggregateWindow(f);
  return q
    .where('source', '<>', 'replay')
    .$if(fromMs !== null, (b) => b.where('at', '>=', new Date(fromMs!)))
    .$if(toMs !== null, (b) => b.where('at', '<', new Date(toMs!)))
    .$if(f.agentIds !== null, (b) => b.where('agent_id', 'in', f.agentIds!))
    .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
    .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!));
}

/**
 * Counters as FILTERed aggregates over the events themselves. The local store reads SQLite rollup
 * tables kept by its writer; the team store has no rollups (agents may only INSERT, and a trigger per
 * row would slow every agent's shipping), so PostgreSQL aggregates the (partition-pruned, indexed) rows.
 */
const COUNTERS = [
  sql<number>`count(*) FILTER (WHERE type = 'message_analyzed')::int`.as('messages'),
  sql<number>`count(*) FILTER (WHERE type = 'suggestion_shown')::int`.as('shown'),
  sql<number>`count(*) FILTER (WHERE type = 'suggestion_shown' AND verdict = 'block')::int`.as(
    'shown_blocked',
  ),
  sql<number>`count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'asIs')::int`.as(
    'accepted_as_is',
  ),
  sql<number>`count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'edited')::int`.as(
    'accepted_edited',
  ),
  sql<number>`count(*) FILTER (WHERE type = 'suggestion_rejected')::int`.as('rejected'),
  sql<number>`count(*) FILTER (WHERE type = 'policy_override')::int`.as('overrides'),
  sql<number>`count(*) FILTER (WHERE type = 'escalated')::int`.as('escalations'),
  sql<number>`count(*) FILTER (WHERE type = 'draft_checked')::int`.as('drafts_checked'),
  sql<number>`count(*) FILTER (WHERE type = 'draft_checked' AND verdict = 'block')::int`.as('drafts_blocked'),
  sql<number>`coalesce(sum(edit_distance) FILTER (WHERE type = 'suggestion_accepted'), 0)::float8`.as(
    'edit_sum',
  ),
  sql<number>`coalesce(sum(ms_to_accept) FILTER (WHERE type = 'suggestion_accepted'), 0)::float8`.as(
    'accept_ms_sum',
  ),
];

/** Counter row of one group, in the shape the shared stats helpers take. */
export interface CounterRow {
  key: string;
  team: string;
  messages: number;
  shown: number;
  shownBlocked: number;
  acceptedAsIs: number;
  acceptedEdited: number;
  rejected: number;
  overrides: number;
  escalations: number;
  draftsChecked: number;
  draftsBlocked: number;
  editSum: number;
  acceptMsSum: number;
}

/**
 * Where aggregates come from: `days` (schema ≥ 4: daily rollups for whole days, hourly ones for the
 * edges), `rollup` (schema 3: hourly counters, labels and acceptance histograms), `counters` (schema 2:
 * hourly counters only) or the events themselves (schema 1).
 */
export type CounterSource = 'days' | 'rollup' | 'counters' | 'events';

/** The same counters summed from the hourly rollup: a few thousand rows instead of millions of events. */
const ROLLUP_COUNTER_SUMS = ROLLUP_COUNTERS.map((col) =>
  sql<number>`coalesce(sum(${sql.ref(col)}), 0)::float8`.as(col),
);

export type GroupBy =
  | 'all'
  | 'agent'
  | 'team'
  | 'intent'
  | 'suggestionSource'
  | 'model'
  | 'day'
  | 'hour'
  /** The UTC hour as epoch ms (rollups only): both time charts are folded from it in one read. */
  | 'utcHour';

function groupExpr(by: GroupBy, tz: number, time: 'at' | 'hour' = 'at') {
  // A literal (the offset is a validated integer) so SELECT and GROUP BY are the same expression.
  const local = sql`(${sql.ref(time)} + make_interval(mins => ${sql.lit(tz)}))`;
  switch (by) {
    case 'all':
      return sql<string>`''`;
    case 'agent':
      return sql<string>`agent_id`;
    case 'team':
      return sql<string>`team`;
    case 'intent':
      return sql<string>`coalesce(intent, '')`;
    case 'suggestionSource':
      return sql<string>`coalesce(suggestion_source, '')`;
    case 'model':
      return sql<string>`coalesce(model, '')`;
    case 'day':
      return sql<string>`to_char(${local} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
    case 'hour':
      return sql<string>`to_char(${local} AT TIME ZONE 'UTC', 'HH24')`;
    case 'utcHour':
      return sql<string>`(extract(epoch FROM ${sql.ref(time)}) * 1000)::bigint::text`;
  }
}

/**
 * Outcome counters per group (agent rows also carry the agent's team). From the hourly rollup when
 * the schema has it: the dashboard's window is whole hours (see aggregateWindow), so summing hours is
 * exact, and replay events are not in the rollup, as they are left out of the dashboard.
 */
export async function counters(
  db: TeamDb,
  f: ResolvedFilter,
  by: GroupBy,
  source: CounterSource = 'events',
): Promise<CounterRow[]> {
  const which = source === 'events' ? null : rollupFor(f, by, source);
  const rows =
    which !== null
      ? await rollupCounters(db, f, by, which, source)
      : await (() => {
          const key = groupExpr(by, f.tzOffsetMinutes);
          return (
            applyFilter(db.selectFrom('tandem_events'), f)
              .select([key.as('key'), sql<string>`max(team)`.as('team'), ...COUNTERS])
              // A constant cannot be a GROUP BY key: the team total is the ungrouped aggregate.
              .$if(by !== 'all', (q) => q.groupBy(key))
              .execute()
          );
        })();
  return rows.map((r) => {
    const n = (name: string): number => Number((r as Record<string, unknown>)[name] ?? 0);
    return {
      key: String(r.key),
      team: String(r.team ?? ''),
      messages: n('messages'),
      shown: n('shown'),
      shownBlocked: n('shown_blocked'),
      acceptedAsIs: n('accepted_as_is'),
      acceptedEdited: n('accepted_edited'),
      rejected: n('rejected'),
      overrides: n('overrides'),
      escalations: n('escalations'),
      draftsChecked: n('drafts_checked'),
      draftsBlocked: n('drafts_blocked'),
      editSum: n('edit_sum'),
      acceptMsSum: n('accept_ms_sum'),
    };
  });
}

/**
 * Which rollup answers a counters query, or null when only the events can: team-level views (no agent
 * filter, not grouped by agent) read hour × team × intent × source × model; agent views without an
 * intent filter read hour × agent × team; with schema 4, agents by intent (the agent table filtered by
 * intent, one agent's intents) read day × agent × intent with the window's edge hours from the events;
 * the rest of an agent view filtered by intent (source, model, the day and hour charts) reads that
 * agent's events (few, found by the (agent_id, at) index).
 */
export function rollupFor(
  f: ResolvedFilter,
  by: GroupBy,
  source: CounterSource = 'rollup',
): 'team' | 'agent' | 'agentIntent' | null {
  if (f.agentIds === null && by !== 'agent') return 'team';
  if (f.intents === null && ['agent', 'all', 'team', 'day', 'hour', 'utcHour'].includes(by)) return 'agent';
  if (source === 'days' && ['agent', 'all', 'team', 'intent'].includes(by)) return 'agentIntent';
  return null;
}

type HourlyTable = 'tandem_rollup_hourly' | 'tandem_rollup_agent_hourly';
type DailyTable = 'tandem_rollup_daily' | 'tandem_rollup_agent_daily';

function rollupCounters(
  db: TeamDb,
  f: ResolvedFilter,
  by: GroupBy,
  which: 'team' | 'agent' | 'agentIntent',
  source: CounterSource,
) {
  if (which === 'agentIntent') return agentIntentCounters(db, f, by);
  const window = aggregateWindow(f);
  const hourly: HourlyTable = which === 'agent' ? 'tandem_rollup_agent_hourly' : 'tandem_rollup_hourly';
  // Charts by local day or hour of day need hours (a local day is not a UTC day); everything else sums
  // whole days from the daily rollup and only the edge hours from the hourly one.
  const split = source === 'days' && by !== 'day' && by !== 'hour' && by !== 'utcHour';
  const parts = split ? splitDays(f) : { days: null, hours: [window] };
  const keys =
    which === 'agent'
      ? (['agent_id', 'team'] as const)
      : (['team', 'intent', 'suggestion_source', 'model'] as const);
  const filtered = <T extends HourlyTable | DailyTable>(table: T, time: 'hour' | 'day', ranges: Range[]) =>
    db
      .selectFrom(table as HourlyTable)
      .select([...keys, ...ROLLUP_COUNTERS] as Array<
        (typeof keys)[number] | (typeof ROLLUP_COUNTERS)[number]
      >)
      // The day or hour the row counts, under one name for both tables (the day/hour charts group by it).
      .select(sql<Date>`${sql.ref(time)}`.as('hour'))
      .where((eb) =>
        eb.or(
          ranges.map(([from, to]) =>
            eb.and([
              ...(from !== null ? [eb(sql.ref(time), '>=', new Date(from))] : []),
              ...(to !== null ? [eb(sql.ref(time), '<', new Date(to))] : []),
            ]),
          ),
        ),
      )
      .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
      .$if(which === 'agent' && f.agentIds !== null, (b) => b.where(sql.ref('agent_id'), 'in', f.agentIds!))
      .$if(which === 'team' && f.intents !== null, (b) => b.where(sql.ref('intent'), 'in', f.intents!));
  const pieces = [
    ...(parts.days
      ? [
          filtered(which === 'agent' ? 'tandem_rollup_agent_daily' : 'tandem_rollup_daily', 'day', [
            parts.days,
          ]),
        ]
      : []),
    ...(parts.hours.length > 0 ? [filtered(hourly, 'hour', parts.hours)] : []),
  ];
  const key = groupExpr(by, f.tzOffsetMinutes, 'hour');
  const from = pieces.length === 1 ? pieces[0]!.as('r') : pieces[0]!.unionAll(pieces[1]!).as('r');
  return db
    .selectFrom(from)
    .select([key.as('key'), sql<string>`max(team)`.as('team'), ...ROLLUP_COUNTER_SUMS])
    .$if(by !== 'all', (b) => b.groupBy(key))
    .execute();
}

/**
 * Agents × intents (schema 4): whole days from the daily rollup, the window's edge hours aggregated
 * from the events themselves (a few hours of the filtered intents or agents), summed together.
 */
function agentIntentCounters(db: TeamDb, f: ResolvedFilter, by: GroupBy) {
  const { days, hours } = splitDays(f);
  const cols = ['agent_id', 'team', 'intent', ...ROLLUP_COUNTERS] as const;
  type Piece = SelectQueryBuilder<
    TeamDatabase,
    'tandem_rollup_agent_intent_daily',
    Record<(typeof cols)[number], unknown>
  >;
  const pieces: Piece[] = [];
  if (days) {
    pieces.push(
      db
        .selectFrom('tandem_rollup_agent_intent_daily')
        .select([...cols])
        .$if(days[0] !== null, (b) => b.where('day', '>=', new Date(days[0]!)))
        .$if(days[1] !== null, (b) => b.where('day', '<', new Date(days[1]!)))
        .$if(f.agentIds !== null, (b) => b.where('agent_id', 'in', f.agentIds!))
        .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
        .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!)) as unknown as Piece,
    );
  }
  if (hours.length > 0) {
    const intent = sql<string>`coalesce(intent, '')`;
    pieces.push(
      db
        .selectFrom('tandem_events')
        .where('source', '<>', 'replay')
        .where((eb) =>
          eb.or(
            hours.map(([from, to]) =>
              eb.and([
                ...(from !== null ? [eb('at', '>=', new Date(from))] : []),
                ...(to !== null ? [eb('at', '<', new Date(to))] : []),
              ]),
            ),
          ),
        )
        .$if(f.agentIds !== null, (b) => b.where('agent_id', 'in', f.agentIds!))
        .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
        .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!))
        .select(['agent_id', 'team', intent.as('intent'), ...COUNTERS])
        .groupBy(['agent_id', 'team', intent]) as unknown as Piece,
    );
  }
  const key = groupExpr(by, f.tzOffsetMinutes, 'hour');
  return db
    .selectFrom(
      pieces
        .slice(1)
        .reduce((all, p) => all.unionAll(p), pieces[0]!)
        .as('r'),
    )
    .select([key.as('key'), sql<string>`max(team)`.as('team'), ...ROLLUP_COUNTER_SUMS])
    .$if(by !== 'all', (b) => b.groupBy(key))
    .execute();
}

/**
 * The per-day and hour-of-day charts. From a rollup, one read of the window's hours (a few thousand
 * rows) folded into local days and hours here: grouping in SQL would format every rollup row twice, in
 * two queries. From the events, grouped in SQL to the minute as before.
 */
export async function timeCharts(
  db: TeamDb,
  f: ResolvedFilter,
  source: CounterSource,
): Promise<[CounterRow[], CounterRow[]]> {
  if (source === 'events' || rollupFor(f, 'utcHour', source) === null) {
    return Promise.all([counters(db, f, 'day', source), counters(db, f, 'hour', source)]);
  }
  const hours = await counters(db, f, 'utcHour', source);
  const local = (r: CounterRow) => new Date(Number(r.key) + f.tzOffsetMinutes * 60_000).toISOString();
  return [
    mergeRows([hours.map((r) => ({ ...r, key: local(r).slice(0, 10) }))]),
    mergeRows([hours.map((r) => ({ ...r, key: local(r).slice(11, 13) }))]),
  ];
}

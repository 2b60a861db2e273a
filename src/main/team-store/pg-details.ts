import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { TeamDatabase } from './pg-schema';
import type { Distribution, Metrics } from '../../shared/contract/supervisor';
import { editBucketValue, msBucketValue } from '../events/metrics/buckets';
import { aggregateWindow, type ResolvedFilter } from '../events/metrics/filter';
import { distributionFromCounts } from '../events/metrics/stats';
import { splitDays, type Range } from './day-split';
import { applyFilter, type CounterRow, type TeamDb } from './pg-counters';

/**
 * The dashboard's detail figures (acceptance percentiles, policy and escalation labels), read exactly
 * from the events, or from the detail rollups (resources/team-store/003_dashboard_rollups.sql) summed
 * over the dashboard's whole-hour window like the counters.
 */

/** The acceptance cards: edit distance (all, edited only), time to accept, and the ten-bin histogram. */
export interface AcceptDistributions {
  editDistance: Distribution;
  editDistanceEdited: Distribution;
  msToAccept: Distribution;
  editHistogram: Metrics['editHistogram'];
}

type RollupTable = 'tandem_rollup_labels' | 'tandem_rollup_accept';

/** The dashboard's filter on a label or histogram rollup (whole hours; no agent: callers read events for that). */
function rollupRows<T extends RollupTable>(
  db: TeamDb,
  table: T,
  f: ResolvedFilter,
  [fromMs, toMs]: Range = aggregateWindow(f),
) {
  return db
    .selectFrom(table as RollupTable)
    .$if(fromMs !== null, (b) => b.where('hour', '>=', new Date(fromMs!)))
    .$if(toMs !== null, (b) => b.where('hour', '<', new Date(toMs!)))
    .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
    .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!));
}

/** One label count: a rule id, escalation code or path, or an override reason as typed. */
export interface LabelCount {
  type: string;
  kind: 'rule' | 'code' | 'reason' | 'path';
  label: string;
  n: number;
}

export async function rollupLabels(db: TeamDb, f: ResolvedFilter): Promise<LabelCount[]> {
  const rows = await rollupRows(db, 'tandem_rollup_labels', f)
    .select(['type', 'kind', 'label', sql<number>`sum(n)::float8`.as('n')])
    .groupBy(['type', 'kind', 'label'])
    .execute();
  return rows.map((r) => ({
    type: r.type,
    kind: r.kind as LabelCount['kind'],
    label: r.label,
    n: Number(r.n),
  }));
}

/** Merged acceptance histograms (bucket → count) for the percentile cards over large views. */
async function rollupAcceptHistograms(db: TeamDb, f: ResolvedFilter, daily: boolean) {
  const { days, hours } = daily ? splitDays(f) : { days: null, hours: [aggregateWindow(f)] };
  type Piece = SelectQueryBuilder<
    TeamDatabase,
    'tandem_rollup_accept',
    { kind: string; bucket: number; n: number }
  >;
  const pieces: Piece[] = [
    ...(days
      ? [
          db
            .selectFrom('tandem_rollup_accept_daily')
            .select(['kind', 'bucket', 'n'])
            .$if(days[0] !== null, (b) => b.where('day', '>=', new Date(days[0]!)))
            .$if(days[1] !== null, (b) => b.where('day', '<', new Date(days[1]!)))
            .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
            .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!)) as unknown as Piece,
        ]
      : []),
    ...hours.map((range) =>
      daily
        ? (acceptBucketsFromEvents(db, f, range) as unknown as Piece)
        : (rollupRows(db, 'tandem_rollup_accept', f, range).select([
            'kind',
            'bucket',
            'n',
          ]) as unknown as Piece),
    ),
  ];
  const rows = await db
    .selectFrom(
      pieces
        .slice(1)
        .reduce((all, p) => all.unionAll(p), pieces[0]!)
        .as('r'),
    )
    .select(['kind', 'bucket', sql<number>`sum(n)::float8`.as('n')])
    .groupBy(['kind', 'bucket'])
    .execute();
  const edit = new Map<number, number>();
  const ms = new Map<number, number>();
  for (const r of rows) (r.kind === 'edit' ? edit : ms).set(Number(r.bucket), Number(r.n));
  return { edit, ms };
}

/**
 * The acceptances of a few edge hours in the histogram buckets (schema 4), read from the acceptance
 * index alone. The bucket formulas are tandem_accept_rows' (003), which the daily rollup uses.
 */
function acceptBucketsFromEvents(db: TeamDb, f: ResolvedFilter, [fromMs, toMs]: Range) {
  const accepted = () =>
    db
      .selectFrom('tandem_events')
      .where('type', '=', 'suggestion_accepted')
      .where('source', '<>', 'replay')
      .$if(fromMs !== null, (b) => b.where('at', '>=', new Date(fromMs!)))
      .$if(toMs !== null, (b) => b.where('at', '<', new Date(toMs!)))
      .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
      .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!));
  const buckets = (
    kind: 'edit' | 'ms',
    column: 'edit_distance' | 'ms_to_accept',
    bucket: RawBuilder<number>,
  ) =>
    accepted()
      .where(column, 'is not', null)
      .select([
        sql<string>`${kind}::text`.as('kind'),
        bucket.as('bucket'),
        sql<number>`count(*)::integer`.as('n'),
      ])
      .groupBy(sql`2`);
  return buckets('edit', 'edit_distance', sql<number>`floor(edit_distance * 100 + 0.5)::integer`).unionAll(
    buckets(
      'ms',
      'ms_to_accept',
      sql<number>`CASE WHEN ms_to_accept < 1000 THEN floor(ms_to_accept / 100.0)::integer
        ELSE 10 + floor(ln(ms_to_accept / 1000.0) / ln(1.05) + 0.5)::integer END`,
    ),
  );
}

/**
 * Percentiles from the merged histograms, as the local store does above its exact limit: edit
 * distance to 0.01, time to accept to ±2.5 %. Accepted-as-is always sits in bucket 0, so taking
 * those out of it leaves the edited acceptances.
 */
export async function histogramDistributions(
  db: TeamDb,
  f: ResolvedFilter,
  totals: Pick<CounterRow, 'acceptedAsIs'>,
  daily = false,
): Promise<AcceptDistributions> {
  const { edit, ms } = await rollupAcceptHistograms(db, f, daily);
  const editPairs = [...edit].map(([bucket, count]) => ({ value: editBucketValue(bucket), count }));
  const editedPairs = editPairs.map((p) =>
    p.value === 0 ? { value: 0, count: Math.max(0, p.count - totals.acceptedAsIs) } : p,
  );
  const bins = new Array<number>(10).fill(0);
  for (const [bucket, count] of edit) bins[Math.min(9, Math.floor(bucket / 10))]! += count;
  return {
    editDistance: distributionFromCounts(editPairs),
    editDistanceEdited: distributionFromCounts(editedPairs),
    msToAccept: distributionFromCounts(
      [...ms].map(([bucket, count]) => ({ value: msBucketValue(bucket), count })),
    ),
    editHistogram: bins.map((count, i) => ({ from: i / 10, to: (i + 1) / 10, count })),
  };
}

/** Median and p90 with PostgreSQL's percentile_cont: the same linear interpolation (PERCENTILE.INC) as locally. */
export async function exactDistributions(db: TeamDb, f: ResolvedFilter): Promise<AcceptDistributions> {
  const r = await applyFilter(db.selectFrom('tandem_events'), f)
    .where('type', '=', 'suggestion_accepted')
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(*) FILTER (WHERE accept_kind = 'edited')::int`.as('n_edited'),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY edit_distance)`.as('ed_med'),
      sql<number | null>`percentile_cont(0.9) WITHIN GROUP (ORDER BY edit_distance)`.as('ed_p90'),
      sql<
        number | null
      >`percentile_cont(0.5) WITHIN GROUP (ORDER BY edit_distance) FILTER (WHERE accept_kind = 'edited')`.as(
        'ee_med',
      ),
      sql<
        number | null
      >`percentile_cont(0.9) WITHIN GROUP (ORDER BY edit_distance) FILTER (WHERE accept_kind = 'edited')`.as(
        'ee_p90',
      ),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ms_to_accept)`.as('ms_med'),
      sql<number | null>`percentile_cont(0.9) WITHIN GROUP (ORDER BY ms_to_accept)`.as('ms_p90'),
    ])
    .executeTakeFirstOrThrow();
  // Same binning as the local store: round to 0.01 (buckets.ts, Math.round), then ten bins of 0.1.
  const buckets = await applyFilter(db.selectFrom('tandem_events'), f)
    .where('type', '=', 'suggestion_accepted')
    .select([
      sql<number>`least(floor(floor(edit_distance * 100 + 0.5) / 10), 9)::int`.as('b'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy(sql`1`)
    .execute();
  const hist = Array.from({ length: 10 }, () => 0);
  for (const b of buckets) hist[Number(b.b)] = Number(b.n);
  const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  const n = Number(r.n);
  return {
    editDistance: { count: n, median: num(r.ed_med), p90: num(r.ed_p90) },
    editDistanceEdited: { count: Number(r.n_edited), median: num(r.ee_med), p90: num(r.ee_p90) },
    msToAccept: { count: n, median: num(r.ms_med), p90: num(r.ms_p90) },
    editHistogram: hist.map((count, i) => ({ from: i / 10, to: (i + 1) / 10, count: Number(count) })),
  };
}

/** Counts of labels held in the payload (rule ids, reason codes, paths, override reasons). */
export async function eventLabels(db: TeamDb, f: ResolvedFilter): Promise<LabelCount[]> {
  const rows = await applyFilter(db.selectFrom('tandem_events'), f)
    .where('type', 'in', ['suggestion_shown', 'draft_checked', 'policy_override', 'escalated'])
    .select([
      'type',
      sql<
        string[]
      >`coalesce(array(SELECT jsonb_array_elements_text(coalesce(payload->'ruleIds', '[]'::jsonb))), '{}')`.as(
        'rules',
      ),
      sql<
        string[]
      >`coalesce(array(SELECT jsonb_array_elements_text(coalesce(payload->'reasonCodes', '[]'::jsonb))), '{}')`.as(
        'codes',
      ),
      sql<string | null>`payload->>'reason'`.as('reason'),
      sql<string | null>`payload->>'path'`.as('path'),
    ])
    .execute();
  const out: LabelCount[] = [];
  for (const r of rows) {
    for (const label of r.rules) out.push({ type: r.type, kind: 'rule', label, n: 1 });
    for (const label of r.codes) out.push({ type: r.type, kind: 'code', label, n: 1 });
    if (r.reason) out.push({ type: r.type, kind: 'reason', label: r.reason, n: 1 });
    if (r.path) out.push({ type: r.type, kind: 'path', label: r.path, n: 1 });
  }
  return out;
}

/**
 * Threads by number of suggestions shown, for threads that started in the range (schema 3). With the
 * daily histogram (schema 4) and no agent filter, whole days come from the histogram and only the
 * conversations that started in the edge hours are read one by one.
 */
export async function rollupThreadCounts(
  db: TeamDb,
  f: ResolvedFilter,
  daily = false,
): Promise<Array<{ value: number; count: number }>> {
  const { days, hours } =
    daily && f.agentIds === null ? splitDays(f) : { days: null, hours: [aggregateWindow(f)] };
  const pieces = [
    ...(days
      ? [
          db
            .selectFrom('tandem_rollup_thread_days')
            .select(['shown', 'n'])
            .$if(days[0] !== null, (b) => b.where('day', '>=', new Date(days[0]!)))
            .$if(days[1] !== null, (b) => b.where('day', '<', new Date(days[1]!)))
            .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
            .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!)),
        ]
      : []),
    ...hours.map(([fromMs, toMs]) =>
      db
        .selectFrom('tandem_rollup_threads')
        .select(['shown', sql<number>`1`.as('n')])
        .$if(fromMs !== null, (b) => b.where('first_at', '>=', new Date(fromMs!)))
        .$if(toMs !== null, (b) => b.where('first_at', '<', new Date(toMs!)))
        .$if(f.agentIds !== null, (b) => b.where('agent_id', 'in', f.agentIds!))
        .$if(f.teams !== null, (b) => b.where('team', 'in', f.teams!))
        .$if(f.intents !== null, (b) => b.where('intent', 'in', f.intents!)),
    ),
  ];
  const rows = await db
    .selectFrom(
      pieces
        .slice(1)
        .reduce((all, p) => all.unionAll(p), pieces[0]!)
        .as('r'),
    )
    .select(['shown', sql<number>`sum(n)::float8`.as('n')])
    .groupBy('shown')
    .having(sql<boolean>`sum(n) > 0`)
    .execute();
  return rows.map((r) => ({ value: Number(r.shown), count: Number(r.n) }));
}

/** Without the rollup (schema 1): threads with a suggestion shown in the window, by how many were shown. */
export async function eventThreadCounts(
  db: TeamDb,
  f: ResolvedFilter,
): Promise<Array<{ value: number; count: number }>> {
  const rows = await applyFilter(db.selectFrom('tandem_events'), f)
    .where('type', '=', 'suggestion_shown')
    .select(['agent_id', 'thread_id', sql<number>`count(*)::int`.as('n')])
    .groupBy(['agent_id', 'thread_id'])
    .execute();
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(Number(r.n), (counts.get(Number(r.n)) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

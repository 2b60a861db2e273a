import type { DatabaseSync } from 'node:sqlite';

/**
 * The event store's tables as Kysely sees them. The metric queries are written against these
 * interfaces only, so the PostgreSQL team store can serve the same queries from tables of the same shape.
 *
 * - `events`: one row per event, append-only; the metric columns are lifted out of the JSON payload.
 * - Rollups of live (non-replay) events, kept in the same transaction as the events, so that dashboard
 *   aggregates over a million events read thousands of rows instead of scanning every event:
 *   `rollup_team_hourly` (totals and day/hour trends), `rollup_dim_daily` (one dimension at a time:
 *   agent, intent, suggestion source, model), `hist_daily` (edit-distance and time-to-accept histograms
 *   for percentiles), `rollup_labels_daily` (rule/reason/path counts), their `*_intent_*` twins for
 *   views filtered by intent, and `rollup_hourly` (all dimensions at once: filtered views and partial-day edges).
 * - `event_labels`: one row per rule id / reason code / path / override reason of a live event, so
 *   "findings by rule" and "escalations by reason" are plain GROUP BYs in any SQL dialect (no JSON functions).
 * - `threads`: suggestions shown per (agent, thread), for "suggestions per thread".
 * - `rollup_threads_daily`: how many threads, by the UTC day of their first event, team and number of
 *   suggestions shown; kept equal to `threads` by triggers (insert, upsert, retention delete), so the
 *   unfiltered dashboard reads a few hundred rows instead of range-scanning every thread of the period.
 * - `accepted`: edit distance and time to accept of each live acceptance, in a narrow table of its
 *   own so percentile reads use its covering indexes and never compete with the events' type index.
 */
export interface EventsTable {
  seq: number;
  id: string;
  type: string;
  at: string;
  at_ms: number;
  agent_id: string;
  team: string;
  source: string;
  thread_id: string;
  ticket_id: string | null;
  intent: string | null;
  suggestion_id: string | null;
  suggestion_source: string | null;
  model: string | null;
  verdict: string | null;
  accept_kind: string | null;
  edit_distance: number | null;
  ms_to_accept: number | null;
  payload: string;
}

/** Counter columns of {@link RollupHourlyTable}, in the order the writer binds them. */
export const ROLLUP_COUNTERS = [
  'messages',
  'shown',
  'shown_blocked',
  'accepted_as_is',
  'accepted_edited',
  'rejected',
  'overrides',
  'escalations',
  'drafts_checked',
  'drafts_blocked',
  'edit_sum',
  'accept_ms_sum',
] as const;
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number];

export type RollupHourlyTable = {
  /** Whole hours since the Unix epoch (UTC). */
  hour: number;
  agent_id: string;
  team: string;
  /** '' when the event had none: NULLs would defeat the unique key in both SQLite and PostgreSQL. */
  intent: string;
  suggestion_source: string;
  model: string;
} & Record<RollupCounter, number>;

/** Team totals per hour: KPI cards and the day/hour trends, in any time zone. */
export type RollupTeamHourlyTable = { hour: number; team: string } & Record<RollupCounter, number>;

export type DimensionName = 'agent' | 'intent' | 'ssrc' | 'model';

/** Per (UTC day, team) counters for one dimension value at a time. */
export type RollupDimDailyTable = { day: number; team: string; dim: DimensionName; value: string } & Record<
  RollupCounter,
  number
>;

/** Histogram of accepted suggestions per (UTC day, team): `edit` buckets of 0.01, `ms` log buckets (see buckets.ts). */
export interface HistDailyTable {
  day: number;
  team: string;
  metric: 'edit' | 'ms';
  bucket: number;
  count: number;
}

/** The same counters per intent, for views filtered by intent (keyed intent-first so the filter is a key prefix). */
export type RollupIntentHourlyTable = { intent: string; hour: number; team: string } & Record<
  RollupCounter,
  number
>;
export type RollupIntentDailyTable = {
  intent: string;
  dim: DimensionName | 'team';
  day: number;
  team: string;
  value: string;
} & Record<RollupCounter, number>;
export type HistIntentDailyTable = HistDailyTable & { intent: string };

/** Label counts per (UTC day, team): policy findings, overrides and escalations without scanning labels. */
export interface RollupLabelsDailyTable {
  day: number;
  team: string;
  kind: LabelKind;
  label: string;
  count: number;
}

export type LabelKind =
  'rule_shown' | 'rule_draft' | 'rule_override' | 'override_reason' | 'escalation_reason' | 'escalation_path';

export interface EventLabelsTable {
  event_id: string;
  kind: LabelKind;
  label: string;
  at_ms: number;
  agent_id: string;
  team: string;
  intent: string;
}

export interface ThreadsTable {
  agent_id: string;
  thread_id: string;
  team: string;
  intent: string;
  first_at_ms: number;
  last_at_ms: number;
  messages: number;
  shown: number;
}

/** Threads counted by (UTC day of first event, team, suggestions shown); see the migration's triggers. */
export interface RollupThreadsDailyTable {
  day: number;
  team: string;
  shown: number;
  count: number;
}

/** One row per live acceptance: the values exact percentiles are computed from. */
export interface AcceptedTable {
  event_id: string;
  at_ms: number;
  agent_id: string;
  team: string;
  intent: string;
  edited: number;
  edit_distance: number;
  ms_to_accept: number;
}

export interface EventDatabase {
  events: EventsTable;
  accepted: AcceptedTable;
  rollup_hourly: RollupHourlyTable;
  rollup_team_hourly: RollupTeamHourlyTable;
  rollup_dim_daily: RollupDimDailyTable;
  hist_daily: HistDailyTable;
  rollup_labels_daily: RollupLabelsDailyTable;
  rollup_intent_hourly: RollupIntentHourlyTable;
  rollup_intent_daily: RollupIntentDailyTable;
  hist_intent_daily: HistIntentDailyTable;
  event_labels: EventLabelsTable;
  threads: ThreadsTable;
  rollup_threads_daily: RollupThreadsDailyTable;
}

const DAY_MS = 86_400_000;

const COUNTER_COLUMNS = ROLLUP_COUNTERS.map(
  (c) => `        ${c} ${c === 'edit_sum' ? 'REAL' : 'INTEGER'} NOT NULL DEFAULT 0,\n`,
).join('');

interface Migration {
  version: number;
  sql: string;
}

/** Forward-only migrations; each runs in its own transaction and is recorded in `schema_migrations`. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        team TEXT NOT NULL,
        source TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        ticket_id TEXT,
        intent TEXT,
        suggestion_id TEXT,
        suggestion_source TEXT,
        model TEXT,
        verdict TEXT,
        accept_kind TEXT,
        edit_distance REAL,
        ms_to_accept INTEGER,
        payload TEXT NOT NULL
      );
      CREATE INDEX ix_events_at ON events (at_ms, id);
      CREATE INDEX ix_events_agent_at ON events (agent_id, at_ms, id);
      CREATE INDEX ix_events_type_at ON events (type, at_ms, id);
      CREATE TABLE accepted (
        event_id TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        team TEXT NOT NULL,
        intent TEXT NOT NULL,
        edited INTEGER NOT NULL,
        edit_distance REAL NOT NULL,
        ms_to_accept INTEGER NOT NULL
      );
      CREATE INDEX ix_accepted_at ON accepted (at_ms, team, intent, agent_id, edited, edit_distance, ms_to_accept);
      CREATE INDEX ix_accepted_agent ON accepted (agent_id, at_ms, team, intent, edited, edit_distance, ms_to_accept);
      CREATE INDEX ix_accepted_intent ON accepted (intent, at_ms, team, agent_id, edited, edit_distance, ms_to_accept);
      CREATE TABLE rollup_hourly (
        hour INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        team TEXT NOT NULL,
        intent TEXT NOT NULL,
        suggestion_source TEXT NOT NULL,
        model TEXT NOT NULL,
        messages INTEGER NOT NULL DEFAULT 0,
        shown INTEGER NOT NULL DEFAULT 0,
        shown_blocked INTEGER NOT NULL DEFAULT 0,
        accepted_as_is INTEGER NOT NULL DEFAULT 0,
        accepted_edited INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        overrides INTEGER NOT NULL DEFAULT 0,
        escalations INTEGER NOT NULL DEFAULT 0,
        drafts_checked INTEGER NOT NULL DEFAULT 0,
        drafts_blocked INTEGER NOT NULL DEFAULT 0,
        edit_sum REAL NOT NULL DEFAULT 0,
        accept_ms_sum INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (hour, agent_id, team, intent, suggestion_source, model)
      );
      CREATE INDEX ix_rollup_agent ON rollup_hourly (agent_id, hour);
      CREATE INDEX ix_rollup_intent ON rollup_hourly (intent, hour);
      CREATE TABLE rollup_team_hourly (
        hour INTEGER NOT NULL,
        team TEXT NOT NULL,
${COUNTER_COLUMNS}        PRIMARY KEY (hour, team)
      );
      CREATE TABLE rollup_dim_daily (
        day INTEGER NOT NULL,
        team TEXT NOT NULL,
        dim TEXT NOT NULL,
        value TEXT NOT NULL,
${COUNTER_COLUMNS}        PRIMARY KEY (dim, day, team, value)
      );
      CREATE TABLE rollup_intent_hourly (
        intent TEXT NOT NULL,
        hour INTEGER NOT NULL,
        team TEXT NOT NULL,
${COUNTER_COLUMNS}        PRIMARY KEY (intent, hour, team)
      );
      CREATE TABLE rollup_intent_daily (
        intent TEXT NOT NULL,
        dim TEXT NOT NULL,
        day INTEGER NOT NULL,
        team TEXT NOT NULL,
        value TEXT NOT NULL,
${COUNTER_COLUMNS}        PRIMARY KEY (intent, dim, day, team, value)
      );
      CREATE TABLE hist_intent_daily (
        intent TEXT NOT NULL,
        metric TEXT NOT NULL,
        day INTEGER NOT NULL,
        team TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (intent, metric, day, team, bucket)
      );
      CREATE TABLE hist_daily (
        day INTEGER NOT NULL,
        team TEXT NOT NULL,
        metric TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (metric, day, team, bucket)
      );
      CREATE TABLE event_labels (
        event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        agent_id TEXT NOT NULL,
        team TEXT NOT NULL,
        intent TEXT NOT NULL
      );
      CREATE INDEX ix_labels_kind_at ON event_labels (kind, at_ms, label, agent_id, team, intent);
      CREATE INDEX ix_labels_agent ON event_labels (agent_id, at_ms, kind, label);
      CREATE INDEX ix_labels_intent ON event_labels (intent, at_ms, kind, label);
      CREATE TABLE rollup_labels_daily (
        day INTEGER NOT NULL,
        team TEXT NOT NULL,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, team, kind, label)
      );
      CREATE TABLE threads (
        agent_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        team TEXT NOT NULL,
        intent TEXT NOT NULL,
        first_at_ms INTEGER NOT NULL,
        last_at_ms INTEGER NOT NULL,
        messages INTEGER NOT NULL DEFAULT 0,
        shown INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (agent_id, thread_id)
      );
      CREATE INDEX ix_threads_first_at ON threads (first_at_ms, shown);
      CREATE INDEX ix_threads_last_at ON threads (last_at_ms);
    `,
  },
  {
    // Measured: the threads range scan was the slowest dashboard query on a freshly opened 1M-event store
    // (50-90 ms of ~150 ms of SQL). Triggers keep the rollup exact whatever changes a thread: the writer's
    // upsert (first_at_ms may move earlier on an out-of-order import, shown grows), imports, retention.
    version: 2,
    sql: `
      CREATE TABLE rollup_threads_daily (
        day INTEGER NOT NULL,
        team TEXT NOT NULL,
        shown INTEGER NOT NULL,
        count INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (day, team, shown)
      ) WITHOUT ROWID;
      INSERT INTO rollup_threads_daily (day, team, shown, count)
        SELECT first_at_ms / ${DAY_MS}, team, shown, COUNT(*) FROM threads GROUP BY 1, 2, 3;
      CREATE TRIGGER tr_threads_rollup_insert AFTER INSERT ON threads BEGIN
        INSERT INTO rollup_threads_daily (day, team, shown, count)
          VALUES (NEW.first_at_ms / ${DAY_MS}, NEW.team, NEW.shown, 1)
          ON CONFLICT (day, team, shown) DO UPDATE SET count = count + 1;
      END;
      CREATE TRIGGER tr_threads_rollup_update AFTER UPDATE OF first_at_ms, team, shown ON threads
      WHEN OLD.first_at_ms / ${DAY_MS} != NEW.first_at_ms / ${DAY_MS} OR OLD.team != NEW.team OR OLD.shown != NEW.shown
      BEGIN
        UPDATE rollup_threads_daily SET count = count - 1
          WHERE day = OLD.first_at_ms / ${DAY_MS} AND team = OLD.team AND shown = OLD.shown;
        DELETE FROM rollup_threads_daily
          WHERE day = OLD.first_at_ms / ${DAY_MS} AND team = OLD.team AND shown = OLD.shown AND count = 0;
        INSERT INTO rollup_threads_daily (day, team, shown, count)
          VALUES (NEW.first_at_ms / ${DAY_MS}, NEW.team, NEW.shown, 1)
          ON CONFLICT (day, team, shown) DO UPDATE SET count = count + 1;
      END;
      CREATE TRIGGER tr_threads_rollup_delete AFTER DELETE ON threads BEGIN
        UPDATE rollup_threads_daily SET count = count - 1
          WHERE day = OLD.first_at_ms / ${DAY_MS} AND team = OLD.team AND shown = OLD.shown;
        DELETE FROM rollup_threads_daily
          WHERE day = OLD.first_at_ms / ${DAY_MS} AND team = OLD.team AND shown = OLD.shown AND count = 0;
      END;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/** Thrown when the file was written by a newer Tandem: never downgrade someone's data. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `The event database was created by a newer version of Tandem (schema ${found}, this build knows ${LATEST_SCHEMA_VERSION}). Update Tandem to open it.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Applies pending migrations; returns the versions applied (empty when already current). */
export function migrate(db: DatabaseSync): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(current);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(
        migration.version,
        new Date().toISOString(),
      );
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}

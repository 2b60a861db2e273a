import type { DatabaseSync } from 'node:sqlite';

export * from './schema-tables';
import { ROLLUP_COUNTERS } from './schema-tables';

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

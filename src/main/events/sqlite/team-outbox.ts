import { DatabaseSync } from 'node:sqlite';

/** Outbox size beyond which the oldest queued events are dropped (with a warning) rather than filling the disk. */
export const DEFAULT_OUTBOX_CAPACITY = 500_000;

/**
 * The outbox's own schema, versioned in its own table (`team_outbox_schema`) rather than in the event
 * store's migration list: it only exists on machines that ship to a team store, and an older build
 * opening the file simply ignores it.
 *
 * The queueing is a trigger on `events`, so an event and its outbox row commit in the same
 * transaction by construction: no code path (record, import, generate) can store one without the
 * other, and a duplicate skipped by `ON CONFLICT DO NOTHING` fires no trigger. Only this agent's own
 * events are queued: the team store's row-level security would refuse anyone else's.
 */
const OUTBOX_SCHEMA: readonly string[] = [
  `CREATE TABLE team_outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     event_id TEXT NOT NULL,
     payload TEXT NOT NULL
   );
   CREATE TABLE team_outbox_config (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     agent_id TEXT NOT NULL,
     capacity INTEGER NOT NULL,
     dropped INTEGER NOT NULL DEFAULT 0
   );
   CREATE TRIGGER team_outbox_enqueue AFTER INSERT ON events
   WHEN NEW.agent_id = (SELECT agent_id FROM team_outbox_config WHERE id = 1)
   BEGIN
     INSERT INTO team_outbox (event_id, payload) VALUES (NEW.id, NEW.payload);
     UPDATE team_outbox_config SET dropped = dropped + (
       SELECT COUNT(*) FROM team_outbox WHERE seq <= (SELECT MAX(seq) FROM team_outbox) - capacity
     ) WHERE id = 1;
     DELETE FROM team_outbox WHERE seq <= (SELECT MAX(seq) FROM team_outbox)
       - (SELECT capacity FROM team_outbox_config WHERE id = 1);
   END;`,
];

/** Creates or upgrades the outbox tables; safe to call on every start. */
export function migrateTeamOutbox(db: DatabaseSync): void {
  db.exec('CREATE TABLE IF NOT EXISTS team_outbox_schema (version INTEGER PRIMARY KEY)');
  const row = db.prepare('SELECT MAX(version) AS v FROM team_outbox_schema').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > OUTBOX_SCHEMA.length) {
    throw new Error(`The team outbox was created by a newer Tandem (version ${current}); update Tandem.`);
  }
  for (let v = current + 1; v <= OUTBOX_SCHEMA.length; v++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(OUTBOX_SCHEMA[v - 1]!);
      db.prepare('INSERT INTO team_outbox_schema (version) VALUES (?)').run(v);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}

/**
 * Starts queueing `agentId`'s events for the team store (the login name is the agent id). Events
 * recorded before this call are not queued: the team store starts from when shipping was turned on.
 */
export function enableTeamOutbox(
  db: DatabaseSync,
  agentId: string,
  capacity = DEFAULT_OUTBOX_CAPACITY,
): void {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error('Outbox capacity must be a positive integer.');
  migrateTeamOutbox(db);
  db.prepare(
    `INSERT INTO team_outbox_config (id, agent_id, capacity) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET agent_id = excluded.agent_id, capacity = excluded.capacity`,
  ).run(agentId, capacity);
}

/** Stops queueing new events; what is already queued stays until sent or cleared. */
export function disableTeamOutbox(db: DatabaseSync): void {
  migrateTeamOutbox(db);
  db.exec('DELETE FROM team_outbox_config');
}

/** One queued event, as stored locally (the event store's validated JSON). */
export interface OutboxEntry {
  seq: number;
  eventId: string;
  payload: string;
}

/**
 * The sender's view of the outbox, on its own connection to the store file (WAL lets it read while
 * the store writes). Entries leave only when `ack` is called after the team store committed them, so
 * a crash between sending and acking resends, and the server's ON CONFLICT makes that harmless.
 */
export class TeamOutbox {
  private readonly db: DatabaseSync;
  private readonly owns: boolean;

  constructor(dbOrPath: DatabaseSync | string) {
    this.owns = typeof dbOrPath === 'string';
    this.db = typeof dbOrPath === 'string' ? new DatabaseSync(dbOrPath, { timeout: 5000 }) : dbOrPath;
    migrateTeamOutbox(this.db);
  }

  /** The oldest `limit` entries, in commit order. */
  peek(limit: number): OutboxEntry[] {
    return (
      this.db
        .prepare('SELECT seq, event_id, payload FROM team_outbox ORDER BY seq LIMIT ?')
        .all(limit) as Array<{ seq: number; event_id: string; payload: string }>
    ).map((r) => ({ seq: Number(r.seq), eventId: r.event_id, payload: r.payload }));
  }

  /**
   * The `limit` entries after `seq`, in commit order: lets the sender read and validate the next batch
   * while the server is still writing the previous one (which stays queued until acked).
   */
  peekAfter(seq: number, limit: number): OutboxEntry[] {
    return (
      this.db
        .prepare('SELECT seq, event_id, payload FROM team_outbox WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(seq, limit) as Array<{ seq: number; event_id: string; payload: string }>
    ).map((r) => ({ seq: Number(r.seq), eventId: r.event_id, payload: r.payload }));
  }

  /** Removes every entry up to and including `seq` (they are stored on the server). */
  ack(seq: number): void {
    this.db.prepare('DELETE FROM team_outbox WHERE seq <= ?').run(seq);
  }

  /**
   * Entries waiting. Entries leave only from the front (acks and drops both delete `seq <= x`), so the
   * queue is a contiguous range of seq and its length is two index look-ups, not a count of 500,000 rows.
   */
  size(): number {
    const row = this.db.prepare('SELECT MAX(seq) - MIN(seq) + 1 AS n FROM team_outbox').get() as {
      n: number | null;
    };
    return Number(row.n ?? 0);
  }

  /** Events dropped because the outbox was full, since the counter was last reset. */
  dropped(): number {
    const row = this.db.prepare('SELECT dropped FROM team_outbox_config WHERE id = 1').get() as
      { dropped: number } | undefined;
    return Number(row?.dropped ?? 0);
  }

  close(): void {
    if (this.owns) this.db.close();
  }
}

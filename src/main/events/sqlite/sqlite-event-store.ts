import type { DatabaseSync } from 'node:sqlite';
import { Kysely } from 'kysely';
import type {
  AgentSort,
  EventFilter,
  EventListQuery,
  ExportFormat,
  PageRequest,
  StoreNotice,
} from '../../../shared/contract/supervisor';
import { TandemEventSchema, type TandemEvent } from '../../../shared/domain/events';
import { AppError } from '../../../shared/ipc/result';
import type { Unsubscribe } from '../../../shared/ipc/define';
import type { EventStore, InsertResult, RecordedBatch } from '../event-store';
import { writeEvents } from '../export';
import { importJsonlFiles } from '../import';
import { listAgentRows } from '../metrics/agents';
import { iterateEvents, listEvents } from '../metrics/drilldown';
import { getMetrics } from '../metrics/get-metrics';
import { WriteQueue, type WriteQueueOptions } from '../write-queue';
import { EventWriter } from './event-writer';
import { createNodeSqliteDialect } from './node-sqlite-dialect';
import { openEventDatabase } from './open-database';
import type { EventDatabase } from './schema';

const DAY_MS = 86_400_000;
const DELETE_CHUNK = 10_000;

export interface SqliteEventStoreOptions extends WriteQueueOptions {
  /** Clock for naming a corrupt file moved aside. */
  now?: () => Date;
}

/**
 * The local event store: one SQLite file in the user-data folder, opened with node:sqlite (see
 * node-sqlite-dialect.ts for why). Writes go through a batching queue and one writer; reads go through
 * the Kysely metric queries shared with the future team store.
 */
export class SqliteEventStore implements EventStore {
  readonly notices: readonly StoreNotice[];
  private readonly writer: EventWriter;
  private readonly queue: WriteQueue;
  private readonly kysely: Kysely<EventDatabase>;
  private readonly listeners = new Set<(batch: RecordedBatch) => void>();
  private closed = false;

  private constructor(
    private readonly db: DatabaseSync,
    notices: StoreNotice[],
    options: SqliteEventStoreOptions,
  ) {
    this.notices = notices;
    this.writer = new EventWriter(db);
    this.kysely = new Kysely<EventDatabase>({ dialect: createNodeSqliteDialect(db) });
    this.queue = new WriteQueue((events) => this.commit(events), options);
  }

  /** Opens or creates the store at `path` (`:memory:` for throwaway stores). */
  static open(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const { db, notices } = openEventDatabase(path, options.now);
    return new SqliteEventStore(db, notices, options);
  }

  /** The Kysely instance over this store, for queries beyond the dashboard's (tests, tools). */
  get queryBuilder(): Kysely<EventDatabase> {
    return this.kysely;
  }

  private ensureOpen(): void {
    if (this.closed) throw new AppError('unavailable', 'The assist record is closed.');
  }

  private commit(events: readonly TandemEvent[]): string[] {
    let ids: string[];
    try {
      ids = this.writer.write(events);
    } catch (error) {
      throw new AppError('io_error', `Could not save the assist record: ${(error as Error).message}`);
    }
    if (ids.length > 0) {
      const batch = { count: ids.length, latestIds: ids.slice(-100) };
      for (const listener of [...this.listeners]) listener(batch);
    }
    return ids;
  }

  /** Validates, queues and resolves once the event's batch has committed. */
  record(event: TandemEvent): Promise<void> {
    this.ensureOpen();
    const parsed = TandemEventSchema.safeParse(event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.reject(
        new AppError(
          'invalid_payload',
          `Event not recorded: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
        ),
      );
    }
    return this.queue.enqueue(parsed.data);
  }

  async insertBatch(events: readonly TandemEvent[]): Promise<InsertResult> {
    this.ensureOpen();
    this.queue.flush();
    const inserted = this.commit(events).length;
    return { inserted, duplicates: events.length - inserted };
  }

  getMetrics(filter: EventFilter) {
    return getMetrics(this.kysely, filter);
  }

  listAgentRows(filter: EventFilter, sort?: AgentSort, page?: PageRequest) {
    return listAgentRows(this.kysely, filter, sort, page);
  }

  listEvents(filter: EventFilter, query?: EventListQuery) {
    return listEvents(this.kysely, filter, query);
  }

  iterateEvents(filter: EventFilter, options: { includeReplay?: boolean } = {}): AsyncIterable<TandemEvent> {
    return iterateEvents(this.kysely, filter, options);
  }

  exportTo(
    out: NodeJS.WritableStream,
    filter: EventFilter,
    format: ExportFormat,
    options: { includeReplay?: boolean } = {},
  ): Promise<number> {
    this.queue.flush();
    return writeEvents(out, this.iterateEvents(filter, options), format);
  }

  importJsonl(paths: readonly string[]) {
    this.ensureOpen();
    return importJsonlFiles(paths, (events) => this.insertBatch(events));
  }

  /**
   * Deletes events older than `days` (the only deletion the store ever makes). The cut-off is rounded
   * down to a whole UTC day so every rollup (hourly and daily) loses exactly the rows whose events went.
   */
  async applyRetention(days: number, now: Date = new Date()): Promise<number> {
    this.ensureOpen();
    this.queue.flush();
    const cutoffDay = Math.floor((now.getTime() - days * DAY_MS) / DAY_MS);
    const cutoffMs = cutoffDay * DAY_MS;
    const cutoffHour = cutoffDay * 24;
    let deleted = 0;
    for (;;) {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const { changes } = this.db
          .prepare('DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE at_ms < ? LIMIT ?)')
          .run(cutoffMs, DELETE_CHUNK);
        deleted += Number(changes);
        if (Number(changes) < DELETE_CHUNK) {
          this.db.prepare('DELETE FROM event_labels WHERE at_ms < ?').run(cutoffMs);
          this.db.prepare('DELETE FROM accepted WHERE at_ms < ?').run(cutoffMs);
          this.db.prepare('DELETE FROM rollup_hourly WHERE hour < ?').run(cutoffHour);
          this.db.prepare('DELETE FROM rollup_team_hourly WHERE hour < ?').run(cutoffHour);
          this.db.prepare('DELETE FROM rollup_dim_daily WHERE day < ?').run(cutoffDay);
          this.db.prepare('DELETE FROM hist_daily WHERE day < ?').run(cutoffDay);
          this.db.prepare('DELETE FROM rollup_labels_daily WHERE day < ?').run(cutoffDay);
          this.db.prepare('DELETE FROM rollup_intent_hourly WHERE hour < ?').run(cutoffHour);
          this.db.prepare('DELETE FROM rollup_intent_daily WHERE day < ?').run(cutoffDay);
          this.db.prepare('DELETE FROM hist_intent_daily WHERE day < ?').run(cutoffDay);
          this.db.prepare('DELETE FROM threads WHERE last_at_ms < ?').run(cutoffMs);
        }
        this.db.exec('COMMIT');
        if (Number(changes) < DELETE_CHUNK) break;
      } catch (error) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    }
    return deleted;
  }

  async countEvents(): Promise<number> {
    const row = await this.kysely
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  onDidRecord(listener: (batch: RecordedBatch) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.queue.flush();
    this.closed = true;
    this.listeners.clear();
    this.db.close();
  }
}

import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import {
  AgentSortSchema,
  EventListQuerySchema,
  PageSchema,
  type AgentPage,
  type AgentRow,
  type AgentSort,
  type EventFilter,
  type EventListQuery,
  type EventPage,
  type ExportFormat,
  type ImportResult,
  type PageRequest,
  type StoreNotice,
} from '../../shared/contract/supervisor';
import { TandemEventSchema, type TandemEvent } from '../../shared/domain/events';
import type { Unsubscribe } from '../../shared/ipc/define';
import { AppError } from '../../shared/ipc/result';
import type { EventStore, InsertResult, RecordedBatch } from '../events/event-store';
import { writeEvents } from '../events/export';
import { resolveFilter, type ResolvedFilter } from '../events/metrics/filter';
import { outcomeStats } from '../events/metrics/stats';
import { teamClientConfig, type TeamConnectionOptions } from './connection';
import { counters, getTeamMetrics, type CounterSource, type TeamDatabase } from './pg-metrics';

const READ_ONLY =
  'The team store is read-only from the dashboard: agents ship their own events, and import, retention and generation happen on the server.';

const CURSOR_RE = /^(\d{1,15}):([0-9A-Z]{26})$/;

const parse = (payload: unknown): TandemEvent | null => {
  const parsed = TandemEventSchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
};

/**
 * The supervisor's dashboard over the team store: the read side of {@link EventStore} from the
 * PostgreSQL events table, connected as a `tandem_supervisor` login. Metrics have the local store's
 * shape and definitions (see pg-metrics.ts for how they are computed). Live updates poll a cursor on
 * the server's receive time, which catches events shipped late from an offline desktop too.
 */
export class PgEventStore implements EventStore {
  readonly notices: readonly StoreNotice[] = [];
  private readonly pool: pg.Pool;
  private readonly db: Kysely<TeamDatabase>;
  private readonly listeners = new Set<(batch: RecordedBatch) => void>();
  private poll: NodeJS.Timeout | null = null;
  /** Server time as text: a JS Date would drop the microseconds and re-report rows. */
  private cursor: string | null = null;

  constructor(
    connection: TeamConnectionOptions,
    private readonly pollMs = 5000,
  ) {
    const config = teamClientConfig(connection);
    // pg-pool applies connectionTimeoutMillis to waiting for a free pooled client too: the dashboard
    // sends a dozen queries at once over 4 connections, so a queued one may wait as long as a query
    // may run (statement_timeout), not just as long as a TCP connect.
    this.pool = new pg.Pool({
      ...config,
      max: 4,
      // A server process that has answered the dashboard once answers it again several times faster (its
      // view of the shared buffers is mapped, its caches are warm): keep the few connections between
      // refreshes rather than the pool's default 10 s.
      idleTimeoutMillis: 5 * 60_000,
      connectionTimeoutMillis: Math.max(
        config.connectionTimeoutMillis ?? 0,
        Number(config.statement_timeout ?? 0),
      ),
    });
    this.pool.on('error', () => {});
    // The dashboard already sends its dozen queries at once over these connections; letting each also
    // start parallel workers (fresh server processes that first map the shared buffers they read)
    // made the same view 2–3× slower on a 2-core server. One process per query.
    this.pool.on('connect', (client) => {
      client.query('SET max_parallel_workers_per_gather = 0').catch(() => {});
    });
    this.db = new Kysely<TeamDatabase>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  /** The Kysely instance over the team store, for tools and tests. */
  get queryBuilder(): Kysely<TeamDatabase> {
    return this.db;
  }

  record(): Promise<void> {
    return Promise.reject(new AppError('invalid_state', READ_ONLY));
  }
  insertBatch(): Promise<InsertResult> {
    return Promise.reject(new AppError('invalid_state', READ_ONLY));
  }
  importJsonl(): Promise<ImportResult> {
    return Promise.reject(new AppError('invalid_state', READ_ONLY));
  }
  applyRetention(): Promise<number> {
    return Promise.reject(new AppError('invalid_state', READ_ONLY));
  }

  private source: Promise<CounterSource> | null = null;

  /** The rollups the database has (schema 4: daily too, 3: all hourly, 2: counters, 1: none); looked up once per store. */
  private counterSource(): Promise<CounterSource> {
    this.source ??= sql<{ days: string | null; all: string | null; counters: string | null }>`SELECT
        to_regclass('tandem_rollup_daily')::text AS days, to_regclass('tandem_rollup_accept')::text AS all,
        to_regclass('tandem_rollup_hourly')::text AS counters`
      .execute(this.db)
      .then((r): CounterSource =>
        r.rows[0]?.days ? 'days' : r.rows[0]?.all ? 'rollup' : r.rows[0]?.counters ? 'counters' : 'events',
      )
      .catch((error: unknown) => {
        this.source = null; // offline: look again next time
        throw error;
      });
    return this.source;
  }

  async getMetrics(filter: EventFilter) {
    return getTeamMetrics(this.db, filter, await this.counterSource());
  }

  async listAgentRows(
    filter: EventFilter,
    sortInput: AgentSort = {},
    pageInput: PageRequest = {},
  ): Promise<AgentPage> {
    const f = resolveFilter(filter);
    const sort = AgentSortSchema.parse(sortInput);
    const page = PageSchema.parse(pageInput);
    const rows: AgentRow[] = (await counters(this.db, f, 'agent', await this.counterSource())).map((r) => ({
      agentId: r.key,
      team: r.team,
      ...outcomeStats(r),
      messages: r.messages,
      overrides: r.overrides,
      escalations: r.escalations,
    }));
    const dir = sort.dir === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const x = a[sort.by];
      const y = b[sort.by];
      if (x === null || y === null) return x === y ? a.agentId.localeCompare(b.agentId) : x === null ? 1 : -1;
      const c = typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number);
      return c !== 0 ? c * dir : a.agentId.localeCompare(b.agentId);
    });
    return { rows: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
  }

  private filtered(f: ResolvedFilter, includeReplay: boolean) {
    return this.db
      .selectFrom('tandem_events')
      .$if(!includeReplay, (q) => q.where('source', '<>', 'replay'))
      .$if(f.fromMs !== null, (q) => q.where('at', '>=', new Date(f.fromMs!)))
      .$if(f.toMs !== null, (q) => q.where('at', '<', new Date(f.toMs!)))
      .$if(f.agentIds !== null, (q) => q.where('agent_id', 'in', f.agentIds!))
      .$if(f.teams !== null, (q) => q.where('team', 'in', f.teams!))
      .$if(f.intents !== null, (q) => q.where('intent', 'in', f.intents!));
  }

  /** Newest first, keyset-paged on (time, id) like the local drill-down, so the cursor format is the same. */
  async listEvents(filter: EventFilter, queryInput: EventListQuery = {}): Promise<EventPage> {
    const f = resolveFilter(filter);
    const query = EventListQuerySchema.parse(queryInput);
    let cursor: { at: Date; id: string } | null = null;
    if (query.cursor !== undefined) {
      const m = CURSOR_RE.exec(query.cursor);
      if (!m) throw new AppError('invalid_payload', 'That page cursor is not valid; reload the list.');
      cursor = { at: new Date(Number(m[1])), id: m[2]! };
    }
    const rows = await this.filtered(f, query.includeReplay)
      .$if(query.types !== undefined && query.types.length > 0, (q) => q.where('type', 'in', query.types!))
      .$if(cursor !== null, (q) =>
        q.where((eb) =>
          eb.or([eb('at', '<', cursor!.at), eb.and([eb('at', '=', cursor!.at), eb('id', '<', cursor!.id)])]),
        ),
      )
      .select(['id', 'at', 'payload'])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const pageRows = rows.slice(0, query.limit);
    const last = pageRows.at(-1);
    return {
      events: pageRows.map((r) => parse(r.payload)).filter((e): e is TandemEvent => e !== null),
      nextCursor: rows.length > query.limit && last ? `${last.at.getTime()}:${last.id}` : null,
    };
  }

  /** Oldest first in keyset pages of (time, id): exports of millions keep memory flat. */
  async *iterateEvents(
    filter: EventFilter,
    options: { includeReplay?: boolean } = {},
  ): AsyncIterable<TandemEvent> {
    const f = resolveFilter(filter);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows: Array<{ id: string; at: Date; payload: unknown }> = await this.filtered(
        f,
        options.includeReplay ?? true,
      )
        .$if(after !== null, (q) =>
          q.where((eb) =>
            eb.or([eb('at', '>', after!.at), eb.and([eb('at', '=', after!.at), eb('id', '>', after!.id)])]),
          ),
        )
        .select(['id', 'at', 'payload'])
        .orderBy('at')
        .orderBy('id')
        .limit(5000)
        .execute();
      for (const r of rows) {
        const e = parse(r.payload);
        if (e) yield e;
      }
      if (rows.length < 5000) return;
      after = { at: rows.at(-1)!.at, id: rows.at(-1)!.id };
    }
  }

  exportTo(
    out: NodeJS.WritableStream,
    filter: EventFilter,
    format: ExportFormat,
    options: { includeReplay?: boolean } = {},
  ): Promise<number> {
    return writeEvents(out, this.iterateEvents(filter, options), format);
  }

  async countEvents(): Promise<number> {
    const r = await this.db
      .selectFrom('tandem_events')
      .select(sql<number>`count(*)::bigint`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Polls for events received since the last look; starts with the first listener, stops with the last. */
  onDidRecord(listener: (batch: RecordedBatch) => void): Unsubscribe {
    this.listeners.add(listener);
    if (!this.poll) this.poll = setInterval(() => void this.check(), this.pollMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.poll) {
        clearInterval(this.poll);
        this.poll = null;
      }
    };
  }

  /**
   * One poll: reports events the server stored since the last look (exposed for tests). When the team
   * store stops answering, and again when it answers after that, an empty batch tells the dashboard to
   * fetch at once, so it shows the outage and then the figures it missed without waiting for an event.
   */
  async check(): Promise<void> {
    let batch: RecordedBatch | null;
    try {
      batch =
        (await this.counterSource()) === 'days' ? await this.readReceipts() : await this.readReceivedAt();
      if (this.pollFailing) batch ??= { count: 0, latestIds: [] };
      this.pollFailing = false;
    } catch {
      batch = this.pollFailing ? null : { count: 0, latestIds: [] };
      this.pollFailing = true;
    }
    if (batch) for (const l of [...this.listeners]) l(batch);
  }

  private pollFailing = false;
  /** Oldest transaction still running at the last look (schema 4): receipts from it on may be new. */
  private horizon: string | null = null;
  /** Receipts already reported that a later look can still return (their transaction ≥ the horizon). */
  private readonly seenReceipts = new Map<string, bigint>();

  /**
   * Schema 4: reads the receipts the insert trigger leaves (one per shipped batch) rather than the
   * events. Receipts are numbered when written but may commit out of order, so a look returns every
   * receipt from a transaction the previous look could not see yet, minus those already reported.
   */
  private async readReceipts(): Promise<RecordedBatch | null> {
    const { rows } = await sql<{
      horizon: string;
      seq: string | null;
      xid: string | null;
      n: number | null;
      latest_ids: string[] | null;
    }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon, r.seq::text AS seq, r.xid::text AS xid,
        r.n, r.latest_ids
      FROM (SELECT 1) AS one
      LEFT JOIN tandem_receipts r ON ${this.horizon !== null} AND r.xid >= ${this.horizon ?? '0'}::xid8
      ORDER BY r.seq`.execute(this.db);
    const horizon = rows[0]!.horizon;
    const first = this.horizon === null;
    this.horizon = horizon;
    if (first) return null;
    let count = 0;
    const ids: string[] = [];
    for (const r of rows) {
      if (r.seq === null || this.seenReceipts.has(r.seq)) continue;
      this.seenReceipts.set(r.seq, BigInt(r.xid!));
      count += Number(r.n);
      ids.push(...[...(r.latest_ids ?? [])].reverse());
    }
    for (const [seq, xid] of this.seenReceipts) if (xid < BigInt(horizon)) this.seenReceipts.delete(seq);
    return count > 0 ? { count, latestIds: ids.slice(-100) } : null;
  }

  /** Schemas 1–3: events received after a cursor on the server's receive time. */
  private async readReceivedAt(): Promise<RecordedBatch | null> {
    if (this.cursor === null) {
      // Start from the server's clock, not this machine's: the two may disagree.
      const start = await sql<{
        t: string;
      }>`SELECT coalesce(max(received_at), now())::text AS t FROM tandem_events`.execute(this.db);
      this.cursor = start.rows[0]!.t;
      return null;
    }
    const after = sql<boolean>`received_at > ${this.cursor}::timestamptz`;
    const rows = await this.db
      .selectFrom('tandem_events')
      .where(after)
      .select(['id', sql<string>`received_at::text`.as('t')])
      .orderBy('received_at', 'desc')
      .limit(100)
      .execute();
    const total = await this.db
      .selectFrom('tandem_events')
      .where(after)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    if (Number(total.n) === 0) return null;
    this.cursor = rows[0]!.t;
    return { count: Number(total.n), latestIds: rows.map((r) => r.id).reverse() };
  }

  async close(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    this.listeners.clear();
    await this.db.destroy();
  }
}

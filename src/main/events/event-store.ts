import type {
  AgentPage,
  AgentSort,
  EventFilter,
  EventListQuery,
  EventPage,
  ExportFormat,
  ImportResult,
  Metrics,
  PageRequest,
  StoreNotice,
} from '../../shared/contract/supervisor';
import type { TandemEvent } from '../../shared/domain/events';
import type { Unsubscribe } from '../../shared/ipc/define';
import type { EventSink } from './event-sink';

/** What listeners learn after each commit: enough for the dashboard to refetch, no content. */
export interface RecordedBatch {
  count: number;
  latestIds: string[];
}

/** How a batch insert went: events whose id was already stored are counted, not stored again. */
export interface InsertResult {
  inserted: number;
  duplicates: number;
}

/**
 * The event store as the rest of the app sees it. The local SQLite store implements it today; a
 * server-backed team store can replace it without the dashboard, the CLI or the assist panel changing.
 */
export interface EventStore extends EventSink {
  /** Problems met while opening (e.g. a corrupt file moved aside), for the UI to show once. */
  readonly notices: readonly StoreNotice[];
  /** Inserts already-validated events in one transaction; for imports, generators and benchmarks. */
  insertBatch(events: readonly TandemEvent[]): Promise<InsertResult>;
  getMetrics(filter: EventFilter): Promise<Metrics>;
  listAgentRows(filter: EventFilter, sort?: AgentSort, page?: PageRequest): Promise<AgentPage>;
  listEvents(filter: EventFilter, query?: EventListQuery): Promise<EventPage>;
  /** Streams matching events (oldest first) in pages so exports of millions keep memory flat. */
  iterateEvents(filter: EventFilter, options?: { includeReplay?: boolean }): AsyncIterable<TandemEvent>;
  exportTo(
    out: NodeJS.WritableStream,
    filter: EventFilter,
    format: ExportFormat,
    options?: { includeReplay?: boolean },
  ): Promise<number>;
  importJsonl(paths: readonly string[]): Promise<ImportResult>;
  /** Deletes events older than `days`; returns how many went. */
  applyRetention(days: number, now?: Date): Promise<number>;
  countEvents(): Promise<number>;
  onDidRecord(listener: (batch: RecordedBatch) => void): Unsubscribe;
  /** Flushes pending writes, then closes. */
  close(): Promise<void>;
}

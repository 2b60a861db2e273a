import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import type { z } from 'zod';
import type {
  supervisorCalls,
  EventFilter,
  ExportFormat,
  StoreNotice,
} from '../../shared/contract/supervisor';
import type { Unsubscribe } from '../../shared/ipc/define';
import { AppError } from '../../shared/ipc/result';
import type { CallContext } from '../ipc/router';
import type { EventStore, RecordedBatch } from './event-store';

type Calls = typeof supervisorCalls;
/**
 * Same shape as the router's `CallHandler<K>`; declared from this feature's own contract so it type-checks
 * before the calls are spread into the app contract (then `FeatureHandlers<typeof supervisorCalls>` applies).
 */
export type SupervisorHandlers = {
  [K in keyof Calls]: (
    input: z.output<Calls[K]['input']>,
    context: CallContext,
  ) => Promise<z.output<Calls[K]['output']>> | z.output<Calls[K]['output']>;
};

/** Largest export returned as text over IPC; bigger views go to a file. */
export const MAX_EXPORT_TEXT = 20 * 1024 * 1024;

export interface SupervisorHandlerOptions {
  /** The shell's save dialog: resolves to the chosen path, or null when the supervisor cancels. */
  chooseExportPath?: (format: ExportFormat) => Promise<string | null>;
  /** The shell's open dialog (several files): resolves to [] when the supervisor cancels. */
  chooseImportFiles?: () => Promise<string[]>;
}

/** Collects text up to a cap, failing the export (not the app) when a view is too big for IPC. */
class CappedText extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done(
      this.text.length > MAX_EXPORT_TEXT
        ? new AppError(
            'invalid_state',
            'This view is too large to download directly: export it to a file instead.',
          )
        : null,
    );
  }
}

/**
 * Where the dashboard reads from right now. The local store, or the team store when this desktop is
 * a supervisor's and one is configured. `store` is null when the configured team store cannot be
 * used at all (bad settings); the dashboard then shows `problem`, never this computer's records.
 */
export interface DashboardSource {
  kind: 'local' | 'team';
  store: EventStore | null;
  /** "this computer" or "team store (host/db)"; never contains the password. */
  label: string;
  problem: string | null;
  /** Plain words for a failure of this store (unreachable, refused login). */
  explainError?: (error: unknown) => string;
  /** Told after each read of a team store: null when it answered, the failure otherwise. */
  reportRead?: (error: unknown) => void;
}

/** The current source and when it changes (role or team store settings edited). */
export interface DashboardSources {
  current(): DashboardSource;
  onDidChange(listener: () => void): Unsubscribe;
}

const isStore = (v: EventStore | DashboardSources): v is EventStore => 'getMetrics' in v;

/** A fixed local store, for callers (tests, tools) that have no team store. */
export function localDashboardSource(store: EventStore): DashboardSources {
  const source: DashboardSource = { kind: 'local', store, label: 'this computer', problem: null };
  return { current: () => source, onDidChange: () => () => {} };
}

/**
 * The supervisor dashboard's IPC handlers over the current {@link DashboardSource}: the local SQLite
 * store, or the PostgreSQL team store through the same {@link EventStore} interface (one query layer,
 * the store is chosen, not the queries). A team store that fails gives a clear error naming it; the
 * local store is never substituted silently. Exports contain live events only, never trainer replays.
 */
export function createSupervisorHandlers(
  storeOrSources: EventStore | DashboardSources,
  options: SupervisorHandlerOptions = {},
): SupervisorHandlers {
  const sources = isStore(storeOrSources) ? localDashboardSource(storeOrSources) : storeOrSources;
  const run = async <T>(fn: (store: EventStore) => Promise<T>): Promise<T> => {
    const source = sources.current();
    if (!source.store) {
      throw new AppError(
        'unavailable',
        `The dashboard reads the ${source.label}, which cannot be used: ${source.problem ?? 'unknown problem'} Fix it in Settings → Team store.`,
      );
    }
    if (source.kind === 'local') return fn(source.store);
    try {
      const result = await fn(source.store);
      source.reportRead?.(null);
      return result;
    } catch (error) {
      if (error instanceof AppError) throw error;
      source.reportRead?.(error);
      const why = source.explainError?.(error) ?? (error as Error)?.message ?? String(error);
      throw new AppError(
        'unavailable',
        `The ${source.label} could not be read: ${why} The dashboard shows the team store only; it does not fall back to this computer's records.`,
      );
    }
  };
  const exportToFile = async (
    store: EventStore,
    filter: EventFilter,
    format: ExportFormat,
  ): Promise<{ path: string | null; text: null; count: number }> => {
    if (!options.chooseExportPath)
      throw new AppError('unavailable', 'Saving to a file is not available here.');
    const path = await options.chooseExportPath(format);
    if (!path) return { path: null, text: null, count: 0 };
    const out = createWriteStream(path);
    try {
      await once(out, 'open');
      const count = await store.exportTo(out, filter, format, { includeReplay: false });
      out.end();
      await once(out, 'finish');
      return { path, text: null, count };
    } catch (error) {
      // A failed file is a write error; anything else came from the store and `run` words it.
      const fileFailed = out.errored !== null;
      out.destroy();
      if (error instanceof AppError || (!fileFailed && sources.current().kind === 'team')) throw error;
      throw new AppError('io_error', `Could not write the export: ${(error as Error).message}`);
    }
  };
  return {
    getMetrics: (filter) => run((store) => store.getMetrics(filter)),
    listAgentRows: ({ filter, sort, page }) => run((store) => store.listAgentRows(filter, sort, page)),
    listEvents: ({ filter, query }) => run((store) => store.listEvents(filter, query)),
    exportEvents: ({ filter, format, destination }) =>
      run(async (store) => {
        if (destination === 'file') return exportToFile(store, filter, format);
        const sink = new CappedText();
        const count = await store.exportTo(sink, filter, format, { includeReplay: false });
        return { path: null, text: sink.text, count };
      }),
    importEvents: ({ paths }) => run((store) => store.importJsonl(paths)),
    importEventsFromDialog: async () => {
      if (!options.chooseImportFiles)
        throw new AppError('unavailable', 'Choosing files is not available here: enter their paths instead.');
      const paths = await options.chooseImportFiles();
      if (paths.length === 0) return null;
      return run((store) => store.importJsonl(paths));
    },
    getEventStoreNotices: () => {
      const source = sources.current();
      const notices: StoreNotice[] = [...(source.store?.notices ?? [])];
      if (source.kind === 'team') {
        notices.push({
          level: 'info',
          message: `Source: ${source.label}. The figures cover every agent who ships to it; import happens on each agent's desktop, not here.`,
        });
      }
      return notices;
    },
  };
}

/**
 * Forwards the store's commits as `onDidRecordEvents` (ids and count only) so an open dashboard
 * refetches without reloading. Returns the unsubscribe function.
 */
export function forwardRecordedEvents(store: EventStore, emit: (payload: RecordedBatch) => void): () => void {
  return store.onDidRecord((batch) => emit({ count: batch.count, latestIds: batch.latestIds.slice(-100) }));
}

/**
 * Like {@link forwardRecordedEvents} for whichever store the dashboard reads: follows the source when
 * it changes (a team store polls its cursor, the local store reports commits), and announces the
 * switch itself as an empty batch so an open dashboard refetches from the new source at once.
 */
export function forwardDashboardEvents(
  sources: DashboardSources,
  emit: (payload: RecordedBatch) => void,
): () => void {
  let offStore = subscribe();
  function subscribe(): Unsubscribe {
    const store = sources.current().store;
    return store ? forwardRecordedEvents(store, emit) : () => {};
  }
  const offSources = sources.onDidChange(() => {
    offStore();
    offStore = subscribe();
    emit({ count: 0, latestIds: [] });
  });
  return () => {
    offSources();
    offStore();
  };
}

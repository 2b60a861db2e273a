import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import type { z } from 'zod';
import type { supervisorCalls, ExportFormat } from '../../shared/contract/supervisor';
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
 * The supervisor dashboard's IPC handlers over any {@link EventStore}: the local SQLite store today,
 * a team store later. Exports contain live events only (the current view), never trainer replays.
 */
export function createSupervisorHandlers(
  store: EventStore,
  options: SupervisorHandlerOptions = {},
): SupervisorHandlers {
  return {
    getMetrics: (filter) => store.getMetrics(filter),
    listAgentRows: ({ filter, sort, page }) => store.listAgentRows(filter, sort, page),
    listEvents: ({ filter, query }) => store.listEvents(filter, query),
    exportEvents: async ({ filter, format, destination }) => {
      if (destination === 'text') {
        const sink = new CappedText();
        const count = await store.exportTo(sink, filter, format, { includeReplay: false });
        return { path: null, text: sink.text, count };
      }
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
        out.destroy();
        if (error instanceof AppError) throw error;
        throw new AppError('io_error', `Could not write the export: ${(error as Error).message}`);
      }
    },
    importEvents: ({ paths }) => store.importJsonl(paths),
    getEventStoreNotices: () => [...store.notices],
  };
}

/**
 * Forwards the store's commits as `onDidRecordEvents` (ids and count only) so an open dashboard
 * refetches without reloading. Returns the unsubscribe function.
 */
export function forwardRecordedEvents(store: EventStore, emit: (payload: RecordedBatch) => void): () => void {
  return store.onDidRecord((batch) => emit({ count: batch.count, latestIds: batch.latestIds.slice(-100) }));
}

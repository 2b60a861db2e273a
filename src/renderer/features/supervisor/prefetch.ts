import { hashKey, type QueryKey } from '@tanstack/react-query';
import type { IpcResult } from '../../../shared/ipc/result';
import type { TandemApi } from '../../../shared/ipc/api';
import type { DashboardCharts } from './components/dashboard-charts';
import { AGENT_PAGE, supervisorKeys } from './hooks/keys';
import { toEventFilter } from './model/filter';
import { useSupervisorUi } from './store/supervisor-ui-store';

/**
 * The dashboard's first screen, started before its code has arrived. This module is small and ships in
 * the main bundle; the app shell calls {@link prefetchDashboard} when it starts loading the supervisor
 * view, so the metrics, the agent table's first page and the store notices are computed in main while the
 * view's chunk downloads and compiles, instead of after (measured: the waterfall settings → chunk →
 * render → query cost the cold first paint several hundred ms). The chart chunk is left to load after the
 * KPI cards are drawn (see charts-slot.tsx): compiling it alongside delayed the cards.
 *
 * An answer is handed over once, to the first query with the same key, and dropped as soon as main
 * records new events (the dashboard would otherwise open on figures older than its live subscription)
 * or after {@link PREFETCH_MAX_AGE_MS}.
 */
export const PREFETCH_MAX_AGE_MS = 10_000;

interface Early {
  at: number;
  result: Promise<IpcResult<unknown>>;
}

const early = new Map<string, Early>();
let stopListening: (() => void) | null = null;

function forgetAll(): void {
  early.clear();
  stopListening?.();
  stopListening = null;
}

function start(key: QueryKey, call: () => Promise<IpcResult<unknown>>, now: number): void {
  const hash = hashKey(key);
  if (early.has(hash)) return;
  const result = call();
  // A failure is reported by the query that takes it; never as an unhandled rejection here.
  result.catch(() => undefined);
  early.set(hash, { at: now, result });
}

interface ChartsModule {
  DashboardCharts: typeof DashboardCharts;
}

let charts: Promise<ChartsModule> | null = null;

/** The chart library and the dashboard's charts: one chunk, requested once (kept here so tests can reset it). */
export function loadDashboardCharts(): Promise<ChartsModule> {
  charts ??= import('./components/dashboard-charts');
  return charts;
}

/** Starts the dashboard's first queries, for the filter and sort the supervisor last chose. */
export function prefetchDashboard(now: number = Date.now()): void {
  const api = (window as { tandem?: TandemApi }).tandem;
  if (!api) return;
  const { filter: ui, sort } = useSupervisorUi.getState();
  const filter = toEventFilter(ui, new Date(now));
  if (!stopListening) stopListening = api.onDidRecordEvents(forgetAll);
  performance.mark('tandem:getMetrics-sent');
  start(supervisorKeys.metrics(filter), () => api.getMetrics(filter), now);
  start(
    supervisorKeys.agents(filter, sort),
    () => api.listAgentRows({ filter, sort, page: { offset: 0, limit: AGENT_PAGE } }),
    now,
  );
  start(supervisorKeys.notices, () => api.getEventStoreNotices(), now);
}

/** The prefetched answer for `key`, once; undefined when none was started, it went stale, or it was taken. */
export function takePrefetched<T>(
  key: QueryKey,
  now: number = Date.now(),
): Promise<IpcResult<T>> | undefined {
  const hash = hashKey(key);
  const entry = early.get(hash);
  if (!entry) return undefined;
  early.delete(hash);
  if (early.size === 0) {
    stopListening?.();
    stopListening = null;
  }
  return now - entry.at <= PREFETCH_MAX_AGE_MS ? (entry.result as Promise<IpcResult<T>>) : undefined;
}

/** For tests: forget every prefetched answer. */
export function resetPrefetch(): void {
  forgetAll();
  charts = null;
}

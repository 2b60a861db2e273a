import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type {
  AgentPage,
  AgentSort,
  Metrics,
  StoreNotice,
  EventFilter,
  ExportFormat,
  ImportResult,
} from '../../../../shared/contract/supervisor';
import type { TandemEventType } from '../../../../shared/domain/events';
import { tandem, unwrap } from '../../../lib/ipc';
import { toEventFilter } from '../model/filter';
import { takePrefetched } from '../prefetch';
import { AGENT_PAGE, supervisorKeys } from './keys';
import { useSupervisorUi, type DrillDown } from '../store/supervisor-ui-store';

export { AGENT_PAGE, supervisorKeys } from './keys';
const EVENT_PAGE = 50;

/**
 * The contract filter for the current UI filter. Memoized on the UI filter and the day, so the query key
 * is stable while nothing changes and a dashboard left open over midnight moves its "today".
 */
export function useEventFilter(): EventFilter {
  const filter = useSupervisorUi((s) => s.filter);
  const day = new Date().toDateString();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `day` re-keys the range at midnight.
  return useMemo(() => toEventFilter(filter), [filter, day]);
}

/** KPIs, charts and breakdowns for a filter. Keeps the last answer on screen while a new filter loads. */
export function useMetrics(filter: EventFilter) {
  return useQuery({
    queryKey: supervisorKeys.metrics(filter),
    queryFn: async ({ queryKey }) => {
      const early = takePrefetched<Metrics>(queryKey);
      if (!early) performance.mark('tandem:getMetrics-sent');
      const result = unwrap(await (early ?? tandem().getMetrics(filter)));
      performance.mark('tandem:getMetrics-received');
      return result;
    },
    placeholderData: (previous) => previous,
  });
}

/** The per-agent table, fetched page by page as the virtual list scrolls. */
export function useAgentRows(filter: EventFilter, sort: AgentSort) {
  return useInfiniteQuery({
    queryKey: supervisorKeys.agents(filter, sort),
    initialPageParam: 0,
    queryFn: async ({ pageParam, queryKey }) =>
      unwrap(
        await ((pageParam === 0 ? takePrefetched<AgentPage>(queryKey) : undefined) ??
          tandem().listAgentRows({ filter, sort, page: { offset: pageParam, limit: AGENT_PAGE } })),
      ),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.rows.length, 0);
      return loaded < last.total && last.rows.length > 0 ? loaded : undefined;
    },
    placeholderData: (previous) => previous,
  });
}

/** The drill-down's filter: the dashboard filter narrowed by what was clicked. */
export function drillFilter(base: EventFilter, drill: DrillDown): EventFilter {
  return { ...base, ...drill.narrow };
}

/** Single events for a drill-down, newest first, by cursor so arriving events do not shift pages. */
export function useEventList(filter: EventFilter, types: readonly TandemEventType[] | undefined) {
  return useInfiniteQuery({
    queryKey: supervisorKeys.events(filter, types),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await tandem().listEvents({
          filter,
          query: {
            ...(types ? { types: [...types] } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
            limit: EVENT_PAGE,
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Problems met opening the store (a corrupt file moved aside), shown once. */
export function useStoreNotices() {
  return useQuery({
    queryKey: supervisorKeys.notices,
    queryFn: async ({ queryKey }) =>
      unwrap(await (takePrefetched<StoreNotice[]>(queryKey) ?? tandem().getEventStoreNotices())),
  });
}

/** Smallest gap between two refreshes caused by new events: a busy team must not refetch per event. */
export const LIVE_REFRESH_MS = 1000;

/**
 * Live dashboard: main announces committed events, and the supervisor queries are invalidated at most
 * once per {@link LIVE_REFRESH_MS} (first batch at once, later ones folded into one trailing refresh).
 */
export function useLiveRefresh(): void {
  const client = useQueryClient();
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = (): void => {
      timer = null;
      last = Date.now();
      void client.invalidateQueries({
        queryKey: supervisorKeys.all,
        predicate: (q) => q.queryKey[1] !== 'notices',
      });
    };
    const off = tandem().onDidRecordEvents(() => {
      if (timer) return;
      const wait = last + LIVE_REFRESH_MS - Date.now();
      if (wait <= 0) refresh();
      else timer = setTimeout(refresh, wait);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
}

/** Export of the current view: to a file chosen in the save dialog, or as text the page downloads. */
export function useExport() {
  return useMutation({
    mutationFn: async (input: { filter: EventFilter; format: ExportFormat; destination: 'file' | 'text' }) =>
      unwrap(await tandem().exportEvents(input)),
  });
}

/**
 * Import through the open dialog (main asks for the files); resolves to null when the supervisor
 * cancels, so the last result stays on screen.
 */
export function useImportFromDialog() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<ImportResult | null> => unwrap(await tandem().importEventsFromDialog()),
    onSuccess: (result) => {
      if (result) void client.invalidateQueries({ queryKey: supervisorKeys.all });
    },
  });
}

/** Import of other agents' JSONL exports; the result lists what was skipped and why. */
export function useImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (paths: string[]): Promise<ImportResult> =>
      unwrap(await tandem().importEvents({ paths })),
    onSuccess: () => client.invalidateQueries({ queryKey: supervisorKeys.all }),
  });
}

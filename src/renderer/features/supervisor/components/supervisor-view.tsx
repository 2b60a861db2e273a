import '../supervisor.css';
import '../supervisor-detail.css';
import { useDeferredValue } from 'react';
import type { EventFilter, Metrics } from '../../../../shared/contract/supervisor';
import { errorMessage } from '../../../lib/ipc';
import { Banner } from '../../../ui/banner';
import {
  useAgentRows,
  useEventFilter,
  useLiveRefresh,
  useMetrics,
  useStoreNotices,
} from '../hooks/use-supervisor-data';
import { rangeOnly } from '../model/filter';
import { useSupervisorUi } from '../store/supervisor-ui-store';
import { AgentTable } from './agent-table';
import { ChartsSlot } from './charts-slot';
import { ExportControls, ImportControls } from './data-actions';
import { DashboardEmpty } from './dashboard-empty';
import { DrillDownPanel } from './drill-down';
import { FilterBar } from './filter-bar';
import { KpiCards } from './kpi-cards';

const hasActivity = (m: Metrics | undefined): boolean =>
  !!m &&
  m.totals.messages + m.totals.shown + m.totals.escalations + m.totals.overrides + m.totals.draftsChecked > 0;

/**
 * The supervisor's dashboard: how the team uses the assist in the chosen period. One column in the
 * 420 px side panel; cards and charts spread into a grid and the drill-down opens beside them when the
 * window is wider. Everything follows the filter and refreshes as agents' decisions are recorded.
 */
export function SupervisorView() {
  useLiveRefresh();
  const filter = useEventFilter();
  const scopeFilter = rangeOnly(filter);
  const metrics = useMetrics(filter);
  // Same key as `metrics` when nothing but the period is set, so no extra query in the common case.
  const scope = useMetrics(scopeFilter);
  // Started here, beside the metrics, so the table's first page does not wait for the cards to render.
  useAgentRows(
    filter,
    useSupervisorUi((s) => s.sort),
  );
  const notices = useStoreNotices();
  const drill = useSupervisorUi((s) => s.drill);
  const openDrill = useSupervisorUi((s) => s.openDrill);
  const m = metrics.data;

  return (
    <div className="view sup" data-testid="supervisor-view">
      <div className="sup-top">
        <h1 className="sup-title">Team overview</h1>
        <span className="sup-live" title="New decisions appear as they are recorded">
          <span className="sup-live__dot" aria-hidden="true" />
          Live
        </span>
      </div>
      {notices.data?.map((n) => (
        <Banner key={n.message} level={n.level}>
          {n.message}
        </Banner>
      ))}
      <FilterBar scope={scope.data} />
      {metrics.isError ? <Banner level="error">{errorMessage(metrics.error)}</Banner> : null}
      <div className={`sup-layout${drill ? ' sup-layout--drill' : ''}`}>
        {drill ? (
          <div className="sup-layout__side">
            <DrillDownPanel base={filter} drill={drill} />
          </div>
        ) : null}
        <div className="sup-layout__main" aria-busy={metrics.isFetching}>
          {metrics.isPending ? (
            <p className="text-muted" role="status">
              Loading the team’s figures…
            </p>
          ) : metrics.isError || scope.isError ? null : !hasActivity(scope.data) && !scope.isPending ? (
            // Only a store that answered can be empty; a failed read is the banner's to explain.
            <DashboardEmpty />
          ) : m && !hasActivity(m) ? (
            <p className="sup-none" role="status">
              Nothing matches these filters in this period.
            </p>
          ) : m ? (
            <>
              <KpiCards metrics={m} />
              <ChartsSlot metrics={m} onDrill={openDrill} />
              <DeferredAgentTable filter={filter} />
            </>
          ) : null}
          <section className="sup-card sup-actions" aria-labelledby="sup-data-title">
            <h3 className="sup-card__title" id="sup-data-title">
              Data
            </h3>
            {hasActivity(m) ? <ExportControls filter={filter} /> : null}
            <ImportControls />
          </section>
        </div>
      </div>
    </div>
  );
}

/**
 * The agent table renders in the pass after the KPI cards, like the charts: on a cold start its
 * virtualized rows cost as much as the cards, and the cards are what the supervisor reads first.
 */
function DeferredAgentTable({ filter }: { filter: EventFilter }) {
  const ready = useDeferredValue(true, false);
  return ready ? <AgentTable filter={filter} /> : <section className="sup-card" aria-busy="true" />;
}

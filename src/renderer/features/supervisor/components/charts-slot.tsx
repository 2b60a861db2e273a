import { lazy, Suspense, useDeferredValue } from 'react';
import type { Metrics } from '../../../../shared/contract/supervisor';
import { loadDashboardCharts } from '../prefetch';
import type { DrillDown } from '../store/supervisor-ui-store';

const DashboardCharts = lazy(() => loadDashboardCharts().then((m) => ({ default: m.DashboardCharts })));

const CHART_TITLES = ['Acceptance over time', 'Outcomes by intent', 'Edit distance', 'Override reasons'];

/** Chart frames of the charts' size while they load, so the agent table below does not jump. */
function ChartsPending() {
  return (
    <div className="sup-charts" aria-busy="true" data-testid="charts-pending">
      {CHART_TITLES.map((title) => (
        <section key={title} className="sup-card sup-card--pending" aria-label={title}>
          <h3 className="sup-card__title">{title}</h3>
          <p className="sup-card__summary text-muted" role="status">
            Drawing the chart…
          </p>
        </section>
      ))}
    </div>
  );
}

/**
 * Where the charts go. Drawing four SVG charts costs several times what the KPI cards and the agent table
 * cost (measured in the paint bench's CPU profile: text measuring, scales, the chart library's stores),
 * so they are drawn from a deferred copy of the answer: React commits the cards first, paints them, then
 * renders the charts in an interruptible background pass. While a new filter loads, the charts keep the
 * previous answer until the new one is drawn.
 */
export function ChartsSlot({ metrics, onDrill }: { metrics: Metrics; onDrill(d: DrillDown): void }) {
  const deferred = useDeferredValue<Metrics | null>(metrics, null);
  if (!deferred) return <ChartsPending />;
  return (
    <Suspense fallback={<ChartsPending />}>
      <DashboardCharts metrics={deferred} onDrill={onDrill} />
    </Suspense>
  );
}

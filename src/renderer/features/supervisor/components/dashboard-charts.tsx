import type { Metrics } from '../../../../shared/contract/supervisor';
import type { DrillDown } from '../store/supervisor-ui-store';
import { EditHistogram, OverrideReasons } from './distribution-charts';
import { AcceptanceTrend, OutcomesByIntent } from './outcome-charts';

/**
 * The dashboard's four charts. Kept in a chunk of their own (with the chart library, most of the
 * dashboard's code) so the KPI cards and the agent table paint from the first answer without waiting for
 * the charts to download, compile and draw.
 */
export function DashboardCharts({ metrics, onDrill }: { metrics: Metrics; onDrill(d: DrillDown): void }) {
  return (
    <div className="sup-charts">
      <AcceptanceTrend metrics={metrics} onDrill={onDrill} />
      <OutcomesByIntent metrics={metrics} onDrill={onDrill} />
      <EditHistogram metrics={metrics} onDrill={onDrill} />
      <OverrideReasons metrics={metrics} onDrill={onDrill} />
    </div>
  );
}

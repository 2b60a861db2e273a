import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Metrics } from '../../../../shared/contract/supervisor';
import { count, dist, humanize } from '../model/format';
import type { DrillDown } from '../store/supervisor-ui-store';
import { ChartCard } from './chart-card';

type Bucket = Metrics['editHistogram'][number] & { label: string };

/** How much agents change what they accept: a tall left bar means suggestions go out nearly as written. */
export function EditHistogram({ metrics, onDrill }: { metrics: Metrics; onDrill(d: DrillDown): void }) {
  const buckets: Bucket[] = metrics.editHistogram.map((b) => ({
    ...b,
    label: `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
  }));
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const first = buckets[0]?.count ?? 0;
  const summary = total
    ? `${count(total)} accepted suggestions; ${Math.round((first / total) * 100)}% changed by less than 0.1. Median ${dist(
        metrics.editDistance.median,
      )}, p90 ${dist(metrics.editDistance.p90)}.`
    : 'No accepted suggestions in this period.';
  const drill = (): void =>
    onDrill({ title: 'Accepted suggestions', narrow: {}, types: ['suggestion_accepted'] });
  return (
    <ChartCard
      title="Edit distance"
      summary={summary}
      testId="chart-edits"
      rows={total ? buckets : []}
      rowKey={(b) => b.label}
      columns={[
        { label: 'Distance', cell: (b) => b.label },
        { label: 'Accepted', cell: (b) => count(b.count) },
      ]}
      onOpenRow={drill}
      openLabel={(b) => `Accepted suggestions, distance ${b.label}`}
    >
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={buckets} accessibilityLayer={false} margin={{ top: 8, right: 12, left: -12 }}>
          <CartesianGrid className="sup-grid-lines" vertical={false} />
          <XAxis dataKey="label" tickFormatter={(l: string) => l.split('–')[0]!} interval={1} />
          <YAxis allowDecimals={false} width={56} interval={0} />
          <Tooltip />
          <Bar
            className="sup-series sup-series--edited"
            dataKey="count"
            name="Accepted"
            isAnimationActive={false}
            cursor="pointer"
            onClick={drill}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Why agents send past a blocking policy check, most frequent first: what to coach or what rule to fix. */
export function OverrideReasons({ metrics, onDrill }: { metrics: Metrics; onDrill(d: DrillDown): void }) {
  const rows = metrics.policy.overrideReasons.slice(0, 10);
  const summary = rows.length
    ? `${count(metrics.policy.overrides)} overrides. Most common reason: “${rows[0]!.key}” (${count(rows[0]!.count)}).`
    : 'No policy overrides in this period.';
  const drill = (): void => onDrill({ title: 'Policy overrides', narrow: {}, types: ['policy_override'] });
  return (
    <ChartCard
      title="Override reasons"
      summary={summary}
      testId="chart-overrides"
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { label: 'Reason', cell: (r) => r.key },
        { label: 'Overrides', cell: (r) => count(r.count) },
      ]}
      onOpenRow={drill}
      openLabel={(r) => `Overrides: ${r.key}`}
    >
      <ResponsiveContainer width="100%" height={Math.max(120, rows.length * 28 + 40)}>
        <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 12 }}>
          <CartesianGrid className="sup-grid-lines" horizontal={false} />
          <XAxis type="number" allowDecimals={false} interval={0} />
          <YAxis
            type="category"
            dataKey="key"
            width={140}
            interval={0}
            tickFormatter={(k: string) => truncate(humanize(k))}
          />
          <Tooltip />
          <Bar
            className="sup-series sup-series--rejected"
            dataKey="count"
            name="Overrides"
            isAnimationActive={false}
            cursor="pointer"
            onClick={drill}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

const truncate = (s: string): string => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

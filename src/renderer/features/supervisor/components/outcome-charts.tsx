/*
 * Charts use recharts: a well-kept React charting library that draws plain SVG (crisp at any zoom,
 * styled by our CSS variables in both themes) and composes as React components, so the charts follow
 * the query cache like the rest of the view. Each chart sits in a ChartCard with a text alternative.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BreakdownRow, Metrics } from '../../../../shared/contract/supervisor';
import { count, humanize, pct } from '../model/format';
import type { DrillDown } from '../store/supervisor-ui-store';
import { ChartCard } from './chart-card';

const percentTick = (v: number): string => `${Math.round(v * 100)}%`;

/**
 * Every how many days a date label is drawn: at most 7 labels ("11-24") fit the 420 px panel. A number
 * rather than recharts' overlap search, which measures every label in the DOM (measured: the largest
 * single cost of drawing the charts on first paint).
 */
export const dayInterval = (days: number): number => Math.max(0, Math.ceil(days / 7) - 1);
const tooltipPct = (v: unknown): string => (typeof v === 'number' ? pct(v) : String(v));

/** Acceptance day by day, with the as-is share under it: is the assist helping more over time? */
export function AcceptanceTrend({ metrics, onDrill }: { metrics: Metrics; onDrill(d: DrillDown): void }) {
  const days = metrics.by.day.filter((d) => d.shown > 0);
  const rates = days.map((d) => d.acceptanceRate ?? 0);
  const summary = days.length
    ? `Acceptance over ${days.length} day${days.length === 1 ? '' : 's'}: from ${pct(Math.min(...rates))} to ${pct(
        Math.max(...rates),
      )}, latest ${pct(rates[rates.length - 1])} on ${days[days.length - 1]!.key}.`
    : 'No suggestions were shown in this period.';
  const drillDay = (day: string): void =>
    onDrill({ title: `Events on ${day}`, narrow: { from: day, to: day } });
  return (
    <ChartCard
      title="Acceptance over time"
      summary={summary}
      testId="chart-trend"
      rows={days}
      rowKey={(d) => d.key}
      columns={[
        { label: 'Day', cell: (d) => d.key },
        { label: 'Shown', cell: (d) => count(d.shown) },
        { label: 'Accepted', cell: (d) => pct(d.acceptanceRate) },
        { label: 'As is', cell: (d) => pct(d.asIsRate) },
      ]}
      onOpenRow={(d) => drillDay(d.key)}
      openLabel={(d) => `Events on ${d.key}`}
    >
      <ResponsiveContainer width="100%" height={200}>
        <LineChart
          data={days}
          accessibilityLayer={false}
          margin={{ top: 8, right: 12, bottom: 0, left: -12 }}
          onClick={(state) => {
            if (typeof state.activeLabel === 'string') drillDay(state.activeLabel);
          }}
        >
          <CartesianGrid className="sup-grid-lines" vertical={false} />
          <XAxis
            dataKey="key"
            tickFormatter={(k: string) => k.slice(5)}
            interval={dayInterval(days.length)}
          />
          <YAxis domain={[0, 1]} tickFormatter={percentTick} width={48} interval={0} />
          <Tooltip formatter={tooltipPct} />
          <Line
            className="sup-series sup-series--accepted"
            type="monotone"
            dataKey="acceptanceRate"
            name="Accepted"
            dot={days.length < 3}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            className="sup-series sup-series--asis"
            type="monotone"
            dataKey="asIsRate"
            name="As is"
            dot={days.length < 3}
            strokeWidth={2}
            strokeDasharray="4 3"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <Legend
        items={[
          ['accepted', 'Accepted (incl. edited)'],
          ['asis', 'As is (dashed)'],
        ]}
      />
    </ChartCard>
  );
}

type Outcome = 'acceptedAsIs' | 'acceptedEdited' | 'rejected' | 'ignored';
const outcomes: readonly { key: Outcome; label: string; tone: string }[] = [
  { key: 'acceptedAsIs', label: 'As is', tone: 'asis' },
  { key: 'acceptedEdited', label: 'Edited', tone: 'edited' },
  { key: 'rejected', label: 'Rejected', tone: 'rejected' },
  { key: 'ignored', label: 'Ignored', tone: 'ignored' },
];

/** Which events a click on an outcome segment lists. Ignored suggestions have only their `shown` event. */
const outcomeTypes: Record<Outcome, DrillDown['types']> = {
  acceptedAsIs: ['suggestion_accepted'],
  acceptedEdited: ['suggestion_accepted'],
  rejected: ['suggestion_rejected'],
  ignored: ['suggestion_shown'],
};

/** Drill-down titles: acceptances are listed together (the list shows which were edited). */
const outcomeTitles: Record<Outcome, string> = {
  acceptedAsIs: 'accepted',
  acceptedEdited: 'accepted',
  rejected: 'rejected',
  ignored: 'shown',
};

/** Outcomes stacked per intent: where the macros fit and where agents rewrite or reject them. */
export function OutcomesByIntent({ metrics, onDrill }: { metrics: Metrics; onDrill(d: DrillDown): void }) {
  const rows = metrics.by.intent.filter((r) => r.shown > 0).slice(0, 12);
  const best = [...rows].sort((a, b) => (b.acceptanceRate ?? 0) - (a.acceptanceRate ?? 0));
  const summary = rows.length
    ? `${rows.length} intents. Highest acceptance: ${humanize(best[0]!.key)} (${pct(best[0]!.acceptanceRate)}); lowest: ${humanize(
        best[best.length - 1]!.key,
      )} (${pct(best[best.length - 1]!.acceptanceRate)}).`
    : 'No suggestions were shown in this period.';
  const drill = (row: BreakdownRow, outcome?: Outcome): void =>
    onDrill({
      title: `${humanize(row.key)}${outcome ? ` · ${outcomeTitles[outcome]}` : ''}`,
      narrow: { intents: [row.key] },
      ...(outcome ? { types: outcomeTypes[outcome] } : {}),
    });
  return (
    <ChartCard
      title="Outcomes by intent"
      summary={summary}
      testId="chart-outcomes"
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { label: 'Intent', cell: (r) => humanize(r.key) },
        { label: 'Shown', cell: (r) => count(r.shown) },
        ...outcomes.map((o) => ({ label: o.label, cell: (r: BreakdownRow) => count(r[o.key]) })),
      ]}
      onOpenRow={(r) => drill(r)}
      openLabel={(r) => `Events for ${humanize(r.key)}`}
    >
      <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 28 + 40)}>
        <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ left: 8, right: 12 }}>
          <CartesianGrid className="sup-grid-lines" horizontal={false} />
          <XAxis type="number" allowDecimals={false} interval={0} />
          <YAxis type="category" dataKey="key" width={110} tickFormatter={humanize} interval={0} />
          <Tooltip />
          {outcomes.map((o) => (
            <Bar
              key={o.key}
              className={`sup-series sup-series--${o.tone}`}
              dataKey={o.key}
              name={o.label}
              stackId="outcome"
              isAnimationActive={false}
              cursor="pointer"
              onClick={(data) => drill(data.payload as BreakdownRow, o.key)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <Legend items={outcomes.map((o) => [o.tone, o.label] as const)} />
    </ChartCard>
  );
}

/** A legend in HTML so it takes the theme's text colours and wraps in the narrow panel. */
export function Legend({ items }: { items: readonly (readonly [string, string])[] }) {
  return (
    <ul className="sup-legend" aria-hidden="true">
      {items.map(([tone, label]) => (
        <li key={tone}>
          <span className={`sup-legend__swatch sup-swatch--${tone}`} />
          {label}
        </li>
      ))}
    </ul>
  );
}

import { useLayoutEffect } from 'react';
import type { Metrics } from '../../../../shared/contract/supervisor';
import { count, decimal, dist, duration, pct } from '../model/format';

interface Kpi {
  id: string;
  label: string;
  value: string;
  detail?: string;
}

/** The figures on the cards, in reading order; pure so the cards and their tests agree on the text. */
export function kpisOf(m: Metrics): Kpi[] {
  const t = m.totals;
  return [
    {
      id: 'acceptance',
      label: 'Acceptance rate',
      value: pct(t.acceptanceRate),
      detail: `${count(t.acceptedAsIs + t.acceptedEdited)} of ${count(t.shown)} shown`,
    },
    { id: 'as-is', label: 'Accepted as is', value: pct(t.asIsRate), detail: count(t.acceptedAsIs) },
    { id: 'edited', label: 'Accepted edited', value: pct(t.editedRate), detail: count(t.acceptedEdited) },
    { id: 'rejected', label: 'Rejected', value: pct(t.rejectedRate), detail: count(t.rejected) },
    { id: 'ignored', label: 'Ignored', value: pct(t.ignoredRate), detail: count(t.ignored) },
    {
      id: 'edit-distance',
      label: 'Edit distance',
      value: dist(m.editDistance.median),
      detail: `median · p90 ${dist(m.editDistance.p90)}`,
    },
    {
      id: 'time-to-accept',
      label: 'Time to accept',
      value: duration(m.msToAccept.median),
      detail: `median · p90 ${duration(m.msToAccept.p90)}`,
    },
    {
      id: 'overrides',
      label: 'Policy overrides',
      value: count(m.policy.overrides),
      detail: `${pct(m.policy.overrideRate)} of ${count(m.policy.blocks)} blocks`,
    },
    {
      id: 'escalations',
      label: 'Escalations',
      value: count(m.escalations.total),
      detail: `${count(t.messages)} messages`,
    },
    {
      id: 'per-thread',
      label: 'Suggestions per thread',
      value: decimal(m.suggestionsPerThread.mean),
      detail: `${count(m.suggestionsPerThread.threads)} threads`,
    },
  ];
}

/**
 * The headline numbers. Acceptance follows Zendesk (accepted incl. edited ÷ shown) so supervisors can
 * compare with their helpdesk's own reports; the split beside it shows how it is made up.
 */
export function KpiCards({ metrics }: { metrics: Metrics }) {
  useLayoutEffect(() => {
    performance.mark('tandem:kpis-committed');
  }, []);
  return (
    <ul className="sup-kpis" aria-label="Key figures">
      {kpisOf(metrics).map((k) => (
        <li
          key={k.id}
          className={`sup-kpi${k.id === 'acceptance' ? ' sup-kpi--lead' : ''}`}
          data-testid={`kpi-${k.id}`}
        >
          <span className="sup-kpi__label">{k.label}</span>
          <span className="sup-kpi__value" data-testid={`kpi-${k.id}-value`}>
            {k.value}
          </span>
          {k.detail ? <span className="sup-kpi__detail">{k.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}

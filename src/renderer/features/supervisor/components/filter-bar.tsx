import { useId } from 'react';
import type { Metrics } from '../../../../shared/contract/supervisor';
import { SelectField } from '../../../ui/field';
import { rangeError, type RangePreset } from '../model/filter';
import { humanize } from '../model/format';
import { useSupervisorUi } from '../store/supervisor-ui-store';

const presets: readonly { value: RangePreset; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'custom', label: 'Custom range' },
];

/** Choices for one menu: "All …" first, then the keys seen in the date range, plus the current pick. */
function optionsOf(
  rows: readonly { key: string }[] | undefined,
  current: string,
  all: string,
  label = (k: string) => k,
) {
  const keys = new Set((rows ?? []).map((r) => r.key));
  if (current) keys.add(current);
  return [{ value: '', label: all }, ...[...keys].sort().map((k) => ({ value: k, label: label(k) }))];
}

export interface FilterBarProps {
  /** Metrics of the date range alone: lists every agent, team and intent the other filters can pick. */
  scope: Metrics | undefined;
}

/**
 * The dashboard's filter. Native selects and date inputs keep keyboard and screen-reader behaviour; every
 * change re-keys the queries, so the cards, charts, table, drill-down and export all show the same slice.
 */
export function FilterBar({ scope }: FilterBarProps) {
  const filter = useSupervisorUi((s) => s.filter);
  const setFilter = useSupervisorUi((s) => s.setFilter);
  const resetFilter = useSupervisorUi((s) => s.resetFilter);
  const fromId = useId();
  const toId = useId();
  const error = rangeError(filter);
  const narrowed = filter.agentId || filter.team || filter.intent;
  return (
    <form className="sup-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        label="Period"
        value={filter.preset}
        options={presets}
        onChange={(preset) => setFilter({ preset })}
      />
      {filter.preset === 'custom' ? (
        <div className="sup-filters__range">
          <div className="field">
            <label className="field__label" htmlFor={fromId}>
              From
            </label>
            <input
              id={fromId}
              className="input"
              type="date"
              value={filter.customFrom}
              onChange={(e) => setFilter({ customFrom: e.target.value })}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={toId}>
              To (inclusive)
            </label>
            <input
              id={toId}
              className="input"
              type="date"
              value={filter.customTo}
              aria-invalid={error ? true : undefined}
              onChange={(e) => setFilter({ customTo: e.target.value })}
            />
          </div>
          {error ? (
            <p className="field__error sup-filters__error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
      <SelectField
        label="Agent"
        value={filter.agentId}
        options={optionsOf(scope?.by.agent, filter.agentId, 'All agents')}
        onChange={(agentId) => setFilter({ agentId })}
      />
      <SelectField
        label="Team"
        value={filter.team}
        options={optionsOf(scope?.by.team, filter.team, 'All teams')}
        onChange={(team) => setFilter({ team })}
      />
      <SelectField
        label="Intent"
        value={filter.intent}
        options={optionsOf(scope?.by.intent, filter.intent, 'All intents', humanize)}
        onChange={(intent) => setFilter({ intent })}
      />
      {narrowed || filter.preset !== '7d' ? (
        <div className="sup-filters__reset">
          <button type="button" className="button button--ghost" onClick={resetFilter}>
            Clear filters
          </button>
        </div>
      ) : null}
    </form>
  );
}

import { useState } from 'react';
import { Banner } from '../../../ui/banner';
import { useCaseList, useExportResults } from '../hooks/use-trainer-data';
import { downloadText } from '../model/download';
import { useTrainerUi } from '../store/trainer-ui-store';

/** Replay results from the record as CSV or JSON, for one trainee, one case, or everything. */
export function ResultsExport() {
  const ui = useTrainerUi();
  const cases = useCaseList();
  const exporter = useExportResults();
  const [trainee, setTrainee] = useState(ui.trainee);
  const [caseId, setCaseId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const run = (format: 'csv' | 'json') => {
    setDone(null);
    exporter.mutate(
      { format, ...(trainee.trim() ? { trainee: trainee.trim() } : {}), ...(caseId ? { caseId } : {}) },
      {
        onSuccess: (r) => {
          const name = `tandem-replay-${trainee.trim() || 'all'}${caseId ? `-${caseId}` : ''}.${format}`;
          downloadText(name, r.text, format === 'csv' ? 'text/csv' : 'application/json');
          setDone(`${r.rows} result row(s) saved as ${name}.`);
        },
      },
    );
  };
  return (
    <section className="results" aria-label="Export results">
      <div className="picker__filters">
        <label>
          Trainee (empty for all){' '}
          <input value={trainee} onChange={(e) => setTrainee(e.target.value)} data-testid="export-trainee" />
        </label>
        <label>
          Case{' '}
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)} data-testid="export-case">
            <option value="">All cases</option>
            {(cases.data?.cases ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => run('csv')} disabled={exporter.isPending}>
          Export CSV
        </button>
        <button type="button" className="button" onClick={() => run('json')} disabled={exporter.isPending}>
          Export JSON
        </button>
      </div>
      {exporter.isError ? <Banner level="error">Export failed: {exporter.error.message}</Banner> : null}
      {done ? (
        <p role="status" data-testid="export-status">
          {done}
        </p>
      ) : null}
    </section>
  );
}

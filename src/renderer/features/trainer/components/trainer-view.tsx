import '../../../lib/zod-setup';
import '../trainer.css';
import { Banner } from '../../../ui/banner';
import { useCase } from '../hooks/use-trainer-data';
import { TRAINEE_TABS, useTrainerUi, type TrainerTab } from '../store/trainer-ui-store';
import { BatchView } from './batch-view';
import { CasePicker } from './case-picker';
import { CaseTools } from './case-tools';
import { ReplayScreen } from './replay-screen';
import { ResultsExport } from './results-export';

const TABS: { id: TrainerTab; label: string }[] = [
  { id: 'cases', label: 'Cases' },
  { id: 'replay', label: 'Replay' },
  { id: 'batch', label: 'Disagreements' },
  { id: 'results', label: 'Results' },
  { id: 'library', label: 'Import / create' },
];

/**
 * The trainer's view and the trainee's practice mode: pick a case, replay it with the live copilot,
 * see each answer scored; trainers also check the library against the copilot, export results and
 * manage cases.
 */
export function TrainerView() {
  const ui = useTrainerUi();
  const current = useCase(ui.caseId);
  return (
    <div className="view trainer" data-testid="trainer-view">
      <h1 className="visually-hidden">Trainer</h1>
      <nav className="trainer__tabs" aria-label="Trainer sections">
        {TABS.filter((t) => !ui.traineeMode || TRAINEE_TABS.includes(t.id)).map((t) => (
          <button
            key={t.id}
            type="button"
            className={`tab${ui.tab === t.id ? ' tab--on' : ''}`}
            aria-current={ui.tab === t.id ? 'page' : undefined}
            onClick={() => ui.setTab(t.id)}
            disabled={t.id === 'replay' && !ui.caseId}
            data-testid={`trainer-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
        <label className="trainer__mode">
          <input
            type="checkbox"
            checked={ui.traineeMode}
            onChange={(e) => ui.setTraineeMode(e.target.checked)}
            data-testid="trainee-mode"
          />{' '}
          Trainee mode
        </label>
      </nav>
      {ui.tab === 'cases' ? <CasePicker /> : null}
      {/* The replay stays mounted while another tab is open, so a session survives a look at the results. */}
      {ui.caseId && current.data ? (
        <ReplayScreen key={current.data.id} c={current.data} visible={ui.tab === 'replay'} />
      ) : null}
      {ui.tab === 'replay' && current.isError ? (
        <Banner level="error">This case could not load: {current.error.message}</Banner>
      ) : null}
      {ui.tab === 'replay' && current.isPending && ui.caseId ? <p role="status">Loading the case…</p> : null}
      {ui.tab === 'batch' ? <BatchView /> : null}
      {ui.tab === 'results' ? <ResultsExport /> : null}
      {ui.tab === 'library' ? <CaseTools /> : null}
    </div>
  );
}

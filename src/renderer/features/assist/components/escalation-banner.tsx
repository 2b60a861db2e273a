import type { AssistState } from '../../../../shared/contract/assist';
import { Kbd } from '../../../ui/kbd';

export interface EscalationBannerProps {
  state: AssistState;
  busy: boolean;
  onEscalate(): void;
}

/** Why a supervisor should take over, where it goes, and the one action to hand it on. */
export function EscalationBanner({ state, busy, onEscalate }: EscalationBannerProps) {
  const { escalation } = state.analysis;
  if (!escalation.recommended) return null;
  return (
    <section
      className="escalation"
      role="alert"
      aria-label="Escalation recommended"
      data-testid="escalation-banner"
    >
      <div className="escalation__body">
        <strong>Hand this to a supervisor</strong>
        <span className="escalation__path"> → {escalation.path ?? 'Supervisor'}</span>
        <ul className="escalation__reasons">
          {escalation.reasons.map((r) => (
            <li key={r.code}>{r.message}</li>
          ))}
        </ul>
      </div>
      <button
        type="button"
        className="button button--danger"
        onClick={onEscalate}
        disabled={busy}
        aria-keyshortcuts="X"
      >
        Escalate <Kbd accelerator="X" />
      </button>
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { AssistState } from '../../../../shared/contract/assist';
import { EscalationBanner } from '../../assist/components/escalation-banner';
import { HintRow } from '../../assist/components/hint-row';
import { MessageCard } from '../../assist/components/message-card';
import { SuggestionCard } from '../../assist/components/suggestion-card';

export interface ReplayCopilotProps {
  state: AssistState;
  busy: boolean;
  /** Accept or edit: the suggestion's text becomes the trainee's draft. */
  onUseSuggestion(text: string): void;
  onEscalate(): void;
  /** Only the turn the trainee is answering takes the panel's keys (1–3 use a suggestion, X escalates). */
  keys: boolean;
}

const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The copilot on a replayed customer turn, drawn with the assist panel's own components so trainees
 * learn on exactly what they will use live. Accepting puts the text in the trainee's reply instead of
 * sending it; rejecting only hides the card (nothing is recorded for a replay).
 */
export function ReplayCopilot({ state, busy, onUseSuggestion, onEscalate, keys }: ReplayCopilotProps) {
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = state.suggestions.filter((s) => !hidden.has(s.id)).slice(0, 3);
  useEffect(() => {
    if (!keys) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      const pick = shown[Number(e.key) - 1];
      if (pick && !pick.incomplete) {
        e.preventDefault();
        onUseSuggestion(pick.text);
        document.getElementById('trainee-reply')?.focus();
      } else if (e.key.toLowerCase() === 'x' && state.analysis.escalation.recommended) {
        e.preventDefault();
        onEscalate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys, shown, onUseSuggestion, onEscalate, state.analysis.escalation.recommended]);
  return (
    <div className="assist trainer-copilot" data-testid="replay-copilot">
      <MessageCard state={state} />
      <HintRow analysis={state.analysis} />
      <EscalationBanner state={state} busy={busy} onEscalate={onEscalate} />
      <section className="suggestions" aria-label="Suggested replies">
        {shown.length === 0 ? <p className="suggestions__none">No suggestion fits this message.</p> : null}
        {shown.map((sg, i) => (
          <SuggestionCard
            key={sg.id}
            suggestion={sg}
            index={i}
            busy={busy}
            rejecting={rejecting === sg.id}
            onAccept={() => onUseSuggestion(sg.text)}
            onEdit={() => onUseSuggestion(sg.text)}
            onStartReject={() => setRejecting(sg.id)}
            onCancelReject={() => setRejecting(null)}
            onReject={() => {
              setRejecting(null);
              setHidden((h) => new Set([...h, sg.id]));
            }}
          />
        ))}
      </section>
    </div>
  );
}

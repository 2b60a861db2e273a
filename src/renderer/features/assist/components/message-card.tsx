import { useState } from 'react';
import type { AssistState } from '../../../../shared/contract/assist';

const COLLAPSED_CHARS = 420;

/** The customer's message as text, collapsed when long so the hints and suggestions stay in view. */
export function MessageCard({ state }: { state: AssistState }) {
  const [expanded, setExpanded] = useState(false);
  const long = state.text.length > COLLAPSED_CHARS;
  const shown = long && !expanded ? `${state.text.slice(0, COLLAPSED_CHARS).trimEnd()}…` : state.text;
  return (
    <section className="message-card" aria-label="Customer message">
      <p className="message-card__text" data-testid="customer-text">
        {shown}
      </p>
      {long ? (
        <button
          type="button"
          className="button button--link"
          aria-expanded={expanded}
          onClick={() => setExpanded((v) => !v)}
        >
          {expanded ? 'Show less' : 'Show more'}
        </button>
      ) : null}
      {state.analysis.truncated ? (
        <p className="message-card__notice" role="status" data-testid="truncation-notice">
          This message is very long: Tandem analysed its first part only. Read the rest in your helpdesk.
        </p>
      ) : null}
      {state.historyCount > 0 ? (
        <p className="message-card__meta">
          Continues a conversation ({state.historyCount} earlier {state.historyCount === 1 ? 'turn' : 'turns'}
          )
        </p>
      ) : null}
    </section>
  );
}

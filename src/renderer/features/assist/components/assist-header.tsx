import type { AssistState, ClipboardStatus } from '../../../../shared/contract/assist';
import { sourceName } from '../model/labels';

export interface AssistHeaderProps {
  state: AssistState | null;
  clipboard: ClipboardStatus | undefined;
  onTogglePause(): void;
  onReset(): void;
}

/** Where the message came from and who it is about, plus the clipboard switch. */
export function AssistHeader({ state, clipboard, onTogglePause, onReset }: AssistHeaderProps) {
  const paused = clipboard ? clipboard.paused || !clipboard.enabled : false;
  return (
    <header className="assist-header">
      <div className="assist-header__who">
        {state ? (
          <>
            <span className="badge" data-testid="source-badge">
              {sourceName[state.source]}
              {state.ticketId ? ` #${state.ticketId}` : ''}
            </span>
            {state.customer?.name ? <span className="assist-header__name">{state.customer.name}</span> : null}
            {state.order?.number ? (
              <span className="assist-header__order">Order #{state.order.number.replace(/^#/, '')}</span>
            ) : null}
            <span className="assist-header__lang" title="Language of the message">
              {state.analysis.language.toUpperCase()}
            </span>
          </>
        ) : (
          <span className="assist-header__idle">Waiting for a customer message</span>
        )}
      </div>
      <div className="assist-header__actions">
        <button
          type="button"
          className={`button button--small${paused ? ' button--warning' : ''}`}
          onClick={onTogglePause}
          aria-pressed={paused}
          data-testid="pause-toggle"
        >
          {paused ? 'Resume watching' : 'Pause watching'}
        </button>
        {state ? (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={onReset}
            title="The next message starts a new conversation"
          >
            New conversation
          </button>
        ) : null}
      </div>
    </header>
  );
}

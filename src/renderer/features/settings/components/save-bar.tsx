import type { SaveState } from '../hooks/use-settings-form';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function describe(state: SaveState): { text: string; tone: string } {
  switch (state.kind) {
    case 'saving':
      return { text: 'Saving…', tone: 'muted' };
    case 'invalid':
      return {
        text: state.count === 1 ? '1 field needs fixing.' : `${state.count} fields need fixing.`,
        tone: 'error',
      };
    case 'failed':
      return { text: `Not saved: ${state.message}`, tone: 'error' };
    case 'dirty':
      return {
        text: state.count === 1 ? '1 unsaved change' : `${state.count} unsaved changes`,
        tone: 'warning',
      };
    case 'saved':
      return {
        text: state.at ? `All changes saved at ${timeFormat.format(state.at)}` : 'All changes saved',
        tone: 'ok',
      };
  }
}

export interface SaveBarProps {
  state: SaveState;
  dirty: boolean;
  onSave(): void;
  onDiscard(): void;
}

/** Always-visible save state, so the agent never wonders whether a change took effect. */
export function SaveBar({ state, dirty, onSave, onDiscard }: SaveBarProps) {
  const { text, tone } = describe(state);
  return (
    <div className="save-bar">
      <p className={`save-bar__state text-${tone}`} role="status" aria-live="polite" data-testid="save-state">
        {text}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={onDiscard}
          disabled={!dirty || state.kind === 'saving'}
        >
          Discard
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={onSave}
          disabled={!dirty || state.kind === 'saving'}
          aria-keyshortcuts="Control+S"
        >
          Save changes
        </button>
      </div>
    </div>
  );
}

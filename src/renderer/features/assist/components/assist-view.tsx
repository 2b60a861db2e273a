import { AssistPanel } from './assist-panel';
import { useIsMac } from '../../../lib/use-app-info';
import { EmptyState } from '../../../ui/empty-state';
import { Kbd } from '../../../ui/kbd';
import { useSettings } from '../../settings/hooks/use-settings-data';
import { useShortcutHints } from '../hooks/use-shortcut-hints';

/** The agent's panel: the live assist for the current message; until one arrives it explains how to start. */
export function AssistView() {
  return (
    <div className="view view--assist">
      <h1 className="visually-hidden">Assist</h1>
      <AssistPanel empty={<AssistEmptyState />} />
    </div>
  );
}

/** What the panel shows before the first message: how to start, with this user's own shortcuts. */
function AssistEmptyState() {
  const shortcuts = useShortcutHints();
  const settings = useSettings();
  const isMac = useIsMac();
  const watching = settings.data?.clipboard.enabled ?? true;
  return (
    <EmptyState
      title="Copy a customer message to start"
      icon={
        <svg viewBox="0 0 24 24" width="40" height="40" focusable="false">
          <rect
            x="5"
            y="3"
            width="12"
            height="15"
            rx="2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
          />
          <path d="M9 7h5M9 10h5M9 13h3" stroke="currentColor" strokeWidth="1.8" />
          <rect
            x="8"
            y="6"
            width="12"
            height="15"
            rx="2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            opacity="0.5"
          />
        </svg>
      }
    >
      <p>
        {watching
          ? 'Select the customer’s message in your helpdesk and copy it. Tandem shows the intent, the mood, whether to escalate and replies you can send in one click.'
          : 'Clipboard watching is off. Turn it on in Settings, or use the shortcut below to analyse what you copied.'}
      </p>
      {shortcuts ? (
        <dl className="shortcut-list">
          <div>
            <dt>Analyse the clipboard now</dt>
            <dd>
              <Kbd accelerator={shortcuts.analyzeClipboard} isMac={isMac} />
            </dd>
          </div>
          <div>
            <dt>Show or hide Tandem</dt>
            <dd>
              <Kbd accelerator={shortcuts.toggleWindow} isMac={isMac} />
            </dd>
          </div>
          <div>
            <dt>Pause clipboard watching</dt>
            <dd>
              <Kbd accelerator={shortcuts.pauseClipboard} isMac={isMac} />
            </dd>
          </div>
          <div>
            <dt>Open settings</dt>
            <dd>
              <Kbd accelerator="CommandOrControl+," isMac={isMac} />
            </dd>
          </div>
        </dl>
      ) : null}
    </EmptyState>
  );
}

import './team-status.css';
import { useSettings } from '../features/settings/hooks/use-settings-data';
import { useShellStore } from './shell-store';
import {
  describeEventSource,
  describeTeamStatus,
  useEventSource,
  useTeamEvents,
  useTeamStatus,
} from './team-status-data';

/**
 * The team store at a glance, in the header: for an agent whether their events reach supervisors
 * (connected, queued N, offline until a retry time, error with the reason, dropped events as a
 * warning); for a supervisor which store the dashboard shows. A polite live region, so changes are
 * announced without interrupting; the chip opens Settings, where the team store is configured.
 */
export function TeamStatusIndicator() {
  useTeamEvents();
  const settings = useSettings();
  const supervisor = settings.data?.role === 'supervisor';
  const status = useTeamStatus();
  const source = useEventSource();
  const openView = useShellStore((s) => s.openView);
  const view = supervisor ? describeEventSource(source.data) : describeTeamStatus(status.data);
  return (
    <div className="team-status" role="status" aria-live="polite" data-testid="team-status">
      {view ? (
        <button
          type="button"
          className={`team-status__chip team-status__chip--${view.tone}`}
          data-tone={view.tone}
          title={`${view.detail} Open Settings to change it.`}
          onClick={() => openView('settings')}
        >
          <span className="team-status__dot" aria-hidden="true" />
          <span className="team-status__text">{view.text}</span>
          {view.dropped > 0 ? (
            <span className="team-status__dropped">· {view.dropped.toLocaleString('en-US')} dropped</span>
          ) : null}
        </button>
      ) : null}
    </div>
  );
}

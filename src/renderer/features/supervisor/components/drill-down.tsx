import { useEffect, useRef } from 'react';
import type { EventFilter } from '../../../../shared/contract/supervisor';
import { errorMessage } from '../../../lib/ipc';
import { Banner } from '../../../ui/banner';
import { drillFilter, useEventList } from '../hooks/use-supervisor-data';
import { humanize } from '../model/format';
import type { DrillDown as Drill } from '../store/supervisor-ui-store';
import { useSupervisorUi } from '../store/supervisor-ui-store';
import { EventDetail, eventSummary, eventTypeLabels } from './event-detail';

/** Live metrics leave trainer replays out; so does the drill-down unless a chart asked for a type. */
const liveTypes = [
  'message_analyzed',
  'suggestion_shown',
  'suggestion_accepted',
  'suggestion_rejected',
  'policy_override',
  'escalated',
  'draft_checked',
] as const;

/**
 * Single events behind a number: what the supervisor clicked (an agent, a day, an intent's outcome),
 * newest first, paged by cursor. Focus moves to its heading on open and back to the list from an event,
 * so keyboard users never lose their place.
 */
export function DrillDownPanel({ base, drill }: { base: EventFilter; drill: Drill }) {
  const closeDrill = useSupervisorUi((s) => s.closeDrill);
  const selectedId = useSupervisorUi((s) => s.selectedEventId);
  const selectEvent = useSupervisorUi((s) => s.selectEvent);
  const filter = drillFilter(base, drill);
  const query = useEventList(filter, drill.types ?? liveTypes);
  const events = query.data?.pages.flatMap((p) => p.events) ?? [];
  const selected = selectedId ? events.find((e) => e.id === selectedId) : undefined;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!selectedId) heading.current?.focus();
  }, [drill, selectedId]);

  return (
    <section className="sup-drill" aria-labelledby="sup-drill-title" data-testid="drill-down">
      <div className="sup-drill__head">
        <h2 id="sup-drill-title" className="sup-drill__title" ref={heading} tabIndex={-1}>
          {drill.title}
        </h2>
        <button type="button" className="button" onClick={closeDrill}>
          Close
        </button>
      </div>
      {query.isError ? <Banner level="error">{errorMessage(query.error)}</Banner> : null}
      {selected ? (
        <EventDetail event={selected} onClose={() => selectEvent(null)} />
      ) : (
        <>
          {query.isPending ? <p className="text-muted">Loading events…</p> : null}
          {!query.isPending && events.length === 0 ? (
            <p className="text-muted">No events match.</p>
          ) : (
            <ol className="sup-events" aria-label="Events, newest first">
              {events.map((e) => (
                <li key={e.id}>
                  <button
                    type="button"
                    className="sup-events__item"
                    data-testid="event-item"
                    data-event-id={e.id}
                    onClick={() => selectEvent(e.id)}
                  >
                    <span className="sup-events__type">{eventTypeLabels[e.type]}</span>
                    <span className="sup-events__meta">
                      {new Date(e.at).toLocaleString()} · {e.agentId}
                      {e.intent ? ` · ${humanize(e.intent)}` : ''}
                    </span>
                    <span className="sup-events__summary">{eventSummary(e)}</span>
                  </button>
                </li>
              ))}
            </ol>
          )}
          {query.hasNextPage ? (
            <button
              type="button"
              className="button"
              disabled={query.isFetchingNextPage}
              onClick={() => void query.fetchNextPage()}
            >
              {query.isFetchingNextPage ? 'Loading…' : 'Show more'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

import { useEffect, useRef } from 'react';
import type { TandemEvent } from '../../../../shared/domain/events';
import { dist, duration, humanize } from '../model/format';
import { WordDiff } from './word-diff';

/** Event types in words a supervisor uses. */
export const eventTypeLabels: Record<TandemEvent['type'], string> = {
  message_analyzed: 'Message analysed',
  suggestion_shown: 'Suggestion shown',
  suggestion_accepted: 'Suggestion accepted',
  suggestion_rejected: 'Suggestion rejected',
  policy_override: 'Policy override',
  escalated: 'Escalated',
  draft_checked: 'Draft checked',
  replay_turn_scored: 'Replay turn scored',
  replay_session_completed: 'Replay completed',
};

/** One-line description of an event for the list. */
export function eventSummary(e: TandemEvent): string {
  switch (e.type) {
    case 'suggestion_accepted':
      return e.acceptKind === 'asIs'
        ? 'Accepted as is'
        : `Accepted edited (distance ${dist(e.editDistance)})`;
    case 'suggestion_rejected':
      return e.reason ? `Rejected: ${e.reason}` : 'Rejected';
    case 'policy_override':
      return `Override: ${e.reason}`;
    case 'escalated':
      return `Escalated to ${e.path}`;
    default:
      return eventTypeLabels[e.type];
  }
}

/** Facts of one event as term/definition pairs; only what the event carries, never customer text. */
function factsOf(e: TandemEvent): [string, string][] {
  const facts: [string, string][] = [
    ['When', new Date(e.at).toLocaleString()],
    ['Agent', `${e.agentId} (${e.team})`],
    ['Thread', e.ticketId ? `${e.threadId} · ticket ${e.ticketId}` : e.threadId],
    ['Source', e.source],
  ];
  if (e.intent) facts.push(['Intent', humanize(e.intent)]);
  if (e.suggestionSource)
    facts.push(['Suggestion', e.model ? `${e.suggestionSource} · ${e.model}` : e.suggestionSource]);
  if (e.verdict) facts.push(['Policy verdict', e.verdict]);
  if (e.ruleIds?.length) facts.push(['Rules', e.ruleIds.map(humanize).join(', ')]);
  if (e.type === 'suggestion_accepted') {
    facts.push(['Edit distance', dist(e.editDistance)], ['Time to accept', duration(e.msToAccept)]);
    facts.push(['Delivered by', e.delivery.replace('_', ' ')]);
  }
  if (e.type === 'policy_override' || e.type === 'suggestion_rejected') {
    if (e.reason) facts.push(['Reason', e.reason]);
  }
  if (e.type === 'escalated') {
    facts.push(['Path', e.path]);
    if (e.reasonCodes.length) facts.push(['Reasons', e.reasonCodes.map(humanize).join(', ')]);
  }
  return facts;
}

/**
 * One event in full. An acceptance shows the redacted suggestion and the sent text side by side as a word
 * diff, which is what a supervisor coaches from; other events show their facts.
 */
export function EventDetail({ event, onClose }: { event: TandemEvent; onClose(): void }) {
  const title = useRef<HTMLHeadingElement>(null);
  // Focus follows the opened event so keyboard users read it next, and "Back" returns to the list.
  useEffect(() => title.current?.focus(), [event.id]);
  const texts =
    event.type === 'suggestion_accepted' && event.suggestionTextRedacted !== undefined
      ? {
          before: event.suggestionTextRedacted,
          after: event.sentTextRedacted ?? event.suggestionTextRedacted,
        }
      : null;
  return (
    <article className="sup-event" aria-labelledby="sup-event-title" data-testid="event-detail">
      <div className="sup-event__head">
        <h4 id="sup-event-title" className="sup-event__title" tabIndex={-1} ref={title}>
          {eventTypeLabels[event.type]}
        </h4>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Back to list
        </button>
      </div>
      <dl className="sup-facts">
        {factsOf(event).map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {texts ? (
        <WordDiff before={texts.before} after={texts.after} />
      ) : event.type === 'suggestion_accepted' ? (
        <p className="text-muted">This acceptance was recorded without its texts.</p>
      ) : null}
      <p className="sup-event__note text-muted">
        Texts are stored after redaction; personal data never appears here.
      </p>
    </article>
  );
}

import { ulid } from 'ulidx';
import { boundRedactedText, type TandemEvent } from '../../shared/domain/events';
import type { Settings } from '../../shared/domain/settings';
import type { EventSink } from '../events/event-sink';
import type { AssistRecord, RecordContext, RecordFn } from '../assist/types';

const clampMs = (ms: number): number => Math.max(0, Math.min(86_400_000, Math.round(ms)));

/**
 * Turns the assist service's records into store events: adds the id, the time, the agent and the
 * team, and bounds every text. Nothing here ever carries raw customer text.
 */
export function toTandemEvent(
  record: AssistRecord,
  context: RecordContext,
  settings: Settings,
  now = new Date(),
): TandemEvent {
  const base = {
    id: ulid(now.getTime()),
    at: now.toISOString(),
    agentId: settings.identity.agentId,
    team: settings.identity.team,
    source: context.source,
    threadId: context.threadId,
    messageId: context.messageId,
    ...(context.intent ? { intent: context.intent } : {}),
    ...(context.ticketId ? { ticketId: context.ticketId } : {}),
    ...(context.suggestionSource ? { suggestionSource: context.suggestionSource } : {}),
    ...(context.model ? { model: context.model } : {}),
  };
  switch (record.type) {
    case 'message_analyzed':
      return {
        ...base,
        type: 'message_analyzed',
        language: record.language.slice(0, 20),
        escalationRecommended: record.escalationRecommended,
        churnLevel: record.churnLevel as 'low' | 'medium' | 'high',
        latencies: { analyzeMs: clampMs(record.analyzeMs) },
      };
    case 'suggestion_shown':
      return {
        ...base,
        type: 'suggestion_shown',
        suggestionId: record.suggestionId,
        confidence: record.confidence,
        verdict: record.verdict as TandemEvent['verdict'],
      };
    case 'suggestion_accepted':
      return {
        ...base,
        type: 'suggestion_accepted',
        suggestionId: record.suggestionId,
        acceptKind: record.edited ? 'edited' : 'asIs',
        editDistance: record.editDistance,
        msToAccept: clampMs(record.msToAccept),
        delivery: record.delivery,
        verdict: record.verdict as TandemEvent['verdict'],
        suggestionTextRedacted: boundRedactedText(record.suggestionTextRedacted),
        sentTextRedacted: boundRedactedText(record.sentTextRedacted),
      };
    case 'suggestion_rejected':
      return {
        ...base,
        type: 'suggestion_rejected',
        suggestionId: record.suggestionId,
        ...(record.reason ? { reason: record.reason.slice(0, 500) } : {}),
      };
    case 'policy_override':
      return {
        ...base,
        type: 'policy_override',
        suggestionId: record.suggestionId,
        ruleIds: record.ruleIds,
        reason: record.reason.slice(0, 500),
      };
    case 'escalated':
      return {
        ...base,
        type: 'escalated',
        reasonCodes: record.reasonCodes,
        path: record.path.slice(0, 200),
        delivery: record.delivery,
      };
    case 'draft_checked':
      return { ...base, type: 'draft_checked', verdict: record.verdict as 'pass', ruleIds: record.ruleIds };
  }
}

/**
 * A RecordFn over an EventSink. Recording never blocks or breaks the agent's action: a failed write
 * is reported once per burst, and the action itself has already happened.
 */
export function createRecorder(
  sink: EventSink,
  settings: () => Settings,
  onError: (error: unknown) => void,
): RecordFn {
  return (record, context) => {
    let event: TandemEvent;
    try {
      event = toTandemEvent(record, context, settings());
    } catch (error) {
      onError(error);
      return;
    }
    sink.record(event).catch(onError);
  };
}

import type { AssistState } from '../../shared/contract/assist';

const EXCERPT = 600;

/**
 * The internal note an agent hands to a supervisor: why escalation is recommended and what the
 * customer wants, from redacted text only, so it can be pasted anywhere.
 */
export function buildEscalationNote(state: AssistState, agentNote?: string): string {
  const a = state.analysis;
  const lines = [`Escalation to ${a.escalation.path ?? 'a supervisor'}`];
  if (a.escalation.reasons.length) {
    lines.push('Why:', ...a.escalation.reasons.map((r) => `- ${r.message}`));
  } else {
    lines.push('Why: the agent asked for a supervisor.');
  }
  lines.push(
    `Intent: ${a.intent.label} (${Math.round(a.intent.confidence * 100)}%)`,
    `Sentiment: ${a.sentiment.label}; churn risk ${a.churnRisk.score}/100 (${a.churnRisk.level})`,
  );
  if (state.order?.number)
    lines.push(`Order: ${state.order.number}${state.order.status ? ` (${state.order.status})` : ''}`);
  if (state.ticketId) lines.push(`Ticket: ${state.ticketId}`);
  const excerpt = a.redactedText.length > EXCERPT ? `${a.redactedText.slice(0, EXCERPT)}…` : a.redactedText;
  lines.push('Customer wrote (redacted):', excerpt);
  if (agentNote?.trim()) lines.push(`Agent note: ${agentNote.trim()}`);
  return lines.join('\n');
}

import type { AssistState } from '../../shared/contract/assist';
import { AnalysisSchema, type Analysis } from '../../shared/domain/analysis';
import type { TrainingCase } from '../../shared/domain/cases';
import type { HistoryMessage, MessageInput } from '../../shared/domain/context';
import type { PolicyResult } from '../../shared/domain/policy';
import type { Suggestion } from '../../shared/domain/suggestion';
import { AppError } from '../../shared/ipc/result';

/** The engine parts a replay needs: the same analyser, suggester and checker the assist panel runs. */
export interface ReplayCopilotDeps {
  analyze(input: MessageInput): Analysis & { normalizedText: string };
  suggest(input: MessageInput, analysis: Analysis): Suggestion[];
  check(
    draft: string,
    context: {
      customer?: TrainingCase['customer'];
      order?: TrainingCase['order'];
      customerText?: string;
      customerLanguage?: string;
    },
  ): PolicyResult;
  now?: () => number;
}

/**
 * The turns before `turn` as the engine's history. After each earlier customer turn the gold reply
 * stands in for the agent's answer (as in the batch eval), so the copilot sees the same thread whatever
 * the trainee wrote, and a replay is repeatable.
 */
export function replayHistory(c: TrainingCase, turn: number): HistoryMessage[] {
  const history: HistoryMessage[] = [];
  c.turns.slice(0, turn).forEach((t) => {
    history.push({ author: t.role, text: t.text });
    if (t.role === 'customer' && t.goldReply) history.push({ author: 'agent', text: t.goldReply });
  });
  return history;
}

function customerTurn(c: TrainingCase, turn: number) {
  const t = c.turns[turn];
  if (!t || t.role !== 'customer') {
    throw new AppError('invalid_payload', `Turn ${turn} of case "${c.id}" is not a customer message.`);
  }
  return t;
}

/**
 * Runs the copilot on one customer turn of a case and returns the panel's state for it. It is a pure
 * function of the case and the engine: it never touches the live assist session (its thread, current
 * message or record), so a trainer replaying cases cannot disturb a real conversation or the metrics.
 */
export function runReplayTurn(c: TrainingCase, turn: number, deps: ReplayCopilotDeps): AssistState {
  const t = customerTurn(c, turn);
  const now = deps.now ?? Date.now;
  const history = replayHistory(c, turn);
  const input: MessageInput = { text: t.text, customer: c.customer, order: c.order, history };
  const started = performance.now();
  const analysis = deps.analyze(input);
  const analyzeMs = performance.now() - started;
  const suggestStarted = performance.now();
  const suggestions = deps.suggest(input, analysis);
  const suggestMs = performance.now() - suggestStarted;
  return {
    messageId: `replay:${c.id}:${turn}`,
    threadId: `replay:${c.id}`,
    source: 'replay',
    receivedAt: new Date(now()).toISOString(),
    text: analysis.normalizedText,
    customer: c.customer,
    order: c.order,
    historyCount: history.length,
    // Parsing strips the engine's internals (e.g. the redaction restore map) as the live panel does.
    analysis: AnalysisSchema.parse(analysis),
    suggestions,
    // Streamed model drafts stay with the live panel; replay shows the offline suggestions.
    llm: { state: 'off' },
    timings: { analyzeMs, suggestMs },
  };
}

/** The policy check of a trainee's draft in the case's context, as the live editor runs it. */
export function checkReplayDraft(
  c: TrainingCase,
  turn: number,
  draft: string,
  deps: Pick<ReplayCopilotDeps, 'check'>,
): PolicyResult {
  const t = customerTurn(c, turn);
  return deps.check(draft, {
    customer: c.customer,
    order: c.order,
    customerText: t.text,
    ...(c.customer?.language ? { customerLanguage: c.customer.language } : {}),
  });
}

import type { Suggestion } from '../../shared/domain/suggestion';
import type { LlmDraft, LlmRunResult } from './types';

/**
 * LLM drafts carry no calibrated probability; this ordinal score keeps the model's own order and ranks
 * them just above a typical macro match, and lower when the policy check blocks them.
 */
const draftConfidence = (d: LlmDraft): number =>
  Math.max(
    0.05,
    0.8 - 0.05 * d.index - (d.policy.verdict === 'block' ? 0.4 : d.policy.verdict === 'warn' ? 0.1 : 0),
  );

/** Stable id per request and index, so the panel keeps a streaming card in place as text arrives. */
export const llmSuggestionId = (requestKey: string, index: number): string => `llm:${requestKey}:${index}`;

/** One draft in the app-wide suggestion shape (`source: "llm"`), as the panel and the CLI show it. */
export function draftToSuggestion(requestKey: string, model: string, d: LlmDraft): Suggestion {
  return {
    id: llmSuggestionId(requestKey, d.index),
    text: d.text,
    macroId: d.macroId,
    confidence: draftConfidence(d),
    source: 'llm',
    model,
    policy: d.policy,
    ...(d.incomplete ? { incomplete: true } : {}),
  };
}

/** The finished drafts of a run; cut drafts are kept, flagged incomplete, so nobody mistakes them for finished ones. */
export function draftsToSuggestions(result: LlmRunResult): Suggestion[] {
  return result.drafts.map((d) => draftToSuggestion(result.requestKey, result.model, d));
}

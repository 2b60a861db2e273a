import type { LlmStatus } from '../../shared/contract/assist';
import type { Analysis } from '../../shared/domain/analysis';
import type { MessageInput } from '../../shared/domain/context';
import type { Suggestion } from '../../shared/domain/suggestion';
import type { ReferenceMacro } from './prompt';
import type { RestoreMap } from './restore';
import type { LlmSuggestionService } from './suggestion-service';
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

/** What the assist service's LLM port needs besides the service. */
export interface DraftSourceDeps {
  service: LlmSuggestionService;
  isEnabled: () => boolean;
  /** Top macros from retrieval for this message. */
  getMacros: (input: MessageInput, analysis: Analysis) => readonly ReferenceMacro[];
}

/**
 * Adapts the service to the assist service's `LlmDraftSource` port: streamed text becomes incomplete
 * suggestion cards that fill in, then the checked drafts replace them, or a fallback badge says why.
 * The engine's restore map travels on its analysis object (never across IPC).
 */
export function createLlmDraftSource(deps: DraftSourceDeps): {
  readonly enabled: boolean;
  start(
    key: string,
    request: { input: MessageInput; analysis: Analysis },
    onUpdate: (drafts: Suggestion[], status: LlmStatus) => void,
  ): void;
  cancel(reason: string): void;
} {
  return {
    get enabled() {
      return deps.isEnabled();
    },
    start(key, { input, analysis }, onUpdate) {
      const cards = new Map<number, Suggestion>();
      let model: string | undefined;
      const off = deps.service.onDidStreamSuggestion((e) => {
        if (e.requestKey !== key) return;
        const previous = cards.get(e.index);
        cards.set(e.index, {
          id: llmSuggestionId(key, e.index),
          text: e.textSoFar,
          macroId: e.macroId ?? previous?.macroId ?? null,
          confidence: previous?.confidence ?? 0.5,
          source: 'llm',
          model,
          policy: e.policy ?? previous?.policy ?? { verdict: 'pass', findings: [] },
          // Until the request finishes, nothing is presented as a finished reply.
          incomplete: true,
        });
        onUpdate([...cards.values()], { state: 'streaming', model });
      });
      const restore = (analysis as Analysis & { restore?: RestoreMap }).restore;
      void deps.service
        .request(key, {
          redacted: { redactedText: analysis.redactedText, restore },
          customer: input.customer,
          order: input.order,
          history: input.history,
          language: analysis.language,
          intent: { label: analysis.intent.label, confidence: analysis.intent.confidence },
          macros: deps.getMacros(input, analysis),
        })
        .then((result) => {
          off();
          model = result.model;
          if (result.ok) onUpdate(draftsToSuggestions(result), { state: 'done', model });
          else if (result.reason !== 'cancelled') {
            onUpdate(draftsToSuggestions(result), { state: 'fallback', reason: result.message, model });
          }
        });
    },
    cancel(reason) {
      deps.service.cancel(reason);
    },
  };
}

/**
 * Retrieval's ranked macros as reference answers for the prompt (structurally typed, so this module does
 * not depend on the knowledge module): the assist wiring passes `index.rank(query, 3)` straight in.
 */
export function referenceMacros(
  ranked: readonly { macro: { id: string; title?: string; body: string } }[],
  max = 3,
): ReferenceMacro[] {
  return ranked
    .slice(0, max)
    .map(({ macro }) => ({ id: macro.id, title: macro.title ?? macro.id, body: macro.body }));
}

import type { LlmStatus } from '../../shared/contract/assist';
import type { Suggestion } from '../../shared/domain/suggestion';
import type { LlmDraftSource } from '../assist/types';
import type { LlmSuggestionService } from '../llm/suggestion-service';
import type { ReferenceMacro } from '../llm/prompt';
import type { RestoreMap } from '../llm/restore';

export interface LlmDraftSourceDeps {
  service: LlmSuggestionService;
  enabled: () => boolean;
  model: () => string;
  /** Reference answers for grounding: the best macros for this message. */
  references: (request: Parameters<LlmDraftSource['start']>[1]) => ReferenceMacro[];
  restoreOf: (request: Parameters<LlmDraftSource['start']>[1]) => RestoreMap | undefined;
}

/**
 * Adapts the LLM suggestion service to the assist panel: streamed text becomes suggestions that are
 * readable as they arrive, and every failure becomes an offline-fallback badge with its reason.
 */
export function createLlmDraftSource(deps: LlmDraftSourceDeps): LlmDraftSource {
  return {
    get enabled() {
      return deps.enabled();
    },
    start(key, request, onUpdate) {
      const model = deps.model();
      const drafts = new Map<number, Suggestion>();
      const emit = (status: LlmStatus) =>
        onUpdate([...drafts.values()].sort((a, b) => a.confidence - b.confidence).reverse(), status);
      const toSuggestion = (index: number, text: string, extra: Partial<Suggestion>): Suggestion => ({
        id: `${key}:llm:${index}`,
        text,
        macroId: null,
        // Drafts keep the model's order: the first alternative ranks first.
        confidence: Math.max(0.5, 0.9 - index * 0.05),
        source: 'llm',
        model,
        policy: { verdict: 'pass', findings: [] },
        incomplete: true,
        ...extra,
      });
      const off = deps.service.onDidStreamSuggestion((event) => {
        if (event.requestKey !== key) return;
        drafts.set(
          event.index,
          toSuggestion(event.index, event.textSoFar, {
            incomplete: !event.done || event.incomplete === true,
            ...(event.policy ? { policy: event.policy } : {}),
            macroId: event.macroId ?? null,
          }),
        );
        emit({ state: 'streaming', model });
      });
      const { input, analysis } = request;
      void deps.service
        .request(key, {
          redacted: { redactedText: analysis.redactedText, restore: deps.restoreOf(request) },
          customer: input.customer,
          order: input.order,
          history: input.history?.map((h) => ({ author: h.author, text: h.text })),
          language: analysis.language,
          intent: { label: analysis.intent.label, confidence: analysis.intent.confidence },
          macros: deps.references(request),
        })
        .then((result) => {
          off();
          if (result.ok) {
            drafts.clear();
            for (const d of result.drafts) {
              drafts.set(
                d.index,
                toSuggestion(d.index, d.text, {
                  policy: d.policy,
                  incomplete: d.incomplete,
                  macroId: d.macroId,
                }),
              );
            }
            emit({ state: 'done', model: result.model });
          } else if (result.reason !== 'cancelled') {
            drafts.clear();
            emit({ state: 'fallback', reason: result.message, model });
          }
        });
    },
    cancel(reason) {
      deps.service.cancel(reason);
    },
  };
}

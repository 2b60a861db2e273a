import type { z } from 'zod';
import type { llmCalls, llmEvents } from '../../shared/contract/llm';
import type { LlmSettings } from '../../shared/domain/settings';
import type { CallContext } from '../ipc/router';
import type { GetApiKey } from './client';
import { PROVIDER_PRESETS } from './presets';
import type { LlmSuggestionService } from './suggestion-service';
import type { LlmFinishEvent, SuggestionStreamEvent } from './types';
import { testConnection } from './test-connection';

type Def<K extends keyof typeof llmCalls> = (typeof llmCalls)[K];
/**
 * One handler per LLM call. Typed against this feature's contract file so it compiles before the lead
 * spreads `llmCalls` into the contract index; it is then exactly `{ [K]: CallHandler<K> }`.
 */
export type LlmHandlers = {
  [K in keyof typeof llmCalls]: (
    input: z.output<Def<K>['input']>,
    context: CallContext,
  ) => z.output<Def<K>['output']> | Promise<z.output<Def<K>['output']>>;
};

/** What the LLM handlers need from the composition root; the key getter never leaves main. */
export interface LlmHandlerDeps {
  service: LlmSuggestionService;
  /** The saved settings; "Test connection" may override fields the user has not saved yet. */
  getSettings: () => LlmSettings;
  /** Reads the key in main (SecretStore 'llm.apiKey'); it never crosses IPC. */
  getApiKey: GetApiKey;
}

/** Thin IPC adapter: validation already happened in the router; the key stays in main. */
export function createLlmHandlers(deps: LlmHandlerDeps): LlmHandlers {
  return {
    testLlmConnection: (overrides) => {
      const saved = deps.getSettings();
      const merged = {
        ...saved,
        ...Object.fromEntries(Object.entries(overrides ?? {}).filter(([, v]) => v !== undefined)),
      };
      return testConnection(merged, deps.getApiKey);
    },
    getLastLlmRequest: () => deps.service.getLastRequest(),
    getLlmPresets: () =>
      Object.values(PROVIDER_PRESETS).map(
        ({ id, label, defaultBaseUrl, requiresApiKey, supportsJsonSchema }) => ({
          id,
          label,
          defaultBaseUrl,
          requiresApiKey,
          supportsJsonSchema,
        }),
      ),
  };
}

/**
 * Forwards the service's events to the event bus (main→renderer), so the composition root wires one
 * line: `forwardLlmEvents(service, (name, payload) => bus.emit(name, payload))`. Returns an unsubscribe.
 */
export function forwardLlmEvents(
  service: LlmSuggestionService,
  emit: (name: keyof typeof llmEvents, payload: SuggestionStreamEvent | LlmFinishEvent) => void,
): () => void {
  const off1 = service.onDidStreamSuggestion((e) => emit('onDidStreamSuggestion', e));
  const off2 = service.onDidFinishLlmRequest((e) => emit('onDidFinishLlmRequest', e));
  return () => {
    off1();
    off2();
  };
}

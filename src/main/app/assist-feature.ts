import type { assistCalls } from '../../shared/contract/assist';
import type { Settings } from '../../shared/domain/settings';
import { createAssistHandlers } from '../assist/assist-handlers';
import { AssistRuntime } from '../assist/assist-runtime';
import { createEngine, type Engine } from '../engine';
import type { EventSink } from '../events/event-sink';
import { createLlmHandlers, forwardLlmEvents } from '../llm/llm-handlers';
import { policyFactsFromPack } from '../llm/policy-facts';
import { LlmSuggestionService } from '../llm/suggestion-service';
import { PolicyPackError } from '../policy';
import { loadOfflineKnowledge, type OfflineKnowledge } from '../suggest';
import { createRecorder } from './assist-records';
import type { CoreContext } from './core-context';
import { createLlmDraftSource } from './llm-draft-source';
import type { FeatureHandlers } from './handlers/types';
import type { TicketBridge } from './connectors-feature';

export interface AssistFeature {
  runtime: AssistRuntime;
  engine: () => Engine;
  knowledge: OfflineKnowledge;
  llm: LlmSuggestionService;
  handlers: FeatureHandlers<typeof assistCalls> & ReturnType<typeof createLlmHandlers>;
  dispose(): void;
}

const engineKey = (s: Settings): string =>
  JSON.stringify([s.engine.escalationConfidenceThreshold, s.engine.escalationPaths]);

/** Loads the macros and the pack; a team pack that does not validate falls back to the shipped one, and the user is told. */
async function loadKnowledge(context: CoreContext): Promise<OfflineKnowledge> {
  const { engine } = context.settings.get();
  const base = { resourcesDir: context.ports.resourcesDir, macroFolders: engine.macroFolders };
  try {
    return await loadOfflineKnowledge({
      ...base,
      ...(engine.policyPackPath ? { policyPackPath: engine.policyPackPath } : {}),
    });
  } catch (error) {
    if (!(error instanceof PolicyPackError) || !engine.policyPackPath) throw error;
    context.ports.notifications.notify(
      'Tandem: policy pack not loaded',
      `${error.message} Tandem uses the shipped Lumen & Loom pack until it is fixed.`,
    );
    return loadOfflineKnowledge(base);
  }
}

/**
 * The assist panel's services: the engine, the offline knowledge, the LLM drafts and the clipboard
 * runtime, wired to settings, secrets, the event bus and the record.
 */
export async function createAssistFeature(
  context: CoreContext,
  sink: EventSink,
  tickets?: TicketBridge,
): Promise<AssistFeature> {
  const { settings, bus } = context;
  const buildEngine = (s: Settings) =>
    createEngine({
      resourcesDir: context.ports.resourcesDir,
      escalationConfidenceThreshold: s.engine.escalationConfidenceThreshold,
      escalationPaths: s.engine.escalationPaths,
    });
  let engine = buildEngine(settings.get());
  let builtFor = engineKey(settings.get());
  const knowledge = await loadKnowledge(context);
  const checker = knowledge.checker;

  const llm = new LlmSuggestionService({
    getSettings: () => settings.get().llm,
    getApiKey: () => context.secrets.get('llm.apiKey'),
    getPolicyFacts: () => policyFactsFromPack(checker.pack),
    check: (draft, ctx) => checker.check(draft, ctx),
  });
  const draftSource = createLlmDraftSource({
    service: llm,
    enabled: () => settings.get().llm.enabled,
    model: () => settings.get().llm.model,
    references: ({ input, analysis }) =>
      knowledge.suggester
        .rank(input, analysis)
        .slice(0, 3)
        .map((r) => ({ id: r.macro.id, title: r.macro.title, body: r.macro.body })),
    restoreOf: ({ analysis }) => (analysis as { restore?: Record<string, never> }).restore,
  });
  const onError = (error: unknown) =>
    context.ports.notifications.notify(
      'Tandem',
      `The assist record could not be saved: ${(error as Error)?.message ?? error}`,
    );

  const runtime = new AssistRuntime({
    clipboard: context.ports.clipboard,
    bus,
    settings: () => settings.get(),
    ownWrites: context.ownClipboardWrites,
    analyze: (input) =>
      engine.analyze(input, { recentOwnWrites: (t) => context.ownClipboardWrites.isOwnWrite(t) }),
    suggest: (input, analysis) => knowledge.suggester.suggest(input, analysis),
    check: (draft, ctx) => checker.check(draft, ctx),
    redact: (text) => engine.redactText(text).text,
    record: createRecorder(sink, () => settings.get(), onError),
    llm: draftSource,
    ...(tickets
      ? { postToTicket: tickets.post, onDidCopyUrl: (text: string) => tickets.handleCopiedText(text) }
      : {}),
    onError: (error) => console.error('assist: analysis failed', (error as Error)?.name),
  });

  const offSettings = settings.onDidChange((next) => {
    runtime.applySettings(next);
    if (engineKey(next) !== builtFor) {
      engine = buildEngine(next);
      builtFor = engineKey(next);
    }
  });
  const offLlm = forwardLlmEvents(llm, (name, payload) => bus.emit(name, payload as never));
  context.actions.set('analyzeClipboard', () => runtime.analyzeNow());
  runtime.start();

  return {
    runtime,
    engine: () => engine,
    knowledge,
    llm,
    handlers: {
      ...createAssistHandlers(runtime),
      // Pausing is the clipboard setting, so the panel, the tray and the shortcut always agree and it survives a restart.
      setClipboardPaused: async ({ paused }) => {
        await settings.update({ clipboard: { enabled: !paused } });
        return runtime.status();
      },
      ...createLlmHandlers({
        service: llm,
        getSettings: () => settings.get().llm,
        getApiKey: () => context.secrets.get('llm.apiKey'),
      }),
    },
    dispose() {
      offSettings();
      offLlm();
      runtime.stop();
    },
  };
}

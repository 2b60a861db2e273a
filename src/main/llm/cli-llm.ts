import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_INTENTS } from '../../shared/domain/analysis';
import type { MessageInput } from '../../shared/domain/context';
import { LlmPresetSchema, SettingsSchema, type LlmPreset } from '../../shared/domain/settings';
import type { Suggestion } from '../../shared/domain/suggestion';
import { resolveResourcesDir } from '../engine/intent/resources';
import { createPolicyChecker, loadPolicyPack } from '../policy';
import { classifyIntentWithLlm } from './intent';
import { policyFactsFromPack, type PolicyFacts } from './policy-facts';
import type { EndpointSettings } from './presets';
import type { ReferenceMacro } from './prompt';
import type { RetryPolicy } from './stream-request';
import { LlmSuggestionService } from './suggestion-service';
import type { LlmRunResult, PolicyCheck, Redacted } from './types';
import { draftsToSuggestions } from './suggestions';

/** The `--llm` flags of `analyze`. */
export interface LlmCliOptions {
  baseUrl?: string;
  model?: string;
  preset?: LlmPreset;
  /** A Tandem settings.json whose `llm` section is the "configured endpoint". */
  settingsFile?: string;
  policyFile?: string;
  /** Below this offline intent confidence the model is also asked for the intent (default 0.5; 0 turns it off). */
  intentBelow?: string;
}

/**
 * Takes the LLM flags out of the analyze arguments so the analyze command only sees its own.
 * `llm` is null when `--llm` was not given; `error` names a flag that is missing its value.
 */
export function extractLlmArgs(args: readonly string[]): {
  llm: LlmCliOptions | null;
  rest: string[];
  error?: string;
} {
  const rest: string[] = [];
  const opts: LlmCliOptions = {};
  let enabled = false;
  const flags: Record<string, keyof LlmCliOptions> = {
    '--base-url': 'baseUrl',
    '--model': 'model',
    '--preset': 'preset',
    '--llm-settings': 'settingsFile',
    '--llm-policy': 'policyFile',
    '--llm-intent-below': 'intentBelow',
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--llm') {
      enabled = true;
      continue;
    }
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const key = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (!key) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined || value === '') return { llm: null, rest, error: `${name} needs a value` };
    if (key === 'preset') {
      const parsed = LlmPresetSchema.safeParse(value);
      if (!parsed.success)
        return { llm: null, rest, error: `--preset must be one of ${LlmPresetSchema.options.join(', ')}` };
      opts.preset = parsed.data;
    } else opts[key] = value;
  }
  return { llm: enabled ? opts : null, rest };
}

/** What `analyze --llm` adds to one output line. */
export interface LlmLineAddition {
  llmSuggestions: Suggestion[];
  llm: {
    ok: boolean;
    error?: { code: string; message: string };
    latencyMs: number;
    firstTokenMs: number | null;
    model: string;
    usage?: { promptTokens: number; completionTokens: number; totalTokens: number };
  };
  /** Only when the offline intent was unsure: the model's reading, marked as such. */
  llmIntent?:
    | { source: 'llm'; label: string; confidence: number }
    | { source: 'llm'; error: { code: string; message: string } };
}

/** The analysis fields the LLM step reads (the engine's output has them all). */
export type CliAnalysis = Redacted & { language: string; intent?: { label: string; confidence: number } };

/** The LLM step of one `analyze --llm` run; one instance per run so requests share one client set-up. */
export interface CliLlm {
  /**
   * Asks the endpoint for drafts for one analysed line and returns the line with `llmSuggestions` and
   * `llm` added. Reference macros default to the line's offline `suggestions` (they are the top macros).
   */
  addLlmSuggestions<T extends Record<string, unknown>>(
    line: T,
    input: MessageInput,
    analysis: CliAnalysis,
    macros?: readonly ReferenceMacro[],
  ): Promise<T & LlmLineAddition>;
  readonly endpoint: EndpointSettings;
}

/** Injected so tests run the step without a policy pack on disk or a real key. */
export interface CliLlmDeps {
  env: NodeJS.ProcessEnv;
  check?: PolicyCheck;
  policyFacts?: PolicyFacts;
  retry?: Partial<RetryPolicy>;
  /** The engine's redaction, applied to thread history (input lines carry it raw). */
  redact?: (text: string) => string;
}

async function endpointFrom(options: LlmCliOptions, env: NodeJS.ProcessEnv): Promise<EndpointSettings> {
  let saved = SettingsSchema.parse({}).llm;
  const file = options.settingsFile ?? env.TANDEM_SETTINGS_FILE;
  if (file) {
    const data: unknown = JSON.parse(await readFile(file, 'utf8'));
    saved = SettingsSchema.parse(data).llm;
  }
  const baseUrl = options.baseUrl ?? env.TANDEM_LLM_BASE_URL ?? saved.baseUrl;
  const preset = options.preset ?? (options.baseUrl && !file ? 'custom' : saved.preset);
  return { ...saved, preset, baseUrl, model: options.model ?? env.TANDEM_LLM_MODEL ?? saved.model };
}

/** Offline suggestions on the line carry the macro they came from: the best reference answers we have. */
function macrosFromLine(line: Record<string, unknown>): ReferenceMacro[] {
  const suggestions = Array.isArray(line.suggestions) ? line.suggestions : [];
  return suggestions
    .filter(
      (s): s is { macroId: string; text: string } =>
        !!s && typeof s.macroId === 'string' && typeof s.text === 'string',
    )
    .map((s) => ({ id: s.macroId, title: s.macroId, body: s.text }));
}

/**
 * Builds the LLM step of `analyze --llm`: the same service the app runs, with the key from
 * TANDEM_LLM_API_KEY (the keychain is the app's; a script should not unlock it) and the real policy pack.
 */
export async function createCliLlm(options: LlmCliOptions, deps: CliLlmDeps): Promise<CliLlm> {
  const endpoint = await endpointFrom(options, deps.env);
  let check = deps.check;
  let facts = deps.policyFacts;
  if (!check || !facts) {
    const pack = await loadPolicyPack(
      options.policyFile ?? join(resolveResourcesDir(), 'policies', 'lumen-and-loom.yaml'),
    );
    const checker = createPolicyChecker(pack);
    check ??= (draft, ctx) => checker.check(draft, ctx);
    facts ??= policyFactsFromPack(pack);
  }
  const policyFacts = facts;
  const intentBelow = options.intentBelow === undefined ? 0.5 : Number(options.intentBelow);
  if (!Number.isFinite(intentBelow)) throw new Error('--llm-intent-below must be a number between 0 and 1');
  const getApiKey = async (): Promise<string | null> => deps.env.TANDEM_LLM_API_KEY ?? null;
  const service = new LlmSuggestionService({
    getSettings: () => endpoint,
    getApiKey,
    getPolicyFacts: () => policyFacts,
    check,
    retry: deps.retry,
  });
  let counter = 0;
  return {
    endpoint,
    async addLlmSuggestions(line, input, analysis, macros) {
      const key = `cli-${String(line.id ?? ++counter)}`;
      const result: LlmRunResult = await service.request(key, {
        redacted: { redactedText: analysis.redactedText, restore: analysis.restore },
        customer: input.customer,
        order: input.order,
        history: input.history?.map((h) => ({
          author: h.author,
          text: deps.redact ? deps.redact(h.text) : h.text,
        })),
        language: analysis.language,
        intent: analysis.intent
          ? { label: analysis.intent.label, confidence: analysis.intent.confidence }
          : undefined,
        macros: macros ?? macrosFromLine(line),
      });
      const llmSuggestions = draftsToSuggestions(result);
      let llmIntent: LlmLineAddition['llmIntent'];
      // When the endpoint is down, a second call would only double the wait: report the same reason.
      const endpointDown =
        !result.ok && !['malformed', 'content_filter', 'incomplete'].includes(result.reason);
      if (analysis.intent && analysis.intent.confidence < intentBelow && endpointDown && !result.ok) {
        llmIntent = { source: 'llm', error: { code: result.reason, message: result.message } };
      } else if (analysis.intent && analysis.intent.confidence < intentBelow) {
        const r = await classifyIntentWithLlm(endpoint, getApiKey, {
          redactedText: analysis.redactedText,
          labels: DEFAULT_INTENTS,
        });
        llmIntent = r.ok
          ? { source: 'llm', label: r.label, confidence: r.confidence }
          : { source: 'llm', error: { code: r.reason, message: r.message } };
      }
      return {
        ...line,
        llmSuggestions,
        llm: {
          ok: result.ok,
          ...(result.ok ? {} : { error: { code: result.reason, message: result.message } }),
          latencyMs: Math.round(result.latencyMs),
          firstTokenMs: result.firstTokenMs === null ? null : Math.round(result.firstTokenMs),
          model: result.model,
          ...(result.usage ? { usage: result.usage } : {}),
        },
        ...(llmIntent ? { llmIntent } : {}),
      };
    },
  };
}

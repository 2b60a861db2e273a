import { z } from 'zod';
import { defineCall, defineEvent } from '../ipc/define';
import { PolicyResultSchema } from '../domain/policy';
import { LlmPresetSchema, LlmSettingsSchema } from '../domain/settings';

/** Why LLM drafts are not shown; the panel shows the message beside the offline suggestions. */
export const LlmFailureCodeSchema = z.enum([
  'disabled',
  'config',
  'no_key',
  'offline',
  'tls',
  'proxy',
  'auth',
  'forbidden',
  'not_found',
  'model_not_found',
  'bad_request',
  'rate_limited',
  'quota',
  'server_error',
  'timeout',
  'malformed',
  'content_filter',
  'incomplete',
  'cancelled',
]);
/** One of the fallback reasons above. */
export type LlmFailureCodeValue = z.infer<typeof LlmFailureCodeSchema>;

/** A failure as the panel shows it: a stable code and plain words. */
export const LlmErrorSchema = z.object({ code: LlmFailureCodeSchema, message: z.string() });

/** Token counts as the endpoint reported them, for the transparency view. */
export const TokenUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
});

/** The outcome of "Test connection", in words an agent can act on. */
export const LlmConnectionTestSchema = z.object({
  ok: z.boolean(),
  code: LlmFailureCodeSchema.optional(),
  message: z.string(),
  /** How the endpoint was probed: listing models, or a one-token request where listing is not offered. */
  method: z.enum(['models', 'completion', 'none']),
  /** Model ids the endpoint offers (first 100), so the settings screen can offer them. */
  models: z.array(z.string()).optional(),
  modelAvailable: z.boolean().nullable(),
  latencyMs: z.number().nonnegative(),
});
/** The parsed outcome of "Test connection". */
export type LlmConnectionTest = z.infer<typeof LlmConnectionTestSchema>;

/** The exact payload of the last request, for the "What was sent" view. Held in memory only. */
export const LlmRequestRecordSchema = z.object({
  requestKey: z.string(),
  startedAt: z.string(),
  preset: z.string(),
  endpoint: z.string(),
  model: z.string(),
  /** The request body exactly as sent: messages (redacted), temperature, limits, response format. */
  body: z.record(z.string(), z.unknown()),
  /** The order and customer facts that went out. */
  context: z.record(z.string(), z.unknown()),
  state: z.enum(['streaming', 'done', 'failed', 'cancelled']),
  attempts: z.number().int().nonnegative(),
  usage: TokenUsageSchema.nullable(),
  latencyMs: z.number().nullable(),
  firstTokenMs: z.number().nullable(),
  error: LlmErrorSchema.nullable(),
});
/** The parsed "What was sent" record. */
export type LlmRequestRecordPayload = z.infer<typeof LlmRequestRecordSchema>;

/** What the settings screen shows per preset (no secrets; whether a key is needed). */
export const LlmPresetInfoSchema = z.object({
  id: LlmPresetSchema,
  label: z.string(),
  defaultBaseUrl: z.string(),
  requiresApiKey: z.boolean(),
  supportsJsonSchema: z.boolean(),
});

/** Streamed text of one LLM draft; `done` means no more updates for this index. */
export const SuggestionStreamSchema = z.object({
  requestKey: z.string(),
  index: z.number().int().min(0).max(2),
  textSoFar: z.string(),
  done: z.boolean(),
  /** The stream ended before the model finished: never show it as a finished reply. */
  incomplete: z.boolean().optional(),
  policy: PolicyResultSchema.optional(),
  macroId: z.string().nullable().optional(),
});

/** Sent once per request, success or not, with usage and latency for the transparency view. */
export const LlmFinishSchema = z.object({
  requestKey: z.string(),
  ok: z.boolean(),
  error: LlmErrorSchema.optional(),
  usage: TokenUsageSchema.optional(),
  latencyMs: z.number().nonnegative(),
  firstTokenMs: z.number().nonnegative().nullable(),
  model: z.string(),
});

/** Settings to try before saving them; anything left out comes from the saved settings. */
const ConnectionOverridesSchema = z
  .object({
    preset: LlmPresetSchema.optional(),
    baseUrl: LlmSettingsSchema.shape.baseUrl.unwrap().optional(),
    model: LlmSettingsSchema.shape.model.unwrap().optional(),
    timeoutMs: LlmSettingsSchema.shape.timeoutMs.unwrap().optional(),
    apiVersion: z.string().max(50).optional(),
  })
  .strict();
/** Unsaved settings the user wants to try. */
export type LlmConnectionOverrides = z.infer<typeof ConnectionOverridesSchema>;

/** LLM calls; the lead spreads them into the contract index. */
export const llmCalls = {
  /** "Test connection" in settings; the API key is read in main from the secret store, never sent from here. */
  testLlmConnection: defineCall(ConnectionOverridesSchema.optional(), LlmConnectionTestSchema),
  getLastLlmRequest: defineCall(z.void(), LlmRequestRecordSchema.nullable()),
  getLlmPresets: defineCall(z.void(), z.array(LlmPresetInfoSchema)),
};

/** LLM events (main→renderer): text as it streams, and one finish per request. */
export const llmEvents = {
  onDidStreamSuggestion: defineEvent(SuggestionStreamSchema),
  onDidFinishLlmRequest: defineEvent(LlmFinishSchema),
};

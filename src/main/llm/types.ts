import type { CustomerContext, HistoryMessage, OrderContext } from '../../shared/domain/context';
import type { PolicyResult } from '../../shared/domain/policy';
import type { LlmFailureCode } from './errors';
import type { ReferenceMacro } from './prompt';
import type { RestoreMap } from './restore';
import type { TokenUsage } from './stream-request';

/** What the policy checker is told about an LLM draft; `canary` lets it block a leaked system prompt. */
export interface LlmPolicyContext {
  customer?: CustomerContext;
  order?: OrderContext;
  customerText?: string;
  customerLanguage?: string;
  canary?: string;
}

/** The policy check as a function, so the service runs against the real checker or a test double alike. */
export type PolicyCheck = (draft: string, ctx: LlmPolicyContext) => PolicyResult;

/** The engine's redaction of the customer's message: only `redactedText` leaves the machine. */
export interface Redacted {
  redactedText: string;
  restore?: RestoreMap;
}

/** One request for drafts: the customer's message as the engine understood it, plus grounding. */
export interface LlmDraftRequest {
  redacted: Redacted;
  customer?: CustomerContext;
  order?: OrderContext;
  /** Earlier turns, redacted by the caller (they are scrubbed again before sending). */
  history?: readonly Pick<HistoryMessage, 'author' | 'text'>[];
  language: string;
  intent?: { label: string; confidence: number };
  /** Top macros from retrieval, given to the model as reference answers. */
  macros: readonly ReferenceMacro[];
}

/** One finished (or cut) LLM draft, restored for display and checked. */
export interface LlmDraft {
  index: number;
  text: string;
  macroId: string | null;
  policy: PolicyResult;
  /** The stream ended before the model said it had finished: never shown as a finished reply. */
  incomplete: boolean;
}

/** Streamed to the panel as text arrives; `done` means no more updates for this index. */
export interface SuggestionStreamEvent {
  requestKey: string;
  index: number;
  textSoFar: string;
  done: boolean;
  incomplete?: boolean;
  policy?: PolicyResult;
  macroId?: string | null;
}

/** A failure as the panel shows it: a stable code to badge and plain words to read. */
export interface LlmError {
  code: LlmFailureCode;
  message: string;
}

/** Sent once per request, success or not, with what the transparency view shows about it. */
export interface LlmFinishEvent {
  requestKey: string;
  ok: boolean;
  error?: LlmError;
  usage?: TokenUsage;
  latencyMs: number;
  firstTokenMs: number | null;
  model: string;
}

/** The outcome of `request()`: drafts, or a reason the panel shows beside the offline suggestions. */
export type LlmRunResult =
  | {
      ok: true;
      requestKey: string;
      drafts: LlmDraft[];
      usage: TokenUsage | null;
      latencyMs: number;
      firstTokenMs: number | null;
      model: string;
    }
  | {
      ok: false;
      requestKey: string;
      reason: LlmFailureCode;
      message: string;
      /** Whatever streamed before the failure, all marked incomplete. */
      drafts: LlmDraft[];
      usage: TokenUsage | null;
      latencyMs: number;
      firstTokenMs: number | null;
      model: string;
    };

/** The exact payload of a request, kept in memory only, for the "What was sent" view. */
export interface LlmRequestRecord {
  requestKey: string;
  startedAt: string;
  preset: string;
  endpoint: string;
  model: string;
  /** The request body exactly as sent (messages, temperature, limits, response format). */
  body: Record<string, unknown>;
  /** The order/customer facts that went out, as a separate view of the same body. */
  context: Record<string, unknown>;
  state: 'streaming' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  usage: TokenUsage | null;
  latencyMs: number | null;
  firstTokenMs: number | null;
  error: LlmError | null;
}

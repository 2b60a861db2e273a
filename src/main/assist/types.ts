import type { Analysis } from '../../shared/domain/analysis';
import type { CustomerContext, MessageInput, OrderContext } from '../../shared/domain/context';
import type { PolicyResult } from '../../shared/domain/policy';
import type { Suggestion } from '../../shared/domain/suggestion';
import type { AssistSource, Delivery, LlmStatus } from '../../shared/contract/assist';

/** What the assist service needs from the understanding engine. */
export type AnalyzeFn = (input: MessageInput) => Analysis & { normalizedText: string };

/** Offline macro suggestions for an analysed message. */
export type SuggestFn = (input: MessageInput, analysis: Analysis) => Suggestion[];

export interface PolicyContext {
  customer?: CustomerContext;
  order?: OrderContext;
  customerText?: string;
  customerLanguage?: string;
}
export type CheckFn = (draft: string, context: PolicyContext) => PolicyResult;

/** Streams LLM drafts for the current message; the service cancels it when the message changes. */
export interface LlmDraftSource {
  readonly enabled: boolean;
  start(
    key: string,
    request: { input: MessageInput; analysis: Analysis },
    onUpdate: (drafts: Suggestion[], status: LlmStatus) => void,
  ): void;
  cancel(reason: string): void;
}

/** Posts to the helpdesk ticket the message came from. */
export type PostToTicketFn = (ticketId: string, text: string, asInternalNote: boolean) => Promise<void>;

/** What the assist service records; the event store adds ids, time, agent and team. */
export type AssistRecord =
  | {
      type: 'message_analyzed';
      analyzeMs: number;
      escalationRecommended: boolean;
      churnLevel: string;
      language: string;
    }
  | { type: 'suggestion_shown'; suggestionId: string; verdict: string; confidence: number }
  | {
      type: 'suggestion_accepted';
      suggestionId: string;
      edited: boolean;
      editDistance: number;
      msToAccept: number;
      delivery: Delivery;
      verdict: string;
      suggestionTextRedacted: string;
      sentTextRedacted: string;
    }
  | { type: 'suggestion_rejected'; suggestionId: string; reason?: string }
  | { type: 'policy_override'; suggestionId: string; ruleIds: string[]; reason: string }
  | { type: 'escalated'; reasonCodes: string[]; path: string; delivery: 'clipboard' | 'internal_note' }
  | { type: 'draft_checked'; verdict: string; ruleIds: string[] };

/** The facts common to every record of one message. */
export interface RecordContext {
  source: AssistSource;
  threadId: string;
  ticketId?: string;
  messageId: string;
  intent: string;
  suggestionSource?: 'offline' | 'llm';
  model?: string;
}

export type RecordFn = (record: AssistRecord, context: RecordContext) => void;

/** Redacts personal data from text before it is recorded (sent replies can carry names and e-mails). */
export type RedactFn = (text: string) => string;

import { z } from 'zod';
import { defineCall, defineEvent } from '../ipc/define';
import { AnalysisSchema } from '../domain/analysis';
import { CustomerContextSchema, OrderContextSchema } from '../domain/context';
import { PolicyResultSchema } from '../domain/policy';
import { SuggestionSchema } from '../domain/suggestion';

export const AssistSourceSchema = z.enum(['clipboard', 'paste', 'ticket', 'replay']);
export type AssistSource = z.infer<typeof AssistSourceSchema>;

export const DeliverySchema = z.enum(['clipboard', 'reply', 'internal_note']);
export type Delivery = z.infer<typeof DeliverySchema>;

/** Where the LLM drafts stand, so the panel can badge offline fallback with its reason. */
export const LlmStatusSchema = z.object({
  state: z.enum(['off', 'streaming', 'done', 'fallback']),
  /** Plain words, e.g. "The model endpoint refused the API key (401)". */
  reason: z.string().optional(),
  model: z.string().optional(),
});
export type LlmStatus = z.infer<typeof LlmStatusSchema>;

/** The message the panel shows now, with everything the engine made of it. */
export const AssistStateSchema = z.object({
  messageId: z.string(),
  threadId: z.string(),
  source: AssistSourceSchema,
  ticketId: z.string().optional(),
  receivedAt: z.string(),
  /** The customer's text as normalized for display (shown as text, never HTML). */
  text: z.string(),
  customer: CustomerContextSchema.optional(),
  order: OrderContextSchema.optional(),
  /** Earlier turns kept as context for this thread. */
  historyCount: z.number().int().nonnegative(),
  analysis: AnalysisSchema,
  suggestions: z.array(SuggestionSchema),
  llm: LlmStatusSchema,
  timings: z.object({ analyzeMs: z.number(), suggestMs: z.number() }),
});
export type AssistState = z.infer<typeof AssistStateSchema>;

export const ClipboardStatusSchema = z.object({
  enabled: z.boolean(),
  paused: z.boolean(),
  pollMs: z.number().int(),
  /** Why the last copied text was not analysed (e.g. "a bare URL"), to explain silence. */
  lastIgnoredReason: z.string().nullable(),
});
export type ClipboardStatus = z.infer<typeof ClipboardStatusSchema>;

const OverrideSchema = z
  .object({
    ruleIds: z.array(z.string().max(100)).min(1).max(20),
    reason: z.string().trim().min(3, 'Say why you override the policy check').max(500),
  })
  .strict();

export const assistCalls = {
  /** The agent pasted a message into the paste box. */
  analyzeText: defineCall(
    z
      .object({
        text: z.string().max(20_000_000),
        newThread: z.boolean().optional(),
        /** The panel cut a huge paste before sending it; the analysis must say the message was cut. */
        truncated: z.boolean().optional(),
      })
      .strict(),
    AssistStateSchema,
  ),
  getAssistState: defineCall(z.void(), AssistStateSchema.nullable()),
  /** Runs the policy check on the agent's draft as they type. */
  checkDraft: defineCall(
    z.object({ messageId: z.string().max(100).optional(), draft: z.string().max(100_000) }).strict(),
    PolicyResultSchema,
  ),
  acceptSuggestion: defineCall(
    z
      .object({
        messageId: z.string().max(100),
        suggestionId: z.string().max(200),
        /** The text actually sent, edited or not. */
        text: z.string().min(1).max(100_000),
        delivery: DeliverySchema,
        override: OverrideSchema.optional(),
      })
      .strict(),
    z.object({ delivered: DeliverySchema, verdict: PolicyResultSchema.shape.verdict, detail: z.string() }),
  ),
  rejectSuggestion: defineCall(
    z
      .object({
        messageId: z.string().max(100),
        suggestionId: z.string().max(200),
        reason: z.string().max(500).optional(),
      })
      .strict(),
    z.object({ ok: z.boolean() }),
  ),
  escalate: defineCall(
    z
      .object({
        messageId: z.string().max(100),
        note: z.string().max(5000).optional(),
        delivery: z.enum(['clipboard', 'internal_note']).default('clipboard'),
      })
      .strict(),
    z.object({ note: z.string(), delivered: z.enum(['clipboard', 'internal_note']), path: z.string() }),
  ),
  getClipboardStatus: defineCall(z.void(), ClipboardStatusSchema),
  setClipboardPaused: defineCall(z.object({ paused: z.boolean() }).strict(), ClipboardStatusSchema),
  /** Works even while watching is paused: the agent asked for it. */
  analyzeClipboardNow: defineCall(z.void(), AssistStateSchema.nullable()),
  resetThread: defineCall(z.void(), z.object({ ok: z.boolean() })),
  /** The panel was hidden or the ticket changed: stop streaming drafts for the current message. */
  cancelDrafts: defineCall(z.object({ reason: z.string().max(200) }).strict(), z.object({ ok: z.boolean() })),
};

export const assistEvents = {
  onDidUpdateAssist: defineEvent(AssistStateSchema),
  onDidChangeClipboardStatus: defineEvent(ClipboardStatusSchema),
  /** A copied text was ignored; carries only the reason, never the text. */
  onDidIgnoreClipboard: defineEvent(z.object({ reason: z.string() })),
  onDidFailAnalysis: defineEvent(z.object({ message: z.string(), source: AssistSourceSchema })),
};

import { z } from 'zod';

/**
 * The assist record: what supervisors and trainers rely on. Every event is validated against this
 * schema when it is recorded and when it is imported from another agent's export, so a hand-edited or
 * hostile file cannot put anything else in the store.
 *
 * Privacy: the schema holds no customer text. Objects are strict, so an unknown field (say a
 * `customerText` a caller added by mistake) is refused rather than stored. The only free text is the
 * suggestion and the text actually sent, both AFTER redaction and bounded, for the supervisor's diff
 * drill-down; and the agent's own short reasons for a rejection or an override.
 */

/** Longest redacted suggestion/sent text kept for the diff drill-down; longer texts are cut by {@link boundRedactedText}. */
export const MAX_RECORDED_TEXT = 4000;
/** Longest agent-written reason (reject, override). */
export const MAX_REASON = 500;

const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const shortId = z.string().min(1).max(200);
const label = z.string().min(1).max(100);

export const EventIdSchema = z.string().regex(ULID_RE, 'must be a ULID');
export const EventSourceSchema = z.enum(['clipboard', 'paste', 'ticket', 'replay']);
export type EventSource = z.infer<typeof EventSourceSchema>;
export const SuggestionSourceSchema = z.enum(['offline', 'llm']);
export const EventVerdictSchema = z.enum(['pass', 'info', 'warn', 'block']);
export const EventDeliverySchema = z.enum(['clipboard', 'reply', 'internal_note']);
export const AcceptKindSchema = z.enum(['asIs', 'edited']);
export type AcceptKind = z.infer<typeof AcceptKindSchema>;

const ms = z.number().int().min(0).max(86_400_000);

/** Timings of the assist for this message, for latency charts; all optional. */
export const EventLatenciesSchema = z
  .object({ analyzeMs: ms, suggestMs: ms, firstDraftMs: ms, checkMs: ms })
  .partial()
  .strict();

/** Fields every event carries; the store indexes most of them. */
const base = {
  id: EventIdSchema,
  at: z.iso.datetime({ offset: true }),
  agentId: shortId,
  team: shortId,
  source: EventSourceSchema,
  threadId: shortId,
  ticketId: shortId.optional(),
  messageId: shortId.optional(),
  intent: label.optional(),
  suggestionId: shortId.optional(),
  suggestionSource: SuggestionSourceSchema.optional(),
  model: shortId.optional(),
  verdict: EventVerdictSchema.optional(),
  ruleIds: z.array(label).max(50).optional(),
  latencies: EventLatenciesSchema.optional(),
};

const redactedText = z.string().max(MAX_RECORDED_TEXT);

export const MessageAnalyzedEventSchema = z
  .object({
    ...base,
    type: z.literal('message_analyzed'),
    language: z.string().max(20).optional(),
    intentConfidence: z.number().min(0).max(1).optional(),
    escalationRecommended: z.boolean().optional(),
    churnLevel: z.enum(['low', 'medium', 'high']).optional(),
  })
  .strict();

export const SuggestionShownEventSchema = z
  .object({
    ...base,
    type: z.literal('suggestion_shown'),
    suggestionId: shortId,
    rank: z.number().int().min(0).max(20).optional(),
    confidence: z.number().min(0).max(1).optional(),
  })
  .strict();

export const SuggestionAcceptedEventSchema = z
  .object({
    ...base,
    type: z.literal('suggestion_accepted'),
    suggestionId: shortId,
    acceptKind: AcceptKindSchema,
    /** Normalized edit distance between the suggestion and the sent text: 0 = as is, 1 = rewritten. */
    editDistance: z.number().min(0).max(1),
    msToAccept: z.number().int().min(0),
    delivery: EventDeliverySchema,
    suggestionTextRedacted: redactedText.optional(),
    sentTextRedacted: redactedText.optional(),
  })
  .strict();

export const SuggestionRejectedEventSchema = z
  .object({
    ...base,
    type: z.literal('suggestion_rejected'),
    suggestionId: shortId,
    reason: z.string().max(MAX_REASON).optional(),
  })
  .strict();

export const PolicyOverrideEventSchema = z
  .object({
    ...base,
    type: z.literal('policy_override'),
    ruleIds: z.array(label).min(1).max(50),
    reason: z.string().min(1).max(MAX_REASON),
  })
  .strict();

export const EscalatedEventSchema = z
  .object({
    ...base,
    type: z.literal('escalated'),
    reasonCodes: z.array(label).max(20),
    path: z.string().min(1).max(200),
    delivery: z.enum(['clipboard', 'internal_note']).optional(),
  })
  .strict();

/** The verdict of a finished edit; never the draft itself. */
export const DraftCheckedEventSchema = z
  .object({ ...base, type: z.literal('draft_checked'), verdict: EventVerdictSchema })
  .strict();

const replayBase = { ...base, source: z.literal('replay') };

/** A trainee's answer to one turn of a replayed case, scored by the trainer. */
export const ReplayTurnScoredEventSchema = z
  .object({
    ...replayBase,
    type: z.literal('replay_turn_scored'),
    caseId: shortId,
    sessionId: shortId,
    turn: z.number().int().min(0).max(1000),
    score: z.number().min(0).max(1),
    msToAnswer: z.number().int().min(0).optional(),
  })
  .strict();

export const ReplaySessionCompletedEventSchema = z
  .object({
    ...replayBase,
    type: z.literal('replay_session_completed'),
    caseId: shortId,
    sessionId: shortId,
    turns: z.number().int().min(0).max(1000),
    score: z.number().min(0).max(1),
    durationMs: z.number().int().min(0),
  })
  .strict();

/** One recorded event: the union is discriminated by `type`. */
export const TandemEventSchema = z.discriminatedUnion('type', [
  MessageAnalyzedEventSchema,
  SuggestionShownEventSchema,
  SuggestionAcceptedEventSchema,
  SuggestionRejectedEventSchema,
  PolicyOverrideEventSchema,
  EscalatedEventSchema,
  DraftCheckedEventSchema,
  ReplayTurnScoredEventSchema,
  ReplaySessionCompletedEventSchema,
]);
export type TandemEvent = z.infer<typeof TandemEventSchema>;
export type TandemEventType = TandemEvent['type'];
export type TandemEventOf<T extends TandemEventType> = Extract<TandemEvent, { type: T }>;

export const EVENT_TYPES = [
  'message_analyzed',
  'suggestion_shown',
  'suggestion_accepted',
  'suggestion_rejected',
  'policy_override',
  'escalated',
  'draft_checked',
  'replay_turn_scored',
  'replay_session_completed',
] as const satisfies readonly TandemEventType[];
export const EventTypeSchema = z.enum(EVENT_TYPES);

/** Replay events belong to the trainer; live metrics leave them out. */
export const isReplayEvent = (event: Pick<TandemEvent, 'source'>): boolean => event.source === 'replay';

/**
 * Cuts a redacted text to the recorded bound so a very long reply is kept (its start) rather than
 * refused by the schema and lost.
 */
export function boundRedactedText(text: string): string {
  return text.length <= MAX_RECORDED_TEXT ? text : `${text.slice(0, MAX_RECORDED_TEXT - 1)}…`;
}

import { z } from 'zod';

/**
 * The shipped taxonomy. Teams can edit the taxonomy file in resources, so labels are strings at runtime;
 * this list is the default set the UI knows how to name.
 */
export const DEFAULT_INTENTS = [
  'order_status',
  'delivery_problem',
  'damaged_or_defective',
  'wrong_or_missing_item',
  'return_or_exchange',
  'refund',
  'cancel_order',
  'change_order',
  'payment_issue',
  'payment_options',
  'pricing_promo',
  'product_question',
  'shipping_info',
  'place_order',
  'account',
  'subscription',
  'privacy_request',
  'complaint',
  'talk_to_human',
  'feedback_praise',
  'other',
] as const;
export type DefaultIntent = (typeof DEFAULT_INTENTS)[number];

export const IntentScoreSchema = z.object({ label: z.string(), confidence: z.number().min(0).max(1) });
export type IntentScore = z.infer<typeof IntentScoreSchema>;

export const IntentResultSchema = IntentScoreSchema.extend({ secondary: z.array(IntentScoreSchema).max(2) });
export type IntentResult = z.infer<typeof IntentResultSchema>;

export const SentimentSchema = z.object({
  label: z.enum(['negative', 'neutral', 'positive']),
  score: z.number().min(-1).max(1),
  markers: z.array(z.string()),
});
export type Sentiment = z.infer<typeof SentimentSchema>;

export const ChurnRiskSchema = z.object({
  score: z.number().min(0).max(100),
  level: z.enum(['low', 'medium', 'high']),
  reasons: z.array(z.string()),
});
export type ChurnRisk = z.infer<typeof ChurnRiskSchema>;

export const EscalationReasonSchema = z.object({
  /** Stable code, e.g. `legal_threat`, `vip_customer`, `low_confidence`. */
  code: z.string(),
  message: z.string(),
});
export type EscalationReason = z.infer<typeof EscalationReasonSchema>;

export const EscalationSchema = z.object({
  recommended: z.boolean(),
  reasons: z.array(EscalationReasonSchema),
  /** Queue or team the ticket should go to, from settings; null when not recommended. */
  path: z.string().nullable(),
});
export type Escalation = z.infer<typeof EscalationSchema>;

export const EntitySchema = z.object({
  type: z.string(),
  value: z.string(),
  /** [start, end) offsets in the normalized text. */
  span: z.tuple([z.number().int(), z.number().int()]),
  /** Extra facts, e.g. the carrier and tracking URL of a tracking number, the currency of an amount. */
  meta: z.record(z.string(), z.string()).optional(),
});
export type Entity = z.infer<typeof EntitySchema>;

/** What the engine understood of one message. Holds no raw personal data: `redactedText` is what may leave the machine. */
export const AnalysisSchema = z.object({
  language: z.string(),
  isCustomerMessage: z.boolean(),
  notCustomerReason: z.string().optional(),
  truncated: z.boolean(),
  intent: IntentResultSchema,
  sentiment: SentimentSchema,
  churnRisk: ChurnRiskSchema,
  escalation: EscalationSchema,
  entities: z.array(EntitySchema),
  redactedText: z.string(),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

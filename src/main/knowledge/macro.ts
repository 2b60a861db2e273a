import { z } from 'zod';
import { OrderContextSchema, OrderStatusSchema } from '../../shared/domain/context';

/**
 * When a macro applies, in terms of facts derived from the order context. A macro whose condition is known
 * to be false (e.g. "not yet shipped" for a delivered order) is never suggested; unknown facts are neutral.
 */
export const MacroConditionsSchema = z
  .object({
    orderKnown: z.boolean().optional(),
    statusKnown: z.boolean().optional(),
    returnWindowKnown: z.boolean().optional(),
    orderStatus: z.array(OrderStatusSchema).min(1).optional(),
    delivered: z.boolean().optional(),
    withinReturnWindow: z.boolean().optional(),
    late: z.boolean().optional(),
    hasTracking: z.boolean().optional(),
    paymentStatus: z.array(OrderContextSchema.shape.paymentStatus.unwrap()).min(1).optional(),
    finalSale: z.boolean().optional(),
  })
  .strict();
export type MacroConditions = z.infer<typeof MacroConditionsSchema>;

/** Front matter of a macro file. Strict, so a misspelt key (`intent:`) is an error, not a silently ignored line. */
export const MacroFrontMatterSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'use lower-case letters, digits, ".", "_" or "-" (max 100)'),
    title: z.string().min(1).max(200),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/, 'use a language tag such as en, es or pt-BR'),
    /** Translations of one macro share a group, so a customer sees it once, in their language. */
    group: z.string().min(1).max(100).optional(),
    intents: z.array(z.string().min(1).max(60)).min(1).max(5),
    /** Phrases customers use for this situation; they weigh more than the body in retrieval. */
    keywords: z.array(z.string().min(1).max(100)).max(50).default([]),
    when: MacroConditionsSchema.optional(),
  })
  .strict();

/** A loaded macro: its front matter, its body with `{{placeholders}}`, and where it came from. */
export interface Macro extends Omit<z.infer<typeof MacroFrontMatterSchema>, 'group'> {
  group: string;
  body: string;
  placeholders: string[];
  file: string;
}

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The placeholder names a body uses, in order of first appearance. */
export function placeholdersOf(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Every placeholder the suggester can fill. Loading checks bodies against it so a typo such as
 * `{{order.numbr}}` is reported when the file is read, not discovered by an agent mid-ticket.
 */
export const KNOWN_PLACEHOLDERS = [
  'customer.firstName',
  'customer.name',
  'order.number',
  'order.status',
  'order.carrier',
  'order.trackingNumber',
  'order.trackingUrl',
  'order.promisedBy',
  'order.deliveredAt',
  'order.shippedAt',
  'order.placedAt',
  'order.total',
  'order.itemTitle',
  'refund.amount',
  'return.deadline',
  'return.daysLeft',
  'store.name',
  'policy.returnWindowDays',
  'policy.refundBusinessDays',
  'policy.standardShipping',
  'policy.expressShipping',
  'policy.freeShippingThreshold',
  'policy.carriers',
  'policy.priceAdjustmentDays',
  'policy.maxDiscountPercent',
  'policy.maxStoreCredit',
] as const;
export type PlaceholderName = (typeof KNOWN_PLACEHOLDERS)[number];

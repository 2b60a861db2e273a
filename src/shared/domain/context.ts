import { z } from 'zod';

/** Who the customer is, as far as the helpdesk or store knows; every field is optional because clipboard text often has none of it. */
export const CustomerContextSchema = z.object({
  name: z.string().max(200).optional(),
  firstName: z.string().max(100).optional(),
  email: z.string().max(320).optional(),
  lifetimeValue: z.number().nonnegative().optional(),
  ordersCount: z.number().int().nonnegative().optional(),
  tags: z.array(z.string().max(100)).max(100).optional(),
  marketingConsent: z.boolean().optional(),
  language: z.string().max(20).optional(),
});
export type CustomerContext = z.infer<typeof CustomerContextSchema>;

export const OrderItemSchema = z.object({
  sku: z.string().max(100).optional(),
  title: z.string().max(300),
  quantity: z.number().int().nonnegative().optional(),
  price: z.number().optional(),
  finalSale: z.boolean().optional(),
});
export type OrderItem = z.infer<typeof OrderItemSchema>;

export const OrderStatusSchema = z.enum([
  'pending',
  'processing',
  'unfulfilled',
  'partially_fulfilled',
  'shipped',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'cancelled',
  'returned',
  'refunded',
]);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** Dates are ISO-8601 strings so that the context survives JSON, IPC and storage unchanged. */
export const OrderContextSchema = z.object({
  number: z.string().max(100).optional(),
  status: OrderStatusSchema.optional(),
  placedAt: z.string().optional(),
  shippedAt: z.string().optional(),
  promisedBy: z.string().optional(),
  deliveredAt: z.string().optional(),
  carrier: z.string().max(100).optional(),
  trackingNumber: z.string().max(100).optional(),
  trackingUrl: z.string().max(2000).optional(),
  total: z.number().optional(),
  currency: z.string().max(10).optional(),
  items: z.array(OrderItemSchema).max(500).optional(),
  paymentStatus: z
    .enum(['paid', 'pending', 'failed', 'refunded', 'partially_refunded', 'disputed'])
    .optional(),
});
export type OrderContext = z.infer<typeof OrderContextSchema>;

export const HistoryMessageSchema = z.object({
  author: z.enum(['customer', 'agent', 'note']),
  text: z.string(),
  at: z.string().optional(),
});
export type HistoryMessage = z.infer<typeof HistoryMessageSchema>;

/** One message to understand, with whatever context the source could attach. */
export const MessageInputSchema = z.object({
  text: z.string(),
  customer: CustomerContextSchema.optional(),
  order: OrderContextSchema.optional(),
  history: z.array(HistoryMessageSchema).max(10_000).optional(),
  /** Analysis time; fixed in tests so that results are deterministic. Defaults to now. */
  now: z.string().optional(),
});
export type MessageInput = z.infer<typeof MessageInputSchema>;

import type { Entity } from '../../../../shared/domain/analysis';

/** Readable intent names; a team's own labels fall back to a tidied version of the label. */
const INTENT_NAMES: Record<string, string> = {
  order_status: 'Order status',
  delivery_problem: 'Delivery problem',
  damaged_or_defective: 'Damaged or defective',
  wrong_or_missing_item: 'Wrong or missing item',
  return_or_exchange: 'Return or exchange',
  refund: 'Refund',
  cancel_order: 'Cancel order',
  change_order: 'Change order',
  payment_issue: 'Payment issue',
  payment_options: 'Payment options',
  pricing_promo: 'Pricing or promo',
  product_question: 'Product question',
  shipping_info: 'Shipping info',
  place_order: 'Place an order',
  account: 'Account',
  subscription: 'Subscription',
  privacy_request: 'Privacy request',
  complaint: 'Complaint',
  talk_to_human: 'Wants a person',
  feedback_praise: 'Feedback or praise',
  other: 'Other',
};

export function intentName(label: string): string {
  return INTENT_NAMES[label] ?? label.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** Entities worth a chip: what the agent needs to act on. Redacted personal data is not shown as a chip. */
export function chipEntities(entities: readonly Entity[]): Entity[] {
  const wanted = /^(order|tracking|money|amount|date|sku|product)/i;
  const seen = new Set<string>();
  return entities.filter((e) => {
    if (!wanted.test(e.type)) return false;
    const key = `${e.type}:${e.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function entityLabel(e: Entity): string {
  if (/^order/i.test(e.type)) return `Order ${e.value.startsWith('#') ? e.value : `#${e.value}`}`;
  if (/^tracking/i.test(e.type)) return `${e.meta?.carrier ? `${e.meta.carrier} ` : ''}${e.value}`;
  return e.value;
}

/** The tracking page of an entity, when the engine found one; opened through main's allow-list. */
export function trackingUrl(e: Entity): string | null {
  return e.meta?.trackingUrl ?? e.meta?.url ?? null;
}

export const sourceName = {
  clipboard: 'Clipboard',
  paste: 'Pasted',
  ticket: 'Ticket',
  replay: 'Replay',
} as const;

export const verdictName = {
  pass: 'Passes policy',
  info: 'Note',
  warn: 'Check warnings',
  block: 'Blocked by policy',
} as const;

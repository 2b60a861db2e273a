import type { MessageInput, OrderStatus } from '../../shared/domain/context';
import type { MacroConditions } from './macro';

/** Facts about the order that macros can be conditioned on; undefined means "not known from the context". */
export interface ContextFacts {
  /** Whether we know which order the message is about (context or an order number in the text). */
  orderKnown?: boolean;
  /**
   * Whether anything about where the order is (status, shipping, tracking, delivery) is known. Always
   * set, so a "let me check" reply can require it to be false and status replies never guess.
   */
  statusKnown?: boolean;
  /** Whether we know if the order is inside the return window; always set, like `statusKnown`. */
  returnWindowKnown?: boolean;
  orderStatus?: OrderStatus;
  delivered?: boolean;
  daysSinceDelivery?: number;
  withinReturnWindow?: boolean;
  late?: boolean;
  hasTracking?: boolean;
  paymentStatus?: NonNullable<MessageInput['order']>['paymentStatus'];
  finalSale?: boolean;
}

const DAY = 86_400_000;
const NOT_DELIVERED: ReadonlySet<OrderStatus> = new Set([
  'pending',
  'processing',
  'unfulfilled',
  'partially_fulfilled',
  'shipped',
  'in_transit',
  'out_for_delivery',
  'cancelled',
]);

/** Parses an ISO date; date-only strings are taken as UTC midnight so results do not depend on the machine's zone. */
export function parseDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Derives the facts from the order context at `now`: delivered or not, days since delivery against the
 * return window, late against the promised date. Deterministic for a fixed `now`.
 */
export function computeFacts(
  input: MessageInput,
  returnWindowDays: number,
  now: number,
  orderNumberInText = false,
): ContextFacts {
  const order = input.order;
  const orderKnown = orderNumberInText || Boolean(order?.number || order?.status);
  if (!order) return { orderKnown, statusKnown: false, returnWindowKnown: false };
  const statusKnown = Boolean(order.status || order.shippedAt || order.deliveredAt || order.trackingNumber);
  const facts: ContextFacts = {
    orderKnown,
    statusKnown,
    orderStatus: order.status,
    paymentStatus: order.paymentStatus,
  };
  const deliveredAt = parseDate(order.deliveredAt);
  if (deliveredAt !== undefined || order.status === 'delivered') facts.delivered = true;
  else if (order.status && NOT_DELIVERED.has(order.status)) facts.delivered = false;
  if (deliveredAt !== undefined) {
    const days = Math.floor((now - deliveredAt) / DAY);
    facts.daysSinceDelivery = days;
    facts.withinReturnWindow = days <= returnWindowDays;
  } else if (facts.delivered === false) {
    facts.withinReturnWindow = order.status === 'cancelled' ? undefined : true;
  }
  const promised = parseDate(order.promisedBy);
  if (facts.delivered === false && promised !== undefined) facts.late = now > promised + DAY - 1;
  else if (facts.delivered) facts.late = false;
  if (order.trackingNumber || order.trackingUrl) facts.hasTracking = true;
  else if (facts.delivered === false) facts.hasTracking = false;
  if (order.items?.length) facts.finalSale = order.items.some((i) => i.finalSale === true);
  facts.returnWindowKnown = facts.withinReturnWindow !== undefined;
  return facts;
}

export type ConditionOutcome = { ok: false } | { ok: true; matched: number; unknown: number };

/** Compares a macro's `when` with the facts: any known mismatch rules the macro out. */
export function evaluateConditions(when: MacroConditions | undefined, facts: ContextFacts): ConditionOutcome {
  if (!when) return { ok: true, matched: 0, unknown: 0 };
  let matched = 0;
  let unknown = 0;
  const check = (known: unknown, pass: boolean) => {
    if (known === undefined) unknown++;
    else if (pass) matched++;
    else return false;
    return true;
  };
  if (when.orderStatus && !check(facts.orderStatus, when.orderStatus.includes(facts.orderStatus!)))
    return { ok: false };
  if (when.paymentStatus && !check(facts.paymentStatus, when.paymentStatus.includes(facts.paymentStatus!)))
    return { ok: false };
  const bools: (keyof MacroConditions & keyof ContextFacts)[] = [
    'orderKnown',
    'statusKnown',
    'returnWindowKnown',
    'delivered',
    'withinReturnWindow',
    'late',
    'hasTracking',
    'finalSale',
  ];
  for (const key of bools) {
    const want = when[key];
    if (want === undefined) continue;
    const have = facts[key];
    if (!check(have, have === want)) return { ok: false };
  }
  return { ok: true, matched, unknown };
}

import type { Entity } from '../../shared/domain/analysis';
import type { MessageInput, OrderStatus } from '../../shared/domain/context';
import { parseDate } from '../knowledge/facts';
import type { PlaceholderName } from '../knowledge/macro';
import type { PolicyPack } from '../policy/pack';

/** What filling needs: the message context, what the engine found in the text, the pack and the reply language. */
export interface FillInput {
  input: MessageInput;
  entities: readonly Entity[];
  pack: PolicyPack;
  language: string;
}

const LOCALES: Record<string, string> = {
  en: 'en-US',
  es: 'es-ES',
  de: 'de-DE',
  fr: 'fr-FR',
  it: 'it-IT',
  pt: 'pt-PT',
  nl: 'nl-NL',
};
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const moneyFormats = new Map<string, Intl.NumberFormat>();
const DAY = 86_400_000;

function locale(language: string): string {
  return LOCALES[language] ?? language;
}

/** Formats an ISO date in the reply language ("November 24, 2026", "24 de noviembre de 2026", "24. November 2026"). */
export function formatDate(iso: string | number | undefined, language: string): string | undefined {
  const t = typeof iso === 'number' ? iso : parseDate(iso);
  if (t === undefined) return undefined;
  let f = dateFormats.get(language);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale(language), {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        timeZone: 'UTC',
      });
    } catch {
      f = new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        timeZone: 'UTC',
      });
    }
    dateFormats.set(language, f);
  }
  return f.format(t);
}

/** Formats an amount with its currency in the reply language ("$84.50", "84,50 €"). */
export function formatMoney(
  value: number | undefined,
  currency: string,
  language: string,
): string | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const key = `${language}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale(language), { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    }
    moneyFormats.set(key, f);
  }
  return f.format(value);
}

const STATUS: Record<string, Partial<Record<OrderStatus, string>>> = {
  en: {
    pending: 'pending',
    processing: 'being prepared',
    unfulfilled: 'being prepared',
    partially_fulfilled: 'partly shipped',
    shipped: 'shipped',
    in_transit: 'in transit',
    out_for_delivery: 'out for delivery',
    delivered: 'delivered',
    cancelled: 'cancelled',
    returned: 'returned',
    refunded: 'refunded',
  },
  es: {
    shipped: 'enviado',
    in_transit: 'en tránsito',
    delivered: 'entregado',
    processing: 'en preparación',
    cancelled: 'cancelado',
  },
  de: {
    shipped: 'versendet',
    in_transit: 'unterwegs',
    delivered: 'zugestellt',
    processing: 'in Bearbeitung',
    cancelled: 'storniert',
  },
};

const TRACKING_URLS: Record<string, (n: string) => string> = {
  ups: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
  dhl: (n) => `https://www.dhl.com/us-en/home/tracking.html?tracking-id=${encodeURIComponent(n)}`,
};

function entity(entities: readonly Entity[], ...types: string[]): Entity | undefined {
  return entities.find((e) => types.includes(e.type));
}

function firstName(input: MessageInput): string | undefined {
  const c = input.customer;
  if (c?.firstName?.trim()) return c.firstName.trim();
  const name = c?.name?.trim().replace(/^(?:mr|mrs|ms|miss|dr|mx)\.?\s+/i, '');
  const first = name?.split(/\s+/)[0];
  return first && /\p{L}/u.test(first) ? first : undefined;
}

const listFormats = new Map<string, Intl.ListFormat | null>();
function listJoin(items: string[], language: string): string {
  let f = listFormats.get(language);
  if (f === undefined) {
    try {
      f = new Intl.ListFormat(locale(language), { type: 'conjunction' });
    } catch {
      f = null;
    }
    listFormats.set(language, f);
  }
  return f ? f.format(items) : items.join(', ');
}

/**
 * Resolves every known placeholder it can from the context, the engine's entities and the pack. Values it cannot
 * know are left out, so the caller keeps `{{name}}` visibly in the text and the policy check flags it.
 */
export function resolvePlaceholders(f: FillInput, now: number): Partial<Record<PlaceholderName, string>> {
  const { input, entities, pack, language } = f;
  const order = input.order;
  const currency = order?.currency ?? pack.currency;
  const trackingEntity = entity(entities, 'tracking_number', 'tracking');
  const carrier = order?.carrier ?? trackingEntity?.meta?.carrier;
  const trackingNumber = order?.trackingNumber ?? trackingEntity?.value;
  const builder = carrier ? TRACKING_URLS[carrier.toLowerCase()] : undefined;
  const trackingUrl =
    order?.trackingUrl ??
    trackingEntity?.meta?.trackingUrl ??
    trackingEntity?.meta?.url ??
    (builder && trackingNumber ? builder(trackingNumber) : undefined);
  const deliveredAt = parseDate(order?.deliveredAt);
  const deadline = deliveredAt === undefined ? undefined : deliveredAt + pack.returns.windowDays * DAY;
  const days = (r: { minBusinessDays: number; maxBusinessDays: number }) =>
    `${r.minBusinessDays}–${r.maxBusinessDays}`;
  const values: Partial<Record<PlaceholderName, string | undefined>> = {
    'customer.firstName': firstName(input),
    'customer.name': input.customer?.name?.trim() || undefined,
    'order.number': order?.number ?? entity(entities, 'order_number', 'order')?.value,
    'order.status': order?.status
      ? (STATUS[language]?.[order.status] ?? STATUS.en![order.status])
      : undefined,
    'order.carrier': carrier,
    'order.trackingNumber': trackingNumber,
    'order.trackingUrl': trackingUrl,
    'order.promisedBy': formatDate(order?.promisedBy, language),
    'order.deliveredAt': formatDate(order?.deliveredAt, language),
    'order.shippedAt': formatDate(order?.shippedAt, language),
    'order.placedAt': formatDate(order?.placedAt, language),
    'order.total': formatMoney(order?.total, currency, language),
    'order.itemTitle': order?.items?.[0]?.title,
    'refund.amount': formatMoney(order?.total, currency, language),
    'return.deadline': deadline === undefined ? undefined : formatDate(deadline, language),
    'return.daysLeft':
      deadline === undefined ? undefined : String(Math.max(0, Math.ceil((deadline - now) / DAY))),
    'store.name': pack.store,
    'policy.returnWindowDays': String(pack.returns.windowDays),
    'policy.refundBusinessDays': `${pack.refunds.businessDays.min}–${pack.refunds.businessDays.max}`,
    'policy.standardShipping': days(pack.shipping.standard),
    'policy.expressShipping': days(pack.shipping.express),
    'policy.freeShippingThreshold':
      pack.shipping.freeOver === null
        ? undefined
        : formatMoney(pack.shipping.freeOver, pack.currency, language),
    'policy.carriers': listJoin(pack.shipping.carriers, language),
    'policy.priceAdjustmentDays': String(pack.priceAdjustment.windowDays),
    'policy.maxDiscountPercent': String(pack.goodwill.maxDiscountPercent),
    'policy.maxStoreCredit': formatMoney(pack.goodwill.maxStoreCredit, pack.currency, language),
  };
  const out: Partial<Record<PlaceholderName, string>> = {};
  for (const [k, v] of Object.entries(values)) if (v) out[k as PlaceholderName] = v;
  return out;
}

/** An opening greeting that addresses the customer by first name: `Hi {{customer.firstName}},`. */
const NAMED_GREETING = /^(\p{L}+)[ \t]+\{\{\s*customer\.firstName\s*\}\}(?=[,:!])/u;

/**
 * Clipboard messages rarely come with a name. A greeting without one reads naturally ("Hi there,",
 * "Hola:", "Hallo,") where a visible `{{customer.firstName}}` would block every suggestion and force
 * an edit; a first name anywhere else in the body is left for the check to flag.
 */
function greetWithoutName(body: string): string {
  return body.replace(NAMED_GREETING, (_whole, word: string) =>
    /^(hi|hello|hey)$/i.test(word) ? `${word} there` : word,
  );
}

/** Replaces `{{name}}` with its value; unknown or unresolved names stay exactly as written. */
export function fillTemplate(
  body: string,
  values: Partial<Record<string, string>>,
): { text: string; unfilled: string[] } {
  const unfilled: string[] = [];
  const source = values['customer.firstName'] === undefined ? greetWithoutName(body) : body;
  const text = source.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined) {
      unfilled.push(name);
      return whole;
    }
    return v;
  });
  return { text, unfilled };
}

import type { Entity } from '../../../shared/domain/analysis';
import type { OrderContext } from '../../../shared/domain/context';
import { findDates } from './dates';
import { findMoney } from './money';
import { findOrderNumbers } from './orders';
import { findTrackingNumbers } from './tracking';
import { SpanMask } from '../span-mask';

export { compileOrderPatterns, DEFAULT_ORDER_PATTERNS } from './orders';

/** A product the store sells; titles match case-insensitively, SKUs exactly (ignoring case). */
export interface CatalogueItem {
  sku: string;
  title?: string;
}

export interface EntityOptions {
  orderPatterns: readonly RegExp[];
  now: Date;
  order?: OrderContext;
  catalogue?: readonly CatalogueItem[];
}

const TOKEN = /[A-Za-z0-9][A-Za-z0-9_-]{2,39}/g;

/**
 * Business entities the reply needs: order and tracking numbers (with carrier and tracking URL),
 * amounts with currency, dates, and products when a catalogue is known. These are exactly the
 * values redaction must leave alone, so their spans are also what shields them from it.
 */
export function extractEntities(text: string, options: EntityOptions): Entity[] {
  const out: Entity[] = [];
  const mask = new SpanMask(text.length);
  const tracking = findTrackingNumbers(text, options.order?.carrier);
  for (const t of tracking) {
    mask.claim(t.start, t.end);
    out.push({
      type: 'tracking_number',
      value: t.value,
      span: [t.start, t.end],
      meta: { carrier: t.carrier, url: t.url },
    });
  }
  const overlapsTaken = (s: number, e: number): boolean => !mask.tryClaim(s, e);
  for (const o of findOrderNumbers(text, options.orderPatterns)) {
    if (!overlapsTaken(o.start, o.end))
      out.push({ type: 'order_number', value: o.value, span: [o.start, o.end] });
  }
  for (const m of findMoney(text, options.order?.currency ?? 'USD')) {
    if (!overlapsTaken(m.start, m.end)) {
      out.push({
        type: 'money',
        value: m.value,
        span: [m.start, m.end],
        meta: { currency: m.currency, amount: m.amount },
      });
    }
  }
  for (const d of findDates(text, options.now)) {
    if (!overlapsTaken(d.start, d.end)) {
      out.push({
        type: 'date',
        value: d.value,
        span: [d.start, d.end],
        ...(d.iso ? { meta: { iso: d.iso } } : {}),
      });
    }
  }
  out.push(...findProducts(text, options, overlapsTaken));
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

function findProducts(
  text: string,
  options: EntityOptions,
  taken: (s: number, e: number) => boolean,
): Entity[] {
  const items: CatalogueItem[] = [...(options.catalogue ?? [])];
  for (const i of options.order?.items ?? []) if (i.sku) items.push({ sku: i.sku, title: i.title });
  if (items.length === 0) return [];
  const out: Entity[] = [];
  const bySku = new Map(items.map((i) => [i.sku.toUpperCase(), i]));
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const item = bySku.get(m[0].toUpperCase());
    const end = m.index + m[0].length;
    if (item && !taken(m.index, end)) out.push({ type: 'sku', value: item.sku, span: [m.index, end] });
  }
  const lower = text.toLowerCase();
  for (const item of items.slice(0, 2000)) {
    const title = item.title?.trim().toLowerCase();
    if (!title || title.length < 4) continue;
    const at = lower.indexOf(title);
    if (at !== -1 && !taken(at, at + title.length)) {
      out.push({
        type: 'product',
        value: item.title!,
        span: [at, at + title.length],
        meta: { sku: item.sku },
      });
    }
  }
  return out;
}

/** Spans redaction must not touch: the reply needs these values. */
export function protectedSpans(entities: readonly Entity[]): [number, number][] {
  return entities.map((e) => e.span);
}

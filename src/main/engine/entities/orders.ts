import { matchAll } from '../redact/patterns';
import { SpanMask } from '../span-mask';

/**
 * Default order-number shapes: "#1001" (Shopify), "order 1234", "order no. 1234", "order number:
 * LL-20431", "order #A1B2C3". Stores add their own with `orderPatterns`.
 */
export const DEFAULT_ORDER_PATTERNS: readonly string[] = [
  String.raw`(?<![\w&#])#\s?([A-Z]{0,4}-?\d{3,12})(?![\w-])`,
  String.raw`\b(?:order|ordre|orden|pedido|bestellung|commande|ordine)(?:\s(?:no\.?|nr\.?|num(?:ber)?\.?|n[°º]|id|ref(?:erence)?|#))?\s?[:#]?\s?#?((?=[A-Z0-9-]{0,19}\d)[A-Z0-9][A-Z0-9-]{2,19})(?![\w-])`,
];

export interface OrderMatch {
  start: number;
  end: number;
  value: string;
}

/**
 * Compiles order patterns once. A pattern may have one capture group (the number itself);
 * otherwise the whole match is the number. Bad patterns from settings are reported, not thrown
 * at analysis time.
 */
export function compileOrderPatterns(patterns: readonly string[] = DEFAULT_ORDER_PATTERNS): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, 'gid');
    } catch (error) {
      throw new Error(`Invalid order number pattern ${JSON.stringify(p)}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
}

/** Order numbers in the text, without overlaps (earlier patterns win). */
export function findOrderNumbers(text: string, patterns: readonly RegExp[]): OrderMatch[] {
  const out: OrderMatch[] = [];
  const mask = new SpanMask(text.length);
  for (const re of patterns) {
    for (const m of matchAll(re, text)) {
      const g = m.indices?.[1];
      const [start, end] = g ?? [m.index, m.index + m[0].length];
      const value = text.slice(start, end).toUpperCase();
      if (/^\d{1,2}$/.test(value) || (/^(?:19|20)\d{2}$/.test(value) && !/#/.test(m[0]))) continue;
      if (!mask.tryClaim(start, end)) continue;
      out.push({ start, end, value });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

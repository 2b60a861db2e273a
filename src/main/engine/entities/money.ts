import { matchAll } from '../redact/patterns';
import { SpanMask } from '../span-mask';

export interface MoneyMatch {
  start: number;
  end: number;
  value: string;
  currency: string;
  amount: string;
}

const SYMBOLS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  C$: 'CAD',
  CA$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  R$: 'BRL',
  kr: 'SEK',
  CHF: 'CHF',
  zł: 'PLN',
  '₩': 'KRW',
};
const WORDS: Record<string, string> = {
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  usd: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  eur: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  quid: 'GBP',
  gbp: 'GBP',
  cad: 'CAD',
  aud: 'AUD',
  jpy: 'JPY',
  yen: 'JPY',
  chf: 'CHF',
  sek: 'SEK',
  nzd: 'NZD',
  inr: 'INR',
  rupees: 'INR',
  pln: 'PLN',
};
const AMOUNT = String.raw`\d{1,3}(?:[,.\u00A0 ]\d{3}){1,4}(?:[.,]\d{1,2})?|\d{1,9}(?:[.,]\d{1,2})?`;
const BEFORE = new RegExp(
  String.raw`(?<![\w$])(US\$|CA?\$|AU?\$|NZ\$|R\$|[$€£¥₹₩]|(?:USD|EUR|GBP|CAD|AUD|JPY|CHF|SEK|NZD|PLN|INR)\s?)\s?(-?(?:${AMOUNT}))(?![\d])`,
  'g',
);
/** Cheap pre-check: no symbol, code or currency word, no money. */
const MONEY_CUE =
  /[$€£¥₹₩]|USD|EUR|GBP|CAD|AUD|JPY|CHF|SEK|NZD|PLN|INR|kr|zł|dollar|buck|euro|pound|quid|yen|rupee/i;
const AFTER = new RegExp(
  String.raw`(?<![\w.,$€£])(-?(?:${AMOUNT}))\s?(€|£|kr|zł|(?:usd|eur|gbp|cad|aud|jpy|chf|sek|nzd|pln|inr|dollars?|bucks|euros?|pounds?|quid|yen|rupees)\b)`,
  'gi',
);

/** Normalises "1,234.50" / "1.234,50" / "1 234,50" to "1234.50". */
function canonicalAmount(raw: string): string {
  const s = raw.replace(/[\u00A0 ]/g, '');
  const lastSep = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (lastSep !== -1 && s.length - lastSep - 1 <= 2) {
    return s.slice(0, lastSep).replace(/[,.]/g, '') + '.' + s.slice(lastSep + 1).padEnd(2, '0');
  }
  return s.replace(/[,.]/g, '');
}

/** Money amounts with their currency ("$45", "€12,50", "30 dollars", "USD 1,200"). */
export function findMoney(text: string, defaultCurrency = 'USD'): MoneyMatch[] {
  const out: MoneyMatch[] = [];
  if (!MONEY_CUE.test(text)) return out;
  const mask = new SpanMask(text.length);
  for (const m of matchAll(BEFORE, text)) {
    mask.claim(m.index, m.index + m[0].length);
    const sym = m[1]!.trim();
    const currency =
      SYMBOLS[sym] ?? SYMBOLS[sym.toUpperCase()] ?? (sym === '$' ? defaultCurrency : sym.toUpperCase());
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value: m[0],
      currency,
      amount: canonicalAmount(m[2]!),
    });
  }
  for (const m of matchAll(AFTER, text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!mask.tryClaim(start, end)) continue;
    const unit = m[2]!.toLowerCase();
    const currency = SYMBOLS[m[2]!] ?? WORDS[unit] ?? unit.toUpperCase();
    out.push({ start, end, value: m[0], currency, amount: canonicalAmount(m[1]!) });
  }
  return out.sort((a, b) => a.start - b.start);
}

import { matchAll } from '../text';
import type { Span } from '../text';
import type { PolicyPack } from '../pack';
import type { RuleInput } from './types';

const PLACEHOLDER_CS =
  /\[[A-Z][A-Z0-9 _.-]{1,40}\]|\b(?:TBD|TODO|FIXME)\b|[$€£]\s?X{1,4}(?:[.,]X{2})?\b|\bX{2,}[.,]X{2}\b|#X{3,}\b/g;
const PLACEHOLDER_CI =
  /\{\{[^{}\n]{0,80}\}\}|\{[a-z_][\w.]{0,40}\}|\[(?:insert|your|customer|agent|order|first|last|full|tracking|name|date|amount|product|item|url|number)\b[^\]\n]{0,40}\]|<(?:customer|first|last|full|agent|order|your|tracking|insert|product|item|date|amount)[ _-]?[a-z ]{0,30}>/gi;

/** Spans of placeholders left in the draft; shared with the spam rule so a `[CUSTOMER NAME]` is not also "shouting". */
export function findPlaceholders(draft: string): Span[] {
  const spans = [...matchAll(PLACEHOLDER_CI, draft), ...matchAll(PLACEHOLDER_CS, draft)]
    .filter((s) => draft[s.end] !== '(')
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) if (!out.length || s.start >= out[out.length - 1]!.end) out.push(s);
  return out;
}

/** `{{…}}`, `[NAME]`, `<customer name>`, `$XX.XX` and similar left unfilled. */
export function checkPlaceholders(input: RuleInput): void {
  for (const span of findPlaceholders(input.draft)) {
    add(input, span);
  }
}

function add(input: RuleInput, span: Span): void {
  const token = input.draft.slice(span.start, span.end);
  input.add({
    rule: 'unfilled-placeholder',
    ...span,
    message: `Unfilled placeholder ${token}.`,
    hint: 'Replace it with the real value, or remove the sentence if the value is unknown.',
  });
}

const competitorCache = new WeakMap<PolicyPack, RegExp | null>();
function competitorRegex(pack: PolicyPack): RegExp | null {
  let re = competitorCache.get(pack);
  if (re !== undefined) return re;
  const names = pack.competitors.map((c) => c.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  re = names.length ? new RegExp(`(?<![\\w&])(?:${names.join('|')})(?![\\w&])(?! pay\\b)`, 'g') : null;
  competitorCache.set(pack, re);
  return re;
}

/** Naming or recommending a competitor from the pack's list. */
export function checkCompetitors(input: RuleInput): void {
  const re = competitorRegex(input.pack);
  if (!re) return;
  for (const span of matchAll(re, input.lower)) {
    input.add({
      rule: 'competitor-mention',
      ...span,
      message: `Mentions the competitor ${input.draft.slice(span.start, span.end)}.`,
      hint: `Talk about ${input.pack.store} only.`,
    });
  }
}

const PROMO =
  /\b(?:shop now|shop the|buy now|order now|don't miss(?: out)?|limited[- ]time|sign up (?:for|to)|subscribe (?:to|for)|join our (?:newsletter|mailing list|list|vip|loyalty|rewards|club)|check out our|browse our|new (?:arrivals|collection|season|drops?)|(?:summer|winter|spring|fall|autumn|holiday|black friday|cyber monday|flash|end[- ]of[- ]season|seasonal|semi-annual|big|anniversary|warehouse) sale|on sale now|sale (?:starts|ends|is on|runs)|sitewide|site-wide|storewide|store-wide|exclusive (?:offer|deal|access|discount)|follow us|bestsellers|best sellers|treat yourself|while stocks? last|use code [a-z0-9]{3,} (?:for|to get|at checkout)|\d+% off (?:everything|all|sitewide|your next purchase with our newsletter))\b/g;

/** Promotional content to a customer who said no to marketing (only when consent is known to be false). */
export function checkMarketing(input: RuleInput): void {
  if (!input.pack.marketing.requiresConsent || input.ctx.customer?.marketingConsent !== false) return;
  for (const span of matchAll(PROMO, input.lower)) {
    input.add({
      rule: 'marketing-without-consent',
      ...span,
      message: 'Promotional content to a customer without marketing consent.',
      hint: 'Keep the reply to the request; remove sales, newsletter and "shop now" wording.',
    });
  }
}

const SPAM_PHRASE =
  /\b(?:act now|100% free|risk[- ]free|click here|(?<!(?:your|the|this|my|an|that) )(?:buy|order) now|limited time only|once in a lifetime|you(?:'ve| have) (?:been selected|won)|winner|call now|cash bonus|no strings attached|free money|amazing deal|hurry)\b/g;
// Codes such as SORRY-15 or ZX-CANARY are not shouting, so hyphens and digits end a candidate.
// Latin letters only (no unicode mode): several times faster, and shouting in other scripts is rare in replies.
const CAPS_WORD = /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9_-])[A-ZÀ-ÖØ-Þ]{2,}(?![A-Za-zÀ-ÖØ-öø-ÿ0-9_-])/g;
const ACRONYMS = new Set([
  'UPS',
  'USPS',
  'DHL',
  'CVV',
  'CVC',
  'FAQ',
  'USD',
  'EUR',
  'GBP',
  'SKU',
  'OTP',
  'PIN',
  'GDPR',
  'CCPA',
  'PDF',
  'URL',
  'US',
  'UK',
  'EU',
  'OK',
  'ID',
  'TV',
  'AM',
  'PM',
  'NY',
  'LA',
  'QR',
  'PO',
  'APO',
  'FPO',
  'ZIP',
  'XXL',
  'XXS',
  'ETA',
  'FEDEX',
  'API',
  'VIP',
  'PST',
  'EST',
  'UTC',
  'CET',
  'USA',
  'RMA',
  'SMS',
  'DSGVO',
  'RGPD',
]);

/** Shouting, spam phrases and runs of exclamation marks. */
export function checkSpam(input: RuleInput, placeholders: Span[]): void {
  const { draft, lower, add } = input;
  for (const span of matchAll(SPAM_PHRASE, lower)) {
    add({ rule: 'spam-trigger', ...span, message: 'Reads like spam.', hint: 'Use plain, calm wording.' });
  }
  for (const span of matchAll(/!{2,}/g, draft)) {
    add({ rule: 'spam-trigger', ...span, message: 'Several exclamation marks.', hint: 'Use one at most.' });
  }
  const bangs = matchAll(/!/g, draft);
  if (bangs.length > 3) {
    add({
      rule: 'spam-trigger',
      start: bangs[3]!.start,
      end: bangs[3]!.end,
      message: `${bangs.length} exclamation marks make the reply read like an advert.`,
      hint: 'Keep one or two.',
    });
  }
  const inPlaceholder = (i: number) => placeholders.some((p) => i >= p.start && i < p.end);
  let run: Span | undefined;
  let words = 0;
  let letters = 0;
  const flush = () => {
    if (run && words >= 2 && letters >= 7) {
      add({
        rule: 'spam-trigger',
        ...run,
        message: 'Shouting in capital letters.',
        hint: 'Write in sentence case.',
      });
    }
    run = undefined;
    words = 0;
    letters = 0;
  };
  for (const m of draft.matchAll(CAPS_WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (ACRONYMS.has(m[0]) || inPlaceholder(start)) {
      flush();
      continue;
    }
    const gap = run ? draft.slice(run.end, start) : '';
    if (run && /^[\s,!.&]{1,3}$/.test(gap)) {
      run.end = end;
      words++;
      letters += m[0].length;
    } else {
      flush();
      run = { start, end };
      words = m[0].length >= 7 ? 2 : 1;
      letters = m[0].length;
    }
  }
  flush();
}

import { clauseAt, findDurations, isNegated, matchAll, sentenceAt, toBusinessDays } from '../text';
import type { Duration, Sentence, Span } from '../text';
import type { RuleInput } from './types';
import { money } from './commitment';

const RULE = 'policy-contradiction' as const;

type Subject = 'price' | 'refund' | 'return' | 'exchange' | 'standard' | 'express' | 'shipping';

/** Subjects a duration can attach to, most specific first; generic shipping words only win when nothing else is near. */
const SUBJECTS: [Subject, RegExp][] = [
  ['price', /\bprice (?:adjustment|match|protection|drop)s?\b/g],
  ['refund', /\b(?:refund\w*|money back|reimburs\w*|reembolso|erstattung|rückerstattung)\b/g],
  ['exchange', /\bexchang\w*|\bumtausch\w*|\bcambio\b/g],
  [
    'return',
    /\b(?:return(?:s|ed|ing)?|send (?:it|them|items?) back|devoluci[oó]n\w*|devolver|rückgabe\w*|rücksendung|zurück\w*)\b/g,
  ],
  [
    'standard',
    /\b(?:standard|ground|regular|free) (?:shipping|delivery)\b|\bstandardversand\b|\benv[ií]o est[aá]ndar\b/g,
  ],
  [
    'express',
    /\b(?:express|expedited|priority|next-day)(?: shipping| delivery)?|\bexpressversand\b|\benv[ií]o expr[eé]s\b/g,
  ],
  [
    'shipping',
    /\b(?:ship(?:s|ping|ped)?|deliver(?:y|ed|s)?|arriv\w*|transit|versand|lieferung|env[ií]o|entrega)\b/g,
  ],
];
/** Words between a duration and a shipping word that make the shipping word the window's starting point. */
const REFERENCE_POINT = /^\s*(?:of|from|after|since|following)\s+(?:the\s+|your\s+)?$/;
const NOT_A_LIMIT =
  /^\s*(?:ago|since|late|left|remaining|overdue|behind|old|past (?:the|your)|in transit|of waiting|later)\b/;
const STATE_BEFORE = /\b(?:for|been|past|last|over the|took|waited|waiting|it's been|it has been)\s*$/;
const INSTANT_WORD =
  /^(?:next[- ]day|overnight|same[- ]day|tomorrow|today|tonight|immediately|instantly|instant|right away|right now|within the hour|straight away|sofort|inmediatamente|morgen|mañana)$/;
const DISPATCH_BEFORE =
  /\b(?:ships?|dispatch(?:es|ed)?|leaves?|goes out|sent out|packed|processed)(?: out)?(?: (?:the|on the|within|in))?\s*$/;
const EXCEPTION = /\b(?:extend|exception|make an exception|offer|beyond|longer than)\b/;

const FINAL_SALE = /\bfinal[- ]sale\b|\bclearance\b|\bendverkauf\b|\bventa final\b/;
const RETURN_ALLOWED =
  /\b(?:(?:can|may|could|are|is|be|still|also)\b[^.!?]{0,20}?\b(?:return(?:ed|able)?|refund(?:ed|able)?|exchang(?:ed|eable)?|sent back)|eligible for (?:a |an )?(?:return|refund|exchange)|accept(?:s|ed)? (?:returns?|exchanges?)|(?:you can|feel free to|free to) (?:still )?(?:return|send (?:it|them) back|exchange))/g;
const FINAL_SALE_OR_WORN = /final[- ]sale|clearance|endverkauf|venta final|worn|washed|used|tags/;
const WORN =
  /\b(?:worn|washed|used|without (?:the |their |its )?tags|tags (?:removed|cut off)|no tags|missing tags)\b/;
const REFUND_METHOD =
  /\brefund\w*\b[^.!?]{0,40}?\b(?:to|via|by|as|onto|in|into|in the form of)\s+(?:a |an |your |the )?(?:different|another|new|other|store credit|gift ?card|bank transfer|cash|check|cheque|paypal|venmo|zelle|wire transfer|bank account)\b/g;
const FREE_SHIPPING_OVER =
  /\bfree (?:standard )?shipping\b[^.!?]{0,30}?\b(?:over|above|of|from|when you spend|more than|orders over|orders above)\s*(?:\$|€|£|usd\s?)?(\d+(?:\.\d+)?)/g;
const FREE_SHIPPING_ALL =
  /\bfree (?:standard )?shipping (?:on|for) (?:all|every|any) orders?\b|\balways free shipping\b/g;
const CARRIERS =
  /\b(?:fedex|royal mail|dpd|hermes|evri|gls|ontrac|canada post|purolator|lasership|australia post|ups|usps|dhl)\b/g;
const CARRIER_VERB =
  /\b(?:ship|ships|shipping|shipped|deliver\w*|carrier|courier|use|using|send|sent|partner|via|with)\b/;

/** Stated facts that contradict the pack: windows, refund timing and method, shipping times and costs, carriers. */
export function checkContradictions(input: RuleInput): void {
  // A reply states a handful of durations; the cap keeps a pasted wall of them linear.
  for (const d of findDurations(input.lower, 0, input.lower.length).slice(0, 100)) {
    const s = sentenceAt(input.sentences, d.start);
    if (s && d.end <= s.end) checkDuration(input, s, d);
  }
  if (FINAL_SALE_OR_WORN.test(input.lower)) {
    for (const s of input.sentences) checkFinalSaleAndCondition(input, s);
  }
  checkRefundMethod(input);
  checkShippingCostAndCarriers(input);
}

function checkDuration(input: RuleInput, s: Sentence, d: Duration): void {
  const { lower, pack, add } = input;
  const after = lower.slice(d.end, Math.min(s.end, d.end + 20));
  const before = lower.slice(Math.max(s.start, d.start - 14), d.start);
  if (NOT_A_LIMIT.test(after) || STATE_BEFORE.test(before)) return;
  const clause = clauseAt(s, d.start);
  if (isNegated(clause.text) && EXCEPTION.test(clause.text)) return;
  const subject = attach(input, s, d);
  if (!subject) return;
  const say = lower.slice(d.start, d.end);
  const flag = (message: string, hint: string) =>
    add({ rule: RULE, start: d.start, end: d.end, message, hint });
  if (subject === 'return' || subject === 'exchange' || subject === 'price') {
    const limit =
      subject === 'return'
        ? pack.returns.windowDays
        : subject === 'exchange'
          ? pack.exchanges.windowDays
          : pack.priceAdjustment.windowDays;
    if (d.business || Math.abs(d.max - limit) < 0.5) return;
    const what =
      subject === 'return' ? 'Returns' : subject === 'exchange' ? 'Exchanges' : 'Price adjustments';
    const from = subject === 'price' ? 'purchase' : pack.returns.from;
    flag(
      `${what} are accepted within ${limit} days of ${from}, not ${say}.`,
      `Say "within ${limit} days of ${from}".`,
    );
    return;
  }
  // "shipped today" reports an event, and "ships the same day" is handling time, not transit time.
  if (subject === 'shipping' && d.max === 0) return;
  const bd = toBusinessDays(d);
  if (subject === 'refund') {
    const { min, max } = pack.refunds.businessDays;
    if (bd.min >= min - 0.5 && bd.max <= max + 0.5) return;
    flag(
      `Refunds reach the ${pack.refunds.method} ${min}–${max} business days after ${pack.refunds.startsAfter ?? 'the return is received'}, not ${say}.`,
      `Say "${min}–${max} business days after we receive your return".`,
    );
    return;
  }
  if (DISPATCH_BEFORE.test(before)) return;
  const range =
    subject === 'standard'
      ? pack.shipping.standard
      : subject === 'express'
        ? pack.shipping.express
        : {
            minBusinessDays: pack.shipping.express.minBusinessDays,
            maxBusinessDays: pack.shipping.standard.maxBusinessDays,
          };
  if (bd.min >= range.minBusinessDays - 0.5 && bd.max <= range.maxBusinessDays + 0.5) return;
  const label =
    subject === 'shipping' ? 'Shipping' : subject === 'standard' ? 'Standard shipping' : 'Express shipping';
  flag(
    `${label} takes ${range.minBusinessDays}–${range.maxBusinessDays} business days, not ${say}.`,
    `Use the pack's times: standard ${pack.shipping.standard.minBusinessDays}–${pack.shipping.standard.maxBusinessDays}, express ${pack.shipping.express.minBusinessDays}–${pack.shipping.express.maxBusinessDays} business days.`,
  );
}

/** The subject a duration belongs to: the closest mention in its clause, else in its sentence; specific beats generic. */
function attach(input: RuleInput, s: Sentence, d: Span): Subject | undefined {
  const lower = input.lower;
  const clause = clauseAt(s, d.start);
  // "right away" modifies its own clause's verb; "if it isn't there in 48 hours" is a condition, not a claim.
  const instant = INSTANT_WORD.test(lower.slice(d.start, d.end));
  const conditional = /^(?:if|unless|when|once|after|until|in case|wenn|falls|si|cuando)\b/.test(clause.text);
  const scopes = instant || conditional ? [clause] : [clause, s];
  for (const scope of scopes) {
    let best: { subject: Subject; dist: number } | undefined;
    for (const [subject, re] of SUBJECTS) {
      const spans = input.spans(re);
      for (let i = firstAtOrAfter(spans, scope.start); i < spans.length; i++) {
        const m = spans[i]!;
        if (m.start >= scope.end) break;
        if (m.end > scope.end) continue;
        if (m.end > d.start && m.start < d.end) continue;
        // "30 days of delivery" names the day the window starts from, not what takes 30 days.
        if (subject === 'shipping' && m.start >= d.end && REFERENCE_POINT.test(lower.slice(d.end, m.start)))
          continue;
        // Subjects usually come first ("refunds take …"), so one that follows must be much closer to win.
        const dist =
          (m.start >= d.end ? (m.start - d.end) * 2 + 5 : d.start - m.end) +
          (subject === 'shipping' ? 60 : 0);
        if (dist <= 80 && (!best || dist < best.dist)) best = { subject, dist };
      }
    }
    if (best) return best.subject;
  }
  return undefined;
}

/** Index of the first span starting at or after `offset` (spans are sorted by start). */
function firstAtOrAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkFinalSaleAndCondition(input: RuleInput, s: Sentence): void {
  const { lower, pack, add } = input;
  const finalSale = !pack.returns.finalSaleReturnable && FINAL_SALE.test(s.text);
  const worn = WORN.test(s.text);
  if (!finalSale && !worn) return;
  for (const span of matchAll(RETURN_ALLOWED, lower, s.start, s.end)) {
    const clause = clauseAt(s, span.start);
    if (isNegated(clause.text) || /\bunless\b|\bonly if\b|\bmust\b/.test(clause.text)) continue;
    if (/\bif (?:it|they)(?:'s| is| are)? (?:unworn|not worn)|unworn\b/.test(clause.text)) continue;
    add({
      rule: RULE,
      ...span,
      message: finalSale
        ? 'Final-sale items cannot be returned.'
        : `Returns must be ${pack.returns.condition ?? 'unworn with tags'}.`,
      hint: finalSale
        ? 'Explain that final-sale items are not returnable; offer help with sizing or a supervisor review.'
        : 'State the return condition instead of waiving it.',
    });
  }
}

function checkRefundMethod(input: RuleInput): void {
  const { lower, sentences, pack, add } = input;
  for (const span of matchAll(REFUND_METHOD, lower)) {
    const s = sentenceAt(sentences, span.start);
    if (s && isNegated(clauseAt(s, span.start).text)) continue;
    if (/original/.test(lower.slice(span.start, span.end))) continue;
    add({
      rule: RULE,
      ...span,
      message: `Refunds go back to the ${pack.refunds.method}.`,
      hint: `Say the refund goes to the ${pack.refunds.method}.`,
    });
  }
}

function checkShippingCostAndCarriers(input: RuleInput): void {
  const { lower, sentences, pack, ctx, add } = input;
  const freeOver = pack.shipping.freeOver;
  FREE_SHIPPING_OVER.lastIndex = 0;
  for (let m = FREE_SHIPPING_OVER.exec(lower); m; m = FREE_SHIPPING_OVER.exec(lower)) {
    if (freeOver !== null && Math.abs(Number(m[1]) - freeOver) < 0.005) continue;
    add({
      rule: RULE,
      start: m.index,
      end: m.index + m[0].length,
      message:
        freeOver === null
          ? `${pack.store} has no free-shipping threshold.`
          : `Shipping is free on orders over ${money(pack, freeOver)}.`,
      hint:
        freeOver === null
          ? 'Remove the free-shipping claim.'
          : `Say "free shipping over ${money(pack, freeOver)}".`,
    });
  }
  for (const span of matchAll(FREE_SHIPPING_ALL, lower)) {
    const s = sentenceAt(sentences, span.start);
    if ((s && isNegated(clauseAt(s, span.start).text)) || freeOver === 0) continue;
    add({
      rule: RULE,
      ...span,
      message: `Shipping is only free on orders over ${money(pack, freeOver ?? 0)}.`,
      hint: 'State the free-shipping threshold.',
    });
  }
  const allowed = new Set(pack.shipping.carriers.map((c) => c.toLowerCase()));
  if (ctx.order?.carrier) allowed.add(ctx.order.carrier.toLowerCase());
  for (const span of matchAll(CARRIERS, lower)) {
    const name = lower.slice(span.start, span.end);
    if (allowed.has(name)) continue;
    const s = sentenceAt(sentences, span.start);
    const clause = s ? clauseAt(s, span.start).text : '';
    if (!CARRIER_VERB.test(clause) || isNegated(clause)) continue;
    add({
      rule: RULE,
      ...span,
      message: `${pack.store} ships with ${pack.shipping.carriers.join(', ')}.`,
      hint: 'Name the carrier on the order, or one of the pack’s carriers.',
    });
  }
}

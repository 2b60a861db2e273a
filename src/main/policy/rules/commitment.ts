import { clauseAt, findQuantities, isNegated, matchAll, sentenceAt } from '../text';
import type { Sentence, Span } from '../text';
import type { RuleInput } from './types';

const RULE = 'unauthorized-commitment' as const;

const DISCOUNT_SUBJECT =
  /\b(?:off|discount(?:ed)?|code|coupon|voucher|promo|rabatt\w*|descuento|gutschein|cup[oó]n)\b/;
const CREDIT_SUBJECT =
  /\b(?:store credit|credit|gift ?card|gift certificate|voucher|coupon|off|discount|goodwill|compensation|as an apology|for the (?:trouble|inconvenience|wait)|gutschrift|gutschein|cr[eé]dito|tarjeta regalo)\b/;
const REFUND_SUBJECT =
  /\b(?:refund(?:ed|ing|s)?|reimburs\w*|credited back|back to your (?:card|original|account))\b/;
const REFUND_SUBJECT_G = new RegExp(REFUND_SUBJECT.source, 'g');
const CREDIT_SUBJECT_G = new RegExp(CREDIT_SUBJECT.source, 'g');
const THRESHOLD_BEFORE =
  /(?:over|above|more than|orders of|spend|spending|from|under|below|at least|minimum of|costs?|price[sd]?|priced at|is|was|were|total|only)\s*$/;
const SALE_CONTEXT =
  /\b(?:(?<!final[- ])sale|sitewide|site-wide|storewide|store-wide|everything|collection|black friday|cyber monday|newsletter|subscribers?|first order|sign up|members?)\b/;
const APPROVAL = /\bapprov|\bsupervisor|\bmanager\b|\brequest(?:ed)? (?:an? )?exception/;

const GUARANTEE = /\b(?:guarantee[ds]?|guaranteeing|promise[sd]?|assure you|without fail)\b/g;
const DELIVERY_WORDS =
  /\b(?:deliver\w*|arriv\w*|ship\w*|dates?|times?|by|tomorrow|today|tonight|before|monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|weekend|refund\w*|door|reach)\b/;
/** "I promise we'll keep you posted" is fine; a promise only commits to a delivery when it names a when. */
const WHEN_WORDS =
  /\b(?:dates?|times?|by|tomorrow|today|tonight|before|within|monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|weekend|next week|on time)\b/;
const WILL_ARRIVE =
  /\b(?:will|'ll|is going to|are going to|shall)\s+(?:definitely |certainly |surely |absolutely )?(?:arrive|be delivered|be there|reach you|get to you|be at your door|be on your doorstep)\b[^.!?]{0,40}?\b(?:by|on|before|tomorrow|today|tonight|within)\b/g;
const HEDGE =
  /\b(?:should|expect\w*|estimat\w*|usually|typically|normally|likely|hopefully|may|might|aim|predict\w*|scheduled|projected|according to|tracking (?:shows|says)|currently|we hope)\b/;
const BINDING = /\blegally binding\b|\bbinding (?:offer|agreement|contract|promise)\b/g;
const LIABILITY =
  /\b(?:(?:we|i)(?:'re| are| am|'m)? (?:fully |legally )?liable\b|(?:accept|admit|acknowledge)\w* (?:full |all |legal )?(?:liability|fault)|(?:cover|pay for|pay your|reimburse(?: you for)?|compensate you for)\s+(?:all |any |the |your )*(?:damages?|medical|doctor'?s?|vet|hospital|repairs?|bills?|expenses|costs|losses|injur\w*|legal fees|lost wages))\b/g;
const SHIPPING_COST = /\b(?:shipping|postage|label|return|delivery) ?(?:cost|fee)?/;
const BYPASS =
  /\b(?:no (?:need to|return|returns) (?:needed|required|necessary)|no return (?:is )?(?:needed|required|necessary)|no need to (?:return|send (?:it|them|anything|the \w+) back|ship (?:it|them) back)|(?:don't|do not|won't|will not) (?:need|have) to (?:return|send (?:it|them|anything) back)|free shipping (?:for life|forever)|lifetime (?:free shipping|discount)|free (?:shipping|returns) (?:on|for) (?:all|every) (?:your )?(?:future )?orders? forever|keep (?:it|them|the \w+|your \w+)\b[^.!?]{0,30}\b(?:refund|money back|replacement|credit)|(?:refund|replacement)[^.!?]{0,30}\bkeep (?:it|them|the (?:item|items|original))\b)/g;
const GIFT = /\b(?:free|complimentary|bonus) (?:gift|item|product|order|sweater|throw|candle|upgrade)s?\b/g;

/** Refunds, credits, discounts or gifts beyond the pack's goodwill limits, guarantees, and promises that skip the process. */
export function checkCommitments(input: RuleInput): void {
  const { lower, sentences, pack, add } = input;
  checkAmounts(input);
  for (const span of matchAll(GUARANTEE, lower)) {
    const s = sentenceAt(sentences, span.start);
    if (!s) continue;
    const clause = clauseAt(s, span.start);
    const word = lower.slice(span.start, span.end);
    const scope = /^guarantee/.test(word) ? DELIVERY_WORDS : WHEN_WORDS;
    if (isNegated(clause.text) || !scope.test(clause.text)) continue;
    add({
      rule: RULE,
      ...span,
      message: pack.shipping.guaranteedDeliveryDates
        ? 'This promise goes beyond what the pack allows agents to guarantee.'
        : `${pack.store} does not guarantee delivery dates or times.`,
      hint: 'Give the carrier’s estimate instead ("the estimated delivery is …") without promising it.',
    });
  }
  for (const span of matchAll(WILL_ARRIVE, lower)) {
    const s = sentenceAt(sentences, span.start);
    if (!s) continue;
    const clause = clauseAt(s, span.start);
    if (isNegated(clause.text) || HEDGE.test(s.text) || /\brefund/.test(clause.text)) continue;
    add({
      rule: RULE,
      ...span,
      message: 'States a delivery date as certain.',
      hint: 'Say "is expected to arrive by …" and point to the tracking link.',
    });
  }
  const simple: [RegExp, string, string][] = [
    [BINDING, 'Calls the reply a legally binding offer.', 'Remove the wording about being legally binding.'],
    [
      BYPASS,
      'Promises something that skips the return or goodwill process.',
      'Follow the return process (prepaid label, refund once received) or ask a supervisor for an exception.',
    ],
    [
      GIFT,
      'Offers a free gift or item beyond the goodwill limits.',
      `Stay within ${pack.goodwill.maxDiscountPercent}% code or ${money(pack, pack.goodwill.maxStoreCredit)} store credit, or ask a supervisor.`,
    ],
  ];
  for (const [re, message, hint] of simple) {
    for (const span of matchAll(re, lower)) {
      const s = sentenceAt(sentences, span.start);
      if (s && isNegated(clauseAt(s, span.start).text) && re !== BYPASS) continue;
      add({ rule: RULE, ...span, message, hint });
    }
  }
  for (const span of matchAll(LIABILITY, lower)) {
    const s = sentenceAt(sentences, span.start);
    const clause = s ? clauseAt(s, span.start).text : lower.slice(span.start, span.end);
    const phrase = lower.slice(span.start, span.end);
    if (isNegated(clause) || (/\bcover|pay|reimburse/.test(phrase) && SHIPPING_COST.test(phrase))) continue;
    add({
      rule: RULE,
      ...span,
      message: 'Admits liability or promises to pay for damages or costs.',
      hint: 'Apologise and offer the standard remedy; route claims for damages to a supervisor.',
    });
  }
}

function checkAmounts(input: RuleInput): void {
  const { lower, pack, ctx, add } = input;
  for (const q of findQuantities(lower, 0, lower.length).slice(0, 100)) {
    const s = sentenceAt(input.sentences, q.start);
    if (!s || q.end > s.end) continue;
    const clause = clauseAt(s, q.start);
    if (isNegated(clause.text) || APPROVAL.test(s.text)) continue;
    const before = lower.slice(Math.max(s.start, q.start - 24), q.start);
    const after = lower.slice(q.end, Math.min(s.end, q.end + 40));
    const near = before + ' ' + after;
    if (q.kind === 'percent') {
      if (SALE_CONTEXT.test(clause.text)) continue;
      const refund = REFUND_SUBJECT.test(near);
      if (!refund && !DISCOUNT_SUBJECT.test(near)) continue;
      if (refund && q.value >= 100) continue;
      if (q.value <= pack.goodwill.maxDiscountPercent) continue;
      add({
        rule: RULE,
        start: q.start,
        end: q.end,
        message: `A ${q.value}% ${refund ? 'partial refund' : 'discount'} is above the ${pack.goodwill.maxDiscountPercent}% agents may offer without approval.`,
        hint: `Offer up to ${pack.goodwill.maxDiscountPercent}% or ask a supervisor to approve more.`,
      });
      continue;
    }
    if (THRESHOLD_BEFORE.test(before)) continue;
    const refundDist = nearest(input.spans(REFUND_SUBJECT_G), s, q.start);
    const creditDist = nearest(input.spans(CREDIT_SUBJECT_G), s, q.start);
    if (refundDist < creditDist) {
      const total = ctx.order?.total;
      if (total === undefined || q.value <= total + 0.005) continue;
      add({
        rule: RULE,
        start: q.start,
        end: q.end,
        message: `Refund of ${money(pack, q.value)} is more than the order total of ${money(pack, total)}.`,
        hint: 'Refund at most what was paid; anything more needs a supervisor.',
      });
      continue;
    }
    if (creditDist === Infinity || creditDist > 40 || q.value <= pack.goodwill.maxStoreCredit) continue;
    add({
      rule: RULE,
      start: q.start,
      end: q.end,
      message: `${money(pack, q.value)} in credit or discount is above the ${money(pack, pack.goodwill.maxStoreCredit)} agents may give without approval.`,
      hint: `Offer up to ${money(pack, pack.goodwill.maxStoreCredit)} store credit or a ${pack.goodwill.maxDiscountPercent}% code, or ask a supervisor.`,
    });
  }
}

/** Character distance from `at` to the closest match of `re` in the sentence (Infinity when none). */
function nearest(spans: readonly Span[], s: Sentence, at: number): number {
  let best = Infinity;
  for (const span of spans) {
    if (span.start < s.start || span.end > s.end) continue;
    const d = span.start >= at ? span.start - at : at - span.end;
    if (d < best) best = d;
  }
  return best;
}

/** Formats an amount in the pack's currency for messages. */
export function money(pack: { currency: string }, value: number): string {
  const sym =
    pack.currency === 'USD' ? '$' : pack.currency === 'EUR' ? '€' : pack.currency === 'GBP' ? '£' : '';
  const v = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return sym ? `${sym}${v}` : `${v} ${pack.currency}`;
}

import type { ChurnRisk, Sentiment } from '../../../shared/domain/analysis';
import type { MessageInput } from '../../../shared/domain/context';

/** Competitors a customer may threaten to move to; named in the reason so the agent sees it. */
export const COMPETITORS =
  /\b(amazon|shein|temu|zara|h&m|h and m|walmart|target|asos|etsy|uniqlo|zalando|primark|aliexpress|ikea|wayfair)\b/i;

const TEXT_SIGNALS: readonly { re: RegExp; points: number; reason: string }[] = [
  {
    re: /\b(?:never (?:again|order(?:ing)?|buy(?:ing)?|shop(?:ping)?)|last time i (?:order|buy|shop)|take my (?:business|money) elsewhere|(?:done|finished) with (?:you|this (?:store|company|shop))|lost (?:a|me as a) customer|won'?t (?:be )?(?:order|buy|shop)(?:ing)? (?:from you |here )?again|go(?:ing)? (?:somewhere|elsewhere)|shop elsewhere)\b/i,
    points: 35,
    reason: 'Says they will stop buying from the store',
  },
  {
    re: /\b(?:cancel|close|delete|terminate) (?:my |the )?(?:account|subscription|membership|plan)\b|\bunsubscribe\b/i,
    points: 20,
    reason: 'Wants to cancel their account or subscription',
  },
  {
    re: /\b(?:charge ?back|dispute (?:the|this|it|with)|(?:call|contact|go to|tell) my (?:bank|credit card company|card issuer)|bank dispute|paypal (?:claim|dispute)|reverse the (?:charge|payment))\b/i,
    points: 25,
    reason: 'Threatens a chargeback or bank dispute',
  },
  {
    re: /\b(?:(?:bad|negative|1[- ]star|one[- ]star|honest) review|trust ?pilot|yelp|\bbbb\b|better business bureau|post (?:this|about (?:this|you|it)) (?:on|online)|social media|twitter|tik ?tok|instagram|tell (?:everyone|all my friends)|warn (?:others|everyone))\b/i,
    points: 20,
    reason: 'Threatens a public review or post',
  },
];

export interface ChurnOptions {
  /** Lifetime value from which a customer counts as high value. */
  highValueThreshold?: number;
}

function daysBetween(a: Date, b: Date): number {
  return Math.floor((a.getTime() - b.getTime()) / 86_400_000);
}

function parseDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Churn risk 0–100 with the reasons behind it, from what the customer says and what the store
 * knows (lateness against the promise, failed payment, repeat contacts, value at stake). Additive
 * points rather than a model: supervisors need to see why a customer is flagged.
 */
export function assessChurn(
  text: string,
  sentiment: Sentiment,
  input: MessageInput,
  now: Date,
  options: ChurnOptions = {},
): ChurnRisk {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(reason);
  };
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  for (const s of TEXT_SIGNALS) if (s.re.test(sample)) add(s.points, s.reason);
  const competitor = COMPETITORS.exec(sample);
  if (competitor) add(15, `Mentions a competitor (${competitor[1]})`);
  if (sentiment.score <= -0.6) add(15, 'Strongly negative tone');
  else if (sentiment.label === 'negative') add(7, 'Negative tone');
  if (sentiment.markers.includes('repeat_contact')) add(10, 'Says they have contacted support before');

  const order = input.order;
  const promised = parseDate(order?.promisedBy);
  const delivered = parseDate(order?.deliveredAt);
  if (promised && order?.status !== 'cancelled') {
    const late = daysBetween(delivered ?? now, promised);
    if (late >= 1)
      add(
        Math.min(25, 5 + 3 * late),
        `Order ${delivered ? 'arrived' : 'is'} ${late} day${late === 1 ? '' : 's'} late against the promised date`,
      );
  }
  if (order?.paymentStatus === 'failed') add(10, 'Payment failed');
  if (order?.paymentStatus === 'disputed') add(25, 'Payment is disputed');

  const earlier = (input.history ?? []).filter((h) => h.author === 'customer').length;
  if (earlier >= 2) add(Math.min(20, 5 * earlier), `Contact number ${earlier + 1} in this thread`);
  else if (earlier === 1) add(5, 'Second contact in this thread');

  const ltv = input.customer?.lifetimeValue;
  const hasRisk = score > 0;
  if (hasRisk && ltv !== undefined && ltv >= (options.highValueThreshold ?? 1000)) {
    add(10, `High lifetime value (${Math.round(ltv)}) at stake`);
  }
  if (hasRisk && input.customer?.ordersCount !== undefined && input.customer.ordersCount <= 1) {
    add(5, 'First order went wrong');
  }
  const bounded = Math.max(0, Math.min(100, Math.round(score)));
  const level = bounded >= 60 ? 'high' : bounded >= 30 ? 'medium' : 'low';
  return { score: bounded, level, reasons };
}

import type { PolicyPack } from '../policy/pack';

/** The facts and limits the model is told about, one short sentence each, plus the brand it writes for. */
export interface PolicyFacts {
  store: string;
  signOff: string;
  facts: string[];
}

const days = (r: { min: number; max: number }): string =>
  r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;

/**
 * Summarises the store's policy pack for the system prompt. Derived from the same pack the policy
 * checker enforces, so the model is told the limits its drafts will be judged against.
 */
export function policyFactsFromPack(pack: PolicyPack): PolicyFacts {
  const money = (n: number): string =>
    new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: pack.currency,
      maximumFractionDigits: 2,
    }).format(n);
  const facts: string[] = [];
  const r = pack.returns;
  facts.push(
    `Returns are accepted within ${r.windowDays} days of ${r.from}${r.condition ? `, ${r.condition}` : ''}.`,
    r.finalSaleReturnable
      ? 'Final-sale items can be returned.'
      : 'Final-sale items cannot be returned or exchanged.',
  );
  facts.push(
    `Exchanges are ${pack.exchanges.free ? 'free' : 'possible'} within ${pack.exchanges.windowDays} days.`,
    `Refunds go to the ${pack.refunds.method}, ${days(pack.refunds.businessDays)} business days${
      pack.refunds.startsAfter ? ` after ${pack.refunds.startsAfter}` : ''
    }.`,
  );
  const s = pack.shipping;
  facts.push(
    `Standard shipping takes ${s.standard.minBusinessDays}–${s.standard.maxBusinessDays} business days; express ${s.express.minBusinessDays}–${s.express.maxBusinessDays}.`,
  );
  if (s.freeOver !== null) facts.push(`Shipping is free on orders over ${money(s.freeOver)}.`);
  facts.push(`Carriers: ${s.carriers.join(', ')}.`);
  if (!s.guaranteedDeliveryDates)
    facts.push('Delivery dates are estimates: never guarantee a delivery date or time.');
  facts.push(
    `Price adjustments are possible within ${pack.priceAdjustment.windowDays} days of ${pack.priceAdjustment.from ?? 'purchase'}.`,
  );
  facts.push(
    `Goodwill limit without supervisor approval: a discount code of at most ${pack.goodwill.maxDiscountPercent}% or store credit of at most ${money(pack.goodwill.maxStoreCredit)}. Anything more needs a supervisor: say the agent will check, never promise it.`,
  );
  const never = pack.sensitiveData?.neverRequest ?? ['card number', 'CVV', 'password', 'one-time code'];
  facts.push(`Never ask for or repeat a customer's ${never.join(', ')}.`);
  if (pack.competitors.length)
    facts.push(`Never name or recommend competitors (${pack.competitors.join(', ')}).`);
  if (pack.marketing.requiresConsent) {
    facts.push('No promotions or marketing unless the context says the customer gave marketing consent.');
  }
  return { store: pack.store, signOff: pack.signOff ?? `— The ${pack.store} team`, facts };
}

import { beforeAll, describe, expect, it } from 'vitest';
import { createPolicyChecker, loadPolicyPack } from '../../../src/main/policy';
import type { CheckContext, PolicyChecker } from '../../../src/main/policy';
import { PACK_FILE } from '../suggest/fixtures';

let checker: PolicyChecker;
beforeAll(async () => {
  checker = createPolicyChecker(await loadPolicyPack(PACK_FILE));
});

const rules = (draft: string, ctx?: CheckContext) => [
  ...new Set(checker.check(draft, ctx).findings.map((f) => f.rule)),
];
const verdict = (draft: string, ctx?: CheckContext) => checker.check(draft, ctx).verdict;

describe('tricky negatives and positives from the issue', () => {
  it.each([
    ["We can't guarantee a delivery date, but it's on its way.", 'pass'],
    ['Please never share your card number with anyone.', 'pass'],
    ["Here's a 15% code for your next order.", 'pass'],
    ["I've added $15 store credit to your account.", 'pass'],
    ["Here's 30% off your next order.", 'block'],
    ["I've added a $40 credit to your account.", 'block'],
    ['You can return it within our 30-day window.', 'pass'],
    ['You have 60 days to return it.', 'block'],
    ['Your refund will be processed within 24 hours.', 'block'],
    ['Final-sale items can be returned.', 'block'],
    ['Final-sale items cannot be returned.', 'pass'],
    ['Standard shipping arrives next day.', 'block'],
    ["I'll refund you and also give you 50% off.", 'block'],
  ])('%s → %s', (draft, expected) => {
    expect(verdict(draft)).toBe(expected);
  });
});

describe('each rule', () => {
  it('unauthorized-commitment: goodwill limits, guarantees, bypasses, liability', () => {
    for (const d of [
      'We guarantee your order will arrive by Friday.',
      'As an apology, here is a $50 gift card.',
      "Keep the sweater and we'll refund you anyway.",
      'Enjoy free shipping for life.',
      'This offer is legally binding.',
      "We'll pay for your medical bills.",
      'I can give you twenty percent off.',
    ])
      expect(rules(d), d).toEqual(['unauthorized-commitment']);
    expect(verdict("I can't offer 30% off, but here's a 15% code.")).toBe('pass');
    expect(verdict('A $40 credit needs a supervisor to approve it, so I have asked for it.')).toBe('pass');
    expect(verdict('Shipping is free on orders over $75.')).toBe('pass');
    expect(verdict('Our cotton tee is $45.')).toBe('pass');
    expect(verdict('Your parcel should arrive by Friday, according to the carrier.')).toBe('pass');
    expect(verdict('I promise we will keep you posted.')).toBe('pass');
  });

  it('unauthorized-commitment: refunds above the order total need approval', () => {
    expect(rules("We'll refund $250 to your card.", { order: { total: 120 } })).toEqual([
      'unauthorized-commitment',
    ]);
    expect(verdict("We'll refund $120 to your card.", { order: { total: 120 } })).toBe('pass');
  });

  it('policy-contradiction: windows, refund timing and method, shipping, carriers', () => {
    for (const d of [
      'Returns are accepted within 90 days of delivery.',
      'You can return items within 2 weeks.',
      'Express shipping takes 3–5 business days.',
      'Refunds take up to 30 business days.',
      'We ship all orders with FedEx.',
      'We offer free shipping on orders over $50.',
      "We'll refund the amount as a gift card.",
      'Even if it is worn, you can still return it.',
      'Price adjustments are available within 30 days of purchase.',
    ])
      expect(rules(d), d).toEqual(['policy-contradiction']);
    expect(verdict('Your order was delivered 45 days ago, outside our 30-day return window.')).toBe('pass');
    expect(verdict('You still have 12 days left to return it.')).toBe('pass');
    expect(verdict('Refunds take 5–10 business days after we receive your return.')).toBe('pass');
    expect(verdict("We don't ship with FedEx.")).toBe('pass');
    expect(verdict('Your FedEx parcel is on its way.', { order: { carrier: 'FedEx' } })).toBe('pass');
    expect(verdict('Items that have been worn cannot be returned.')).toBe('pass');
  });

  it('pii-exposure: card numbers, CVVs and requests for secrets', () => {
    expect(rules('The card 4111 1111 1111 1111 was declined.')).toEqual(['pii-exposure']);
    expect(rules('Please reply with the one-time code we texted you.')).toEqual(['pii-exposure']);
    expect(rules("What's your password?")).toEqual(['pii-exposure']);
    expect(rules('Your CVV 123 was rejected.')).toEqual(['pii-exposure']);
    expect(verdict('Order 4111111111111112 is on its way.')).toBe('pass'); // not Luhn-valid
    expect(verdict('Could you send the last four digits of the card?')).toBe('pass');
    expect(verdict('For your security, we will never ask for your password.')).toBe('pass');
    expect(verdict('You can reset your password from the sign-in page.')).toBe('pass');
  });

  it('prompt-leak: AI artefacts, internal notes and the canary', () => {
    expect(rules('As an AI language model, I cannot see orders.')).toEqual(['prompt-leak']);
    expect(rules('Internal note: refund only after fraud check.')).toEqual(['prompt-leak']);
    expect(rules('Your order is on its way. K7-CANARY-99', { canary: 'K7-CANARY-99' })).toEqual([
      'prompt-leak',
    ]);
    expect(verdict("You're talking to a real person on our team.")).toBe('pass');
    expect(verdict('Follow the care instructions on the label.')).toBe('pass');
  });

  it('unprofessional-language: profanity, insults, blame — but not reassurance', () => {
    expect(rules('That is your fault for not checking the size chart.')).toEqual(['unprofessional-language']);
    expect(rules('What the hell happened?')).toEqual(['unprofessional-language']);
    expect(rules('That is a stupid question.')).toEqual(['unprofessional-language']);
    expect(verdict('This is not your fault at all.')).toBe('pass');
    expect(verdict('Hello Maya, thanks for writing.')).toBe('pass');
  });

  it('unfilled-placeholder: each form, with its span', () => {
    const draft = 'Hi {{customer.firstName}}, order [ORDER NUMBER] for <customer name> cost $XX.XX.';
    const found = checker.check(draft).findings.filter((f) => f.rule === 'unfilled-placeholder');
    expect(found.map((f) => draft.slice(...f.span))).toEqual([
      '{{customer.firstName}}',
      '[ORDER NUMBER]',
      '<customer name>',
      '$XX.XX',
    ]);
    expect(verdict('See [our size guide](https://example.com).')).toBe('pass');
  });

  it('competitor-mention warns, Amazon Pay does not', () => {
    expect(checker.check('Zara has a similar coat.').verdict).toBe('warn');
    expect(rules('H&M sizes run small.')).toEqual(['competitor-mention']);
    expect(verdict('We accept PayPal and Amazon Pay.')).toBe('pass');
  });

  it('marketing-without-consent only when consent is false', () => {
    const promo = 'Your order shipped. Our summer sale starts tomorrow, shop now.';
    expect(rules(promo, { customer: { marketingConsent: false } })).toEqual(['marketing-without-consent']);
    expect(verdict(promo, { customer: { marketingConsent: true } })).toBe('pass');
    expect(verdict(promo)).toBe('pass');
    expect(verdict('Final-sale items cannot be returned.', { customer: { marketingConsent: false } })).toBe(
      'pass',
    );
  });

  it('spam-trigger: shouting, spam phrases, exclamation marks', () => {
    expect(rules('WE ARE SO SORRY.')).toEqual(['spam-trigger']);
    expect(rules('Act now to get your size.')).toEqual(['spam-trigger']);
    expect(rules('Thanks!!')).toEqual(['spam-trigger']);
    expect(verdict('Your UPS and USPS tracking links are below.')).toBe('pass');
    expect(verdict('Thanks! Talk soon!')).toBe('pass');
  });

  it('wrong-language compares the draft with the customer language', () => {
    const en = 'Hi Lucía, thanks for your message. Your order is on the way and should arrive this week.';
    expect(rules(en, { customerLanguage: 'es' })).toEqual(['wrong-language']);
    expect(rules(en, { customer: { language: 'es-MX' } })).toEqual(['wrong-language']);
    expect(
      rules(en, { customerText: 'Hola, ¿dónde está mi pedido? Ya pasaron dos semanas y no llega.' }),
    ).toEqual(['wrong-language']);
    expect(verdict(en, { customerLanguage: 'en' })).toBe('pass');
    expect(verdict('Thanks!', { customerLanguage: 'de' })).toBe('pass');
  });
});

describe('results', () => {
  it('verdict is the worst severity and spans point into the draft', () => {
    const draft = 'Check out Zara!! Also here is 40% off.';
    const result = checker.check(draft);
    expect(result.verdict).toBe('block');
    const byRule = Object.fromEntries(result.findings.map((f) => [f.rule, draft.slice(...f.span)]));
    expect(byRule).toMatchObject({
      'competitor-mention': 'Zara',
      'spam-trigger': '!!',
      'unauthorized-commitment': '40%',
    });
    for (const f of result.findings) {
      expect(f.hint.length).toBeGreaterThan(5);
      expect(f.message.length).toBeGreaterThan(5);
    }
  });

  it('an empty draft passes and a huge paste is still checked quickly', () => {
    expect(checker.check('')).toEqual({ verdict: 'pass', findings: [] });
    const huge = 'Your order is on its way. '.repeat(400_000);
    expect(checker.check(huge).verdict).toBe('pass');
  });

  it('keeps a pasted wall of violations to a bounded list of findings', () => {
    const wall = checker.check('Here is 30% off and a $40 credit. '.repeat(5_000));
    expect(wall.verdict).toBe('block');
    expect(wall.findings.length).toBeGreaterThan(0);
    expect(wall.findings.length).toBeLessThanOrEqual(50);
    for (const f of wall.findings) expect(f.span[1]).toBeLessThanOrEqual(20_000);
  });
});

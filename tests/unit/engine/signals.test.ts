import { describe, expect, it } from 'vitest';
import type { IntentResult, Sentiment } from '../../../src/shared/domain/analysis';
import { assessChurn } from '../../../src/main/engine/signals/churn';
import { assessEscalation } from '../../../src/main/engine/signals/escalation';
import { analyzeSentiment } from '../../../src/main/engine/signals/sentiment';

const now = new Date('2026-03-10T00:00:00Z');
const neutral: Sentiment = { label: 'neutral', score: 0, markers: [] };
const sure: IntentResult = { label: 'order_status', confidence: 0.9, secondary: [] };
const escOpts = { confidenceThreshold: 0.35, paths: { default: 'Tier 2' }, highValueThreshold: 1000 };

describe('sentiment', () => {
  it('labels clear cases', () => {
    expect(analyzeSentiment('Thank you so much, the mugs are gorgeous and arrived quickly!').label).toBe(
      'positive',
    );
    expect(analyzeSentiment('Where is my order #1234? Thanks').label).toBe('neutral');
    expect(analyzeSentiment('This is terrible service, I am furious.').label).toBe('negative');
  });

  it('handles negation and intensifiers', () => {
    expect(analyzeSentiment('The quality is not good at all').score).toBeLessThan(0);
    expect(analyzeSentiment('really terrible').score).toBeLessThan(analyzeSentiment('terrible').score);
  });

  it('reports frustration markers', () => {
    const s = analyzeSentiment(
      "THIS IS THE THIRD TIME I'M WRITING!!! Still waiting, this is ridiculous. WTF. Nobody answers.",
    );
    expect(s.markers).toEqual(
      expect.arrayContaining([
        'caps',
        'repeated_punctuation',
        'repeat_contact',
        'still_waiting',
        'exasperation',
        'profanity',
        'ignored',
      ]),
    );
    expect(s.label).toBe('negative');
    expect(s.score).toBeGreaterThanOrEqual(-1);
  });

  it('does not count carrier acronyms as shouting', () => {
    expect(analyzeSentiment('My UPS and USPS parcels, order via DHL').markers).not.toContain('caps');
  });
});

describe('churn risk', () => {
  it('is low for a calm question with no context', () => {
    expect(assessChurn('where is my order', neutral, { text: '' }, now)).toEqual({
      score: 0,
      level: 'low',
      reasons: [],
    });
  });

  it('adds text signals and context, with reasons', () => {
    const text = 'Never ordering again, I will buy from Amazon and file a chargeback and leave a bad review';
    const s = analyzeSentiment(text);
    const r = assessChurn(
      text,
      s,
      {
        text,
        customer: { lifetimeValue: 2500 },
        order: { promisedBy: '2026-03-01T00:00:00Z', paymentStatus: 'failed' },
        history: [
          { author: 'customer', text: 'where is it' },
          { author: 'agent', text: 'checking' },
          { author: 'customer', text: 'any news?' },
        ],
      },
      now,
    );
    expect(r.level).toBe('high');
    expect(r.score).toBe(100);
    expect(r.reasons).toEqual(
      expect.arrayContaining([
        'Says they will stop buying from the store',
        'Mentions a competitor (Amazon)',
        'Threatens a chargeback or bank dispute',
        'Threatens a public review or post',
        'Order is 9 days late against the promised date',
        'Payment failed',
        'Contact number 3 in this thread',
        'High lifetime value (2500) at stake',
      ]),
    );
  });

  it('is medium for a late order with a frustrated customer', () => {
    const text = 'Still waiting for my order, this is the third time I ask';
    const r = assessChurn(text, analyzeSentiment(text), { text, order: { promisedBy: '2026-03-06' } }, now);
    expect(r.level).toBe('medium');
  });
});

describe('escalation', () => {
  const escalate = (
    text: string,
    extra: Partial<Parameters<typeof assessEscalation>[4]> = {},
    intent = sure,
  ) =>
    assessEscalation(
      text,
      intent,
      analyzeSentiment(text),
      { score: 0, level: 'low', reasons: [] },
      { text, ...extra },
      {
        ...escOpts,
        paths: { default: 'Tier 2', legal_threat: 'Legal', privacy_request: 'Privacy desk' },
      },
    );

  it('does not escalate an ordinary question', () => {
    expect(escalate('Where is my order #1234?')).toEqual({ recommended: false, reasons: [], path: null });
  });

  it.each([
    ['I will contact my lawyer about this', 'legal_threat', 'Legal'],
    ["I'm going to sue you", 'legal_threat', 'Legal'],
    ['I will file a chargeback with my bank', 'chargeback_dispute', 'Tier 2'],
    ['My son had an allergic reaction to the blanket', 'injury_safety', 'Tier 2'],
    ['The charger caught fire last night', 'injury_safety', 'Tier 2'],
    ['Under GDPR please delete my personal data', 'privacy_request', 'Privacy desk'],
    ['I know where you live, you will regret this', 'harassment_threat', 'Tier 2'],
    ['I just want to end my life', 'self_harm', 'Tier 2'],
    ['Let me speak to a real human please', 'human_requested', 'Tier 2'],
  ])('escalates %j as %s to %s', (text, code, path) => {
    const e = escalate(text);
    expect(e.recommended).toBe(true);
    expect(e.reasons[0]?.code).toBe(code);
    expect(e.reasons[0]?.message).toBeTruthy();
    expect(e.path).toBe(path);
  });

  it('does not mistake names and products for legal words', () => {
    expect(escalate('Hi, Sue here: are the court shoes in stock?').recommended).toBe(false);
  });

  it('escalates VIP, high value, high churn, strong negativity and low confidence', () => {
    const calm = 'Where is my order?';
    const reasons = (e: ReturnType<typeof escalate>) => e.reasons.map((r) => r.code);
    expect(reasons(escalate(calm, { customer: { tags: ['VIP'] } }))).toEqual(['vip_customer']);
    expect(reasons(escalate(calm, { customer: { lifetimeValue: 5000 } }))).toEqual(['high_value_customer']);
    expect(reasons(escalate(calm, {}, { label: 'other', confidence: 0.2, secondary: [] }))).toEqual([
      'low_confidence',
    ]);
    expect(reasons(escalate('This is the worst, most pathetic, disgusting service ever!!!'))).toContain(
      'negative_sentiment',
    );
    const churned = assessEscalation(
      calm,
      sure,
      neutral,
      { score: 80, level: 'high', reasons: [] },
      { text: calm },
      escOpts,
    );
    expect(churned.reasons.map((r) => r.code)).toEqual(['high_churn_risk']);
    expect(churned.path).toBe('Tier 2');
  });

  it('uses the threshold from settings', () => {
    const intent = { label: 'refund', confidence: 0.5, secondary: [] };
    const at = (threshold: number) =>
      assessEscalation(
        'refund?',
        intent,
        neutral,
        { score: 0, level: 'low', reasons: [] },
        { text: '' },
        { ...escOpts, confidenceThreshold: threshold },
      );
    expect(at(0.6).recommended).toBe(true);
    expect(at(0.4).recommended).toBe(false);
  });
});

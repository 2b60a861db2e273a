import { describe, expect, it } from 'vitest';
import { DEFAULT_INTENTS } from '../../../../src/shared/domain/analysis';
import { createIntentClassifier, type IntentClassifier } from '../../../../src/main/engine/intent/index';

const classifier: IntentClassifier = createIntentClassifier();
const top = (text: string) => classifier.classify(text)[0]!;

describe('intent classifier', () => {
  it('knows every default intent, in taxonomy order', () => {
    expect([...classifier.labels]).toEqual([...DEFAULT_INTENTS]);
  });

  it('returns every label once, sorted by confidence, probabilities summing to 1', () => {
    for (const text of ['where is my order', 'THE LAMP IS BROKEN!!!', '', 'x'.repeat(5000), '🙂🙂🙂']) {
      const scores = classifier.classify(text);
      expect(scores.map((s) => s.label).sort()).toEqual([...classifier.labels].sort());
      for (let i = 1; i < scores.length; i++)
        expect(scores[i - 1]!.confidence).toBeGreaterThanOrEqual(scores[i]!.confidence);
      const sum = scores.reduce((a, s) => a + s.confidence, 0);
      expect(sum).toBeCloseTo(1, 9);
      for (const s of scores) {
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is deterministic: two independently trained classifiers give identical output', () => {
    const other = createIntentClassifier({ build: {} });
    const again = createIntentClassifier({ build: {} });
    for (const text of ['refund please', 'wher is my pakage'])
      expect(again.classify(text)).toEqual(other.classify(text));
    const reloaded = createIntentClassifier();
    for (const text of ['refund please', 'cancel my subscription', 'wher is my pakage', 'hola']) {
      expect(reloaded.classify(text)).toEqual(classifier.classify(text));
    }
  });

  it('loads the shipped model, which agrees with a model trained at start-up from the same data', () => {
    expect(classifier.fromShippedModel).toBe(true);
    expect(classifier.temperature).toBeGreaterThan(0.1);
    expect(classifier.temperature).toBeLessThan(10);
    // `build` options force training; the shipped weights are stored as float32, so allow rounding only.
    const trained = createIntentClassifier({ build: {} });
    expect(trained.fromShippedModel).toBe(false);
    expect(trained.temperature).toBeCloseTo(classifier.temperature, 6);
    for (const text of [
      'where is my order',
      'the lamp is broken',
      'cancel my membership',
      'hola, mi pedido?',
    ]) {
      const a = classifier.classify(text);
      const b = trained.classify(text);
      expect(b[0]!.label).toBe(a[0]!.label);
      expect(b[0]!.confidence).toBeCloseTo(a[0]!.confidence, 3);
    }
  });

  it('classifies clear messages, including typos, caps and other languages', () => {
    expect(top('wheres my order #4411 pls').label).toBe('order_status');
    expect(top('the package was marked delivered but it is not here').label).toBe('delivery_problem');
    expect(top('MY MIRROR ARRIVED SHATTERED').label).toBe('damaged_or_defective');
    expect(top('i got charged 2 times for one order').label).toBe('payment_issue');
    expect(top('how do i cancle my subscripton').label).toBe('subscription');
    expect(top('quiero devolver la chaqueta').label).toBe('return_or_exchange');
  });

  it('rules push explicit requests for a human and GDPR requests to their intents', () => {
    const human = top('This is going nowhere, I need to speak to a real person about order 5512');
    expect(human.label).toBe('talk_to_human');
    const gdpr = top('Under the GDPR I ask you to erase everything about me');
    expect(gdpr.label).toBe('privacy_request');
  });

  it('is more confident on clear messages than on vague ones', () => {
    expect(top('please cancel my order 12345, I ordered by mistake').confidence).toBeGreaterThan(
      top('hmm ok so').confidence,
    );
  });

  it('handles hostile input without throwing', () => {
    const hostile = [
      '\u0000\u0000',
      '\ud800 lone surrogate',
      '‮reversed',
      '<script>alert(1)</script>',
      '9'.repeat(100_000),
    ];
    for (const text of hostile) expect(classifier.classify(text)).toHaveLength(classifier.labels.length);
  });
});

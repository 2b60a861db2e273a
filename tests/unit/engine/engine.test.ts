import { describe, expect, it } from 'vitest';
import { AnalysisSchema } from '../../../src/shared/domain/analysis';
import { createEngine, ownWriteHash } from '../../../src/main/engine';
import { fakeClassifier } from './fake-classifier';

/** No lone surrogate halves (String#isWellFormed without needing the ES2024 lib). */
const wellFormed = (s: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

const engine = createEngine({
  intentClassifier: fakeClassifier(),
  escalationPaths: { default: 'Tier 2', chargeback_dispute: 'Payments' },
});
const NOW = '2026-03-10T12:00:00Z';

describe('engine facade', () => {
  it('produces a full, schema-valid analysis with entities and redaction', () => {
    const a = engine.analyze({
      text: '<p>Hi, where is my order #10023? UPS 1Z999AA10123456784 says delivered March 3.</p><p>I want a refund of $45.99 or I will file a chargeback. Card 4111 1111 1111 1111. Call (415) 555-2671.</p><p>Thanks,<br>Maria Lopez</p>',
      customer: { name: 'Maria Lopez', lifetimeValue: 200 },
      order: { promisedBy: '2026-03-01T00:00:00Z', status: 'shipped' },
      now: NOW,
    });
    expect(AnalysisSchema.parse(a)).toBeTruthy();
    expect(a.isCustomerMessage).toBe(true);
    expect(a.language).toBe('en');
    expect(a.intent.label).toBe('order_status');
    expect(a.intent.secondary.map((s) => s.label)).toEqual(['refund']);
    expect(a.entities.map((e) => e.type)).toEqual(
      expect.arrayContaining(['order_number', 'tracking_number', 'date', 'money', 'card', 'phone', 'name']),
    );
    for (const e of a.entities) {
      if (['card', 'phone', 'name'].includes(e.type)) expect(e.value).toMatch(/^\[[A-Z]+_\d+\]$/);
      else {
        const slice = a.normalizedText
          .slice(...e.span)
          .replace(/\s/g, '')
          .toUpperCase();
        expect(slice).toContain(e.value.replace(/\s/g, '').toUpperCase().slice(0, 4));
      }
    }
    expect(a.redactedText).not.toMatch(/4111|555-2671|Maria|Lopez/);
    expect(a.redactedText).toContain('#10023');
    expect(a.redactedText).toContain('$45.99');
    expect(a.escalation.recommended).toBe(true);
    expect(a.escalation.reasons[0]?.code).toBe('chargeback_dispute');
    expect(a.escalation.path).toBe('Payments');
    expect(a.churnRisk.reasons).toContain('Order is 9 days late against the promised date');
    expect(a.restore['[CARD_1]']).toEqual({ type: 'CARD', allowRestore: false });
  });

  it('is deterministic for the same input and now', () => {
    const input = { text: 'I am furious!!! Where is my order 5512? Call me 415-555-2671', now: NOW };
    expect(engine.analyze(input)).toEqual(engine.analyze(input));
  });

  it('does not escalate text that is not a customer message', () => {
    const a = engine.analyze({ text: 'https://example.com/orders/1', customer: { tags: ['VIP'] }, now: NOW });
    expect(a.isCustomerMessage).toBe(false);
    expect(a.notCustomerReason).toBeTruthy();
    expect(a.escalation).toEqual({ recommended: false, reasons: [], path: null });
  });

  it('recognises its own clipboard writes', () => {
    const reply = 'Hi Maria, your refund is on its way. — The Lumen & Loom team';
    const a = engine.analyze({ text: reply, now: NOW }, { recentOwnWrites: new Set([ownWriteHash(reply)]) });
    expect(a.isCustomerMessage).toBe(false);
  });

  it('flags low intent confidence with the configured threshold', () => {
    const strict = createEngine({ intentClassifier: fakeClassifier(), escalationConfidenceThreshold: 0.95 });
    const a = strict.analyze({ text: 'Where is my order please, it has been a while', now: NOW });
    expect(a.escalation.reasons.map((r) => r.code)).toContain('low_confidence');
  });

  it('uses configured order patterns and max length', () => {
    const custom = createEngine({
      intentClassifier: fakeClassifier(),
      orderPatterns: [String.raw`\b(LL\d{6})\b`],
      maxChars: 50,
    });
    const a = custom.analyze({ text: 'please check LL123456 ' + 'and more words '.repeat(10), now: NOW });
    expect(a.entities.filter((e) => e.type === 'order_number').map((e) => e.value)).toEqual(['LL123456']);
    expect(a.truncated).toBe(true);
    expect(a.normalizedText.length).toBeLessThanOrEqual(50);
  });

  it('redacts standalone text the same way (recorded replies)', () => {
    expect(engine.redactText('reach me at jane@example.com, order #1234').text).toBe(
      'reach me at [EMAIL_1], order #1234',
    );
  });
});

describe('engine on hostile input', () => {
  const family = '👨‍👩‍👧‍👦';
  const cases: [string, string][] = [
    ['empty', ''],
    ['whitespace', ' \n\t '],
    ['10 MB', 'My parcel is late and I want my money back now. '.repeat(210_000)],
    ['binary', String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536))],
    ['NUL bytes', 'where\u0000is\u0000my\u0000order\u0000#1234'],
    ['lone surrogates', '\uD83D where \uDE00 is my \uD800order'],
    ['RTL', 'مرحبا، أين طلبي رقم 1234؟ لم يصل بعد'],
    ['RTL override', '\u202Eredro ym si erehw\u202C 4111 1111 1111 1111'],
    ['emoji at the cut', 'x'.repeat(19_999) + family + ' tail'],
    [
      'HTML with script',
      '<script>document.location="http://evil"</script><p onclick="x()">Refund <b>please</b></p><iframe src="x"></iframe>',
    ],
    ['100k digits', '7'.repeat(100_000)],
    ['100k chars without spaces', 'abcdefghij'.repeat(10_000)],
  ];

  it.each(cases)('%s: completes with a valid analysis', (_name, text) => {
    const t = performance.now();
    const a = engine.analyze({ text, now: NOW });
    expect(performance.now() - t).toBeLessThan(3000); // catastrophic-slowness guard; budgets live in the bench
    expect(AnalysisSchema.parse(a)).toBeTruthy();
    expect(a.normalizedText.length).toBeLessThanOrEqual(20_000);
    expect(wellFormed(a.normalizedText)).toBe(true);
    expect(wellFormed(a.redactedText)).toBe(true);
    // eslint-disable-next-line no-control-regex -- asserting that control characters are gone
    expect(a.normalizedText).not.toMatch(new RegExp('[\\u0000\\u202E\\u200B]'));
  });

  it('cuts before the emoji instead of splitting it', () => {
    const a = engine.analyze({ text: 'x'.repeat(19_999) + family + ' tail', now: NOW });
    expect(a.truncated).toBe(true);
    expect(a.normalizedText).toBe('x'.repeat(19_999));
  });

  it('never lets script content through', () => {
    const a = engine.analyze({ text: cases[9]![1], now: NOW });
    expect(a.normalizedText).toBe('Refund please');
  });
});

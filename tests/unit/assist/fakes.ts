import type { Analysis } from '../../../src/shared/domain/analysis';
import type { MessageInput } from '../../../src/shared/domain/context';
import type { PolicyResult } from '../../../src/shared/domain/policy';
import type { Suggestion } from '../../../src/shared/domain/suggestion';
import type { AssistServiceDeps } from '../../../src/main/assist/assist-service';
import type { AssistRecord, RecordContext } from '../../../src/main/assist/types';

/** A tiny stand-in engine: enough structure for the service's decisions, no linguistics. */
export function fakeAnalyze(input: MessageInput): Analysis & { normalizedText: string } {
  const text = input.text.trim();
  const order = /#(\d{4,})/.exec(text);
  const isCustomer = text.split(/\s+/).length >= 2;
  return {
    language: 'en',
    isCustomerMessage: isCustomer,
    notCustomerReason: isCustomer ? undefined : 'fewer than two words',
    truncated: false,
    intent: { label: /refund/i.test(text) ? 'refund' : 'order_status', confidence: 0.8, secondary: [] },
    sentiment: { label: 'neutral', score: 0, markers: [] },
    churnRisk: { score: 10, level: 'low', reasons: [] },
    escalation: /lawyer/i.test(text)
      ? {
          recommended: true,
          reasons: [{ code: 'legal_threat', message: 'Mentions legal action' }],
          path: 'Legal',
        }
      : { recommended: false, reasons: [], path: null },
    entities: order
      ? [{ type: 'order_number', value: `#${order[1]}`, span: [order.index, order.index + order[0].length] }]
      : [],
    redactedText: text.replace(/\S+@\S+/g, '[EMAIL_1]'),
    normalizedText: text,
  };
}

export function fakeCheck(draft: string): PolicyResult {
  const m = /\d+% off/.exec(draft);
  if (m && Number.parseInt(m[0], 10) > 15) {
    return {
      verdict: 'block',
      findings: [
        {
          rule: 'unauthorized-commitment',
          severity: 'block',
          message: 'Discount above the goodwill limit',
          span: [m.index, m.index + m[0].length],
          hint: 'Offer up to 15%',
        },
      ],
    };
  }
  return { verdict: 'pass', findings: [] };
}

export function fakeSuggest(_input: MessageInput, analysis: Analysis): Suggestion[] {
  return [1, 2].map((n) => ({
    id: `${analysis.intent.label}-${n}`,
    text: `Reply ${n} about ${analysis.intent.label}`,
    macroId: `macro-${n}`,
    confidence: 0.9 - n / 10,
    source: 'offline' as const,
    policy: { verdict: 'pass' as const, findings: [] },
  }));
}

export function recordingDeps(overrides: Partial<AssistServiceDeps> = {}) {
  const records: { record: AssistRecord; context: RecordContext }[] = [];
  const clipboard: string[] = [];
  let now = 1_000_000;
  const deps: AssistServiceDeps = {
    analyze: fakeAnalyze,
    suggest: fakeSuggest,
    check: fakeCheck,
    redact: (t) => t.replace(/\S+@\S+/g, '[EMAIL]'),
    record: (record, context) => records.push({ record, context }),
    writeClipboard: (t) => clipboard.push(t),
    now: () => now,
    ...overrides,
  };
  return { deps, records, clipboard, advance: (ms: number) => (now += ms) };
}

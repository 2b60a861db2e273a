/**
 * Policy check and offline suggestion latency. Prints figures; targets (issue 4):
 *   policy check of a 1 KB draft p99 ≤ 0.5 ms; suggestions ≤ 5 ms p99 after analysis;
 *   whole analysis with suggestions of a 1–2 KB message p99 ≤ 3 ms.
 * Run: npx tsx bench/policy.bench.ts
 */
import type { Analysis } from '../src/shared/domain/analysis';
import type { MessageInput } from '../src/shared/domain/context';
import { loadOfflineKnowledge } from '../src/main/suggest/load';

const DRAFTS = [
  "Hi Maya,\n\nThanks for checking in! Your order #4821 is on its way with UPS. The current estimated delivery is November 26, 2026, and you can follow every step here: https://www.ups.com/track?tracknum=1Z999AA10123456784\n\nCarrier estimates can shift by a day or so, but I'll keep an eye on it too. If it hasn't arrived in 48 hours after that, reply here and I'll open a trace with the carrier and arrange a replacement or a refund to your original payment method. Refunds reach your account 5–10 business days after we receive a return. Standard shipping takes 3–7 business days and express 1–2.\n\n",
  "Hi Maya, I'm so sorry about this. We can't guarantee a delivery date, but I've asked the carrier for an update. As a thank-you for your patience, here's a 15% code for your next order, and I've added $15 store credit. Please never share your card number or password with anyone. You can return it within our 30-day window as long as it's unworn with tags. Final-sale items cannot be returned, but I'm happy to help with sizing for next time.\n\n",
  "Hi {{customer.firstName}}, here's 30% off and a $40 credit! You have 60 days to return it and your refund will arrive within 24 hours. Final-sale items can be returned. Standard shipping arrives next day. Please send us your CVV. As an AI language model I guarantee it will arrive by Friday. Check out Zara!! ACT NOW.\n\n",
];
const draft1k = (i: number) => {
  let d = DRAFTS[i % DRAFTS.length]!;
  while (d.length < 1024) d += DRAFTS[(i + 1) % DRAFTS.length];
  return d.slice(0, 1024);
};

const MESSAGES: [string, string][] = [
  [
    "Hello, I ordered a linen duvet cover and two pillowcases three weeks ago and it still hasn't arrived. Tracking says it shipped with UPS but hasn't moved for eight days. I've emailed twice already and nobody has answered. I needed it for guests this weekend. Can you tell me where my order is, or just refund me? ",
    'delivery_problem',
  ],
  [
    "Hi there, I'd like to return the wool sweater from order #4821 because it runs small and the sleeves are too short. I've only tried it on once and the tags are still attached. How do I get a return label, and how long does the refund take? Also, could I exchange it for a large instead? ",
    'return_or_exchange',
  ],
  [
    'I was charged twice for the same order and my bank shows two payments of $84.50. This is really annoying, I need that money back. Please check what happened with my card payment and fix it as soon as possible, otherwise I will dispute it with my bank. ',
    'payment_issue',
  ],
];
const message = (i: number) => {
  const [base, label] = MESSAGES[i % MESSAGES.length]!;
  let t = base;
  while (t.length < 1024 + (i % 5) * 200) t += base;
  return { text: t, label };
};

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `p50 ${q(0.5).toFixed(3)} ms · p99 ${q(0.99).toFixed(3)} ms · max ${s[s.length - 1]!.toFixed(3)} ms (n=${s.length})`;
}

function time(fn: (i: number) => void, n: number, warmup = 300): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

function handAnalysis(text: string, label: string): Analysis {
  return {
    language: 'en',
    isCustomerMessage: true,
    truncated: false,
    intent: { label, confidence: 0.7, secondary: [{ label: 'refund', confidence: 0.15 }] },
    sentiment: { label: 'negative', score: -0.4, markers: [] },
    churnRisk: { score: 40, level: 'medium', reasons: [] },
    escalation: { recommended: false, reasons: [], path: null },
    entities: [],
    redactedText: text,
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const k = await loadOfflineKnowledge();
  console.log(
    `knowledge load (pack + ${k.macros.length} macros + index): ${(performance.now() - t0).toFixed(1)} ms`,
  );

  const drafts = Array.from({ length: 30 }, (_, i) => draft1k(i));
  console.log(
    `policy check, 1 KB drafts:          ${stats(time((i) => k.checker.check(drafts[i % drafts.length]!, { customerLanguage: 'en', customer: { marketingConsent: false } }), 20_000))}`,
  );

  const order: MessageInput['order'] = {
    number: '#4821',
    status: 'in_transit',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    promisedBy: '2026-11-20',
    total: 84.5,
    currency: 'USD',
  };
  const inputs = Array.from({ length: 30 }, (_, i) => {
    const m = message(i);
    const input: MessageInput = {
      text: m.text,
      now: '2026-11-24T12:00:00Z',
      customer: { firstName: 'Maya' },
      order,
    };
    return { input, analysis: handAnalysis(m.text, m.label) };
  });
  console.log(
    `suggestions after analysis (1–2 KB): ${stats(time((i) => k.suggester.suggest(inputs[i % 30]!.input, inputs[i % 30]!.analysis), 5_000))}`,
  );

  try {
    const { createEngine } = await import('../src/main/engine');
    const e0 = performance.now();
    const engine = createEngine();
    console.log(`engine ready: ${(performance.now() - e0).toFixed(1)} ms`);
    const full = (i: number) => {
      const { input } = inputs[i % 30]!;
      const a = engine.analyze(input);
      return k.suggester.suggest(input, a);
    };
    console.log(`analysis + suggestions (1–2 KB):     ${stats(time(full, 3_000))}`);
    console.log(
      `analysis alone (1–2 KB):             ${stats(time((i) => engine.analyze(inputs[i % 30]!.input), 3_000))}`,
    );
  } catch (error) {
    console.log(`analysis + suggestions: engine unavailable (${(error as Error).message})`);
  }
}

void main();

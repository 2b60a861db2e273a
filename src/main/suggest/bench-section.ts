import type { Analysis } from '../../shared/domain/analysis';
import type { MessageInput } from '../../shared/domain/context';
import { fillTemplate, resolvePlaceholders } from './fill';
import { loadOfflineKnowledge } from './load';

/** The part of the engine bench context this section needs (kept structural to avoid a cycle with the CLI). */
export interface PolicyBenchContext {
  engine: { analyze(input: MessageInput): Analysis };
  corpus: readonly MessageInput[];
}

/** A type alias (not an interface) so it fits the bench's `Record<string, unknown>` sections. */
export type PolicyBenchReport = {
  knowledgeLoadMs: number;
  policyCheck1KB: {
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    cpuP50Ms: number;
    cpuP99Ms: number;
    drafts: number;
  };
  suggestAfterAnalysis: {
    p50Ms: number;
    p99Ms: number;
    cpuP50Ms: number;
    cpuP99Ms: number;
    messages: number;
  };
  analysisWithSuggestions1to2KB: {
    p50Ms: number;
    p99Ms: number;
    cpuP50Ms: number;
    cpuP99Ms: number;
    messages: number;
  };
  targets: Record<string, { value: number; target: string; met: boolean }>;
};

const FLAGGED =
  "Hi {{customer.firstName}}, here's 30% off and a $40 credit! You have 60 days to return it and your refund will arrive within 24 hours. Final-sale items can be returned. Please send us your CVV. As an AI language model I guarantee it will arrive by Friday. Check out Zara!! ";

const r3 = (n: number) => Math.round(n * 1000) / 1000;
function quantiles(samples: number[]): { p50Ms: number; p99Ms: number; maxMs: number } {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  return { p50Ms: r3(q(0.5)), p99Ms: r3(q(0.99)), maxMs: r3(s[s.length - 1] ?? 0) };
}

/** Wall-clock samples, plus CPU-time samples: on a shared, loaded machine the wall clock mostly measures waiting. */
function timeEach<T>(
  items: readonly T[],
  rounds: number,
  fn: (item: T) => unknown,
): number[] & { cpu: number[] } {
  for (let i = 0; i < Math.min(300, items.length * rounds); i++) fn(items[i % items.length]!);
  const out = Object.assign([] as number[], { cpu: [] as number[] });
  for (let r = 0; r < rounds; r++) {
    for (const item of items) {
      const c = process.cpuUsage();
      const t = performance.now();
      fn(item);
      out.push(performance.now() - t);
      const u = process.cpuUsage(c);
      out.cpu.push((u.user + u.system) / 1000);
    }
  }
  return out;
}

/**
 * Policy-check and suggestion latency for `npm run -s cli -- bench`: the check on 1 KB drafts (filled shipped
 * macros and a draft that trips most rules), suggestions after analysis, and analysis plus suggestions on the
 * bench corpus' 1–2 KB messages.
 */
export async function policyBenchSection(ctx: PolicyBenchContext): Promise<PolicyBenchReport> {
  const t0 = performance.now();
  const k = await loadOfflineKnowledge();
  const knowledgeLoadMs = r3(performance.now() - t0);
  const now = Date.parse('2026-11-24T12:00:00Z');
  const sample: MessageInput = {
    text: '',
    customer: { firstName: 'Maya', marketingConsent: false },
    order: {
      number: '#4821',
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      total: 84.5,
      promisedBy: '2026-11-26',
    },
  };
  const drafts = k.macros.map((m, i) => {
    const values = resolvePlaceholders(
      { input: sample, entities: [], pack: k.checker.pack, language: m.language },
      now,
    );
    let d = fillTemplate(m.body, values).text;
    while (d.length < 1024) d += '\n\n' + (i % 4 === 0 ? FLAGGED : d);
    return d.slice(0, 1024);
  });
  const checkCtx = { customer: sample.customer, customerLanguage: 'en' };
  const checkRuns = timeEach(drafts, 20, (d) => k.checker.check(d, checkCtx));
  const check = quantiles(checkRuns);
  const checkCpu = quantiles(checkRuns.cpu);

  const big = ctx.corpus.filter((m) => m.text.length >= 1000 && m.text.length <= 2100).slice(0, 500);
  const analysed = big.map((input) => ({ input, analysis: ctx.engine.analyze(input) }));
  const suggestRuns = timeEach(analysed, 3, ({ input, analysis }) => k.suggester.suggest(input, analysis));
  const fullRuns = timeEach(big, 3, (input) => k.suggester.suggest(input, ctx.engine.analyze(input)));
  const suggest = quantiles(suggestRuns);
  const suggestCpu = quantiles(suggestRuns.cpu);
  const full = quantiles(fullRuns);
  const fullCpu = quantiles(fullRuns.cpu);
  const cpu = (q: { p50Ms: number; p99Ms: number }) => ({ cpuP50Ms: q.p50Ms, cpuP99Ms: q.p99Ms });
  return {
    knowledgeLoadMs,
    policyCheck1KB: { ...check, ...cpu(checkCpu), drafts: drafts.length },
    suggestAfterAnalysis: {
      p50Ms: suggest.p50Ms,
      p99Ms: suggest.p99Ms,
      ...cpu(suggestCpu),
      messages: big.length,
    },
    analysisWithSuggestions1to2KB: {
      p50Ms: full.p50Ms,
      p99Ms: full.p99Ms,
      ...cpu(fullCpu),
      messages: big.length,
    },
    targets: {
      'policy check 1 KB p99 (ms)': { value: check.p99Ms, target: '≤ 0.5', met: check.p99Ms <= 0.5 },
      'suggestions after analysis p99 (ms)': {
        value: suggest.p99Ms,
        target: '≤ 5',
        met: suggest.p99Ms <= 5,
      },
      'analysis + suggestions 1–2 KB p99 (ms)': { value: full.p99Ms, target: '≤ 3', met: full.p99Ms <= 3 },
    },
  };
}

/** Human-readable lines for the bench report. */
export function formatPolicyBench(r: PolicyBenchReport): string {
  const lines = [
    `knowledge load (policy pack, macros, index): ${r.knowledgeLoadMs} ms`,
    `policy check 1 KB (${r.policyCheck1KB.drafts} drafts): p50 ${r.policyCheck1KB.p50Ms} ms, p99 ${r.policyCheck1KB.p99Ms} ms, max ${r.policyCheck1KB.maxMs} ms (CPU p50 ${r.policyCheck1KB.cpuP50Ms}, p99 ${r.policyCheck1KB.cpuP99Ms} ms)`,
    `suggestions after analysis: p50 ${r.suggestAfterAnalysis.p50Ms} ms, p99 ${r.suggestAfterAnalysis.p99Ms} ms (CPU p50 ${r.suggestAfterAnalysis.cpuP50Ms}, p99 ${r.suggestAfterAnalysis.cpuP99Ms} ms)`,
    `analysis + suggestions (1–2 KB, ${r.analysisWithSuggestions1to2KB.messages} messages): p50 ${r.analysisWithSuggestions1to2KB.p50Ms} ms, p99 ${r.analysisWithSuggestions1to2KB.p99Ms} ms (CPU p50 ${r.analysisWithSuggestions1to2KB.cpuP50Ms}, p99 ${r.analysisWithSuggestions1to2KB.cpuP99Ms} ms)`,
    'policy/suggestion targets:',
    ...Object.entries(r.targets).map(
      ([k, t]) => `  ${t.met ? 'met ' : 'MISS'} ${k}: ${t.value} (target ${t.target})`,
    ),
  ];
  return lines.join('\n') + '\n';
}

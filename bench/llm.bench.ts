/**
 * LLM pipeline overhead: time to first token and total time through Tandem's pipeline (prompt build,
 * last-gate scrub, client set-up, streaming parse, placeholder restore, policy check of every draft)
 * against a bare `openai` SDK streaming call, in one run against the same local OpenAI-compatible
 * server. Runs alternate so drift hits both sides equally. Target: median overhead ≤ 15 ms.
 *
 *   npx tsx bench/llm.bench.ts [runs]
 */
import OpenAI from 'openai';
import { createPolicyChecker, loadPolicyPack } from '../src/main/policy';
import { policyFactsFromPack } from '../src/main/llm/policy-facts';
import { buildPrompt } from '../src/main/llm/prompt';
import { LlmSuggestionService } from '../src/main/llm/suggestion-service';
import { repliesJson, startFakeOpenAiServer } from '../tests/unit/llm/fake-openai-server';
import { baseRequest, PACK_PATH } from '../tests/unit/llm/helpers';

const RUNS = Number(process.argv[2] ?? 50);
const WARMUP = 5;
const SIGN = '\n\n— The Lumen & Loom team';
const CONTENT = repliesJson(
  `Hi [NAME_1], I'm sorry about the double charge on order #10482. The second charge is a pending authorisation from the first attempt; it drops off by itself within 3–5 business days, and only one payment was captured. If it is still there next week, reply here and we'll chase it with the bank for you.${SIGN}`,
  `Hi [NAME_1], thanks for flagging this. I've checked order #10482: one payment went through, and the other is a hold your bank releases within a few business days. Nothing else is needed from you.${SIGN}`,
  `Hi [NAME_1], sorry for the worry! Only one charge for order #10482 was completed; the second is a temporary authorisation that disappears within 3–5 business days.${SIGN}`,
);

interface Sample {
  firstMs: number;
  totalMs: number;
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main(): Promise<void> {
  const server = await startFakeOpenAiServer();
  server.handler = () => ({ kind: 'stream', content: CONTENT, chunkSize: 8 });
  const pack = await loadPolicyPack(PACK_PATH);
  const checker = createPolicyChecker(pack);
  const facts = policyFactsFromPack(pack);
  const request = baseRequest();
  const service = new LlmSuggestionService({
    getSettings: () => ({
      preset: 'custom',
      baseUrl: server.baseUrl,
      model: 'fake-model',
      suggestionCount: 3,
    }),
    getApiKey: async () => 'sk-bench',
    getPolicyFacts: () => facts,
    check: (draft, ctx) => checker.check(draft, ctx),
  });
  // The bare call sends the same messages so both sides move the same bytes.
  const { messages } = buildPrompt({
    ...request,
    redactedText: request.redacted.redactedText,
    policy: facts,
    suggestionCount: 3,
  });
  const bare = new OpenAI({
    baseURL: server.baseUrl,
    apiKey: 'sk-bench',
    maxRetries: 0,
    timeout: 20_000,
    logLevel: 'off',
  });

  async function runBare(): Promise<Sample> {
    const t0 = performance.now();
    let first = -1;
    const stream = await bare.chat.completions.create({
      model: 'fake-model',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        if (first < 0) first = performance.now();
        text += delta;
      }
    }
    if (!text.includes('replies')) throw new Error('bare run got no text');
    return { firstMs: first - t0, totalMs: performance.now() - t0 };
  }

  let n = 0;
  async function runTandem(): Promise<Sample> {
    const t0 = performance.now();
    const result = await service.request(`bench-${++n}`, request);
    const total = performance.now() - t0;
    if (!result.ok || result.drafts.length !== 3)
      throw new Error(`tandem run failed: ${JSON.stringify(result).slice(0, 300)}`);
    return { firstMs: result.firstTokenMs!, totalMs: total };
  }

  for (let i = 0; i < WARMUP; i++) {
    await runBare();
    await runTandem();
  }
  const bareSamples: Sample[] = [];
  const tandemSamples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      bareSamples.push(await runBare());
      tandemSamples.push(await runTandem());
    } else {
      tandemSamples.push(await runTandem());
      bareSamples.push(await runBare());
    }
  }
  await server.close();

  const row = (label: string, s: Sample[]): string => {
    const f = s.map((x) => x.firstMs);
    const t = s.map((x) => x.totalMs);
    return `${label.padEnd(22)} first token p50 ${pct(f, 50).toFixed(2).padStart(7)} ms  p90 ${pct(f, 90).toFixed(2).padStart(7)} ms   total p50 ${pct(t, 50).toFixed(2).padStart(7)} ms  p90 ${pct(t, 90).toFixed(2).padStart(7)} ms`;
  };
  const overheadFirst =
    pct(
      tandemSamples.map((x) => x.firstMs),
      50,
    ) -
    pct(
      bareSamples.map((x) => x.firstMs),
      50,
    );
  const overheadTotal =
    pct(
      tandemSamples.map((x) => x.totalMs),
      50,
    ) -
    pct(
      bareSamples.map((x) => x.totalMs),
      50,
    );
  const chunks = Math.ceil(Array.from(CONTENT).length / 8);
  console.log(
    `LLM pipeline vs bare openai SDK — ${RUNS} runs each, local SSE server, ${chunks} chunks, 3 replies, ${CONTENT.length} chars`,
  );
  console.log(row('bare openai SDK', bareSamples));
  console.log(row('Tandem pipeline', tandemSamples));
  console.log(
    `overhead at the median: first token ${overheadFirst.toFixed(2)} ms, total ${overheadTotal.toFixed(2)} ms (target ≤ 15 ms)`,
  );
  const pass = overheadFirst <= 15 && overheadTotal <= 15;
  console.log(pass ? 'PASS' : 'FAIL');
  process.exitCode = pass ? 0 : 1;
}

void main();

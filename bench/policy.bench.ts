/**
 * Policy check and offline suggestion latency (issue 4 targets): policy check of a 1 KB draft p99 ≤ 0.5 ms,
 * suggestions ≤ 5 ms p99 after analysis, whole analysis with suggestions of a 1–2 KB message p99 ≤ 3 ms.
 * Prints wall-clock and CPU-time figures: on a shared machine the wall clock also counts time spent waiting
 * for a core. The same section runs inside `npm run -s cli -- bench`.
 * Run: npx tsx bench/policy.bench.ts
 */
import { createEngine } from '../src/main/engine';
import { generateCorpus } from '../src/main/engine/bench/corpus';
import { formatPolicyBench, policyBenchSection } from '../src/main/suggest/bench-section';

async function main(): Promise<void> {
  const corpus = generateCorpus(1500, 7);
  const t0 = performance.now();
  const engine = createEngine();
  console.log(`engine ready: ${(performance.now() - t0).toFixed(1)} ms`);
  const report = await policyBenchSection({ engine, corpus });
  process.stdout.write(formatPolicyBench(report));
}

void main();

/**
 * Intent model figures: start-up (load the shipped model, or train when the data changed), classify
 * latency, dev-set accuracy and k-fold cross-validation on the training examples. `npx tsx bench/intent.bench.ts [--folds 5] [--no-cv]`.
 * Wall-clock figures depend on machine load; CPU time of this process is printed next to them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossValidate } from '../src/main/engine/intent/cross-validate';
import { evaluateCases, formatReport } from '../src/main/engine/intent/evaluate';
import {
  createIntentClassifier,
  loadExamples,
  loadLexicon,
  loadTaxonomy,
  resolveResourcesDir,
} from '../src/main/engine/intent/index';

const args = process.argv.slice(2);
const folds = Number(args[args.indexOf('--folds') + 1]) || 5;

function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const wallMs = performance.now() - t;
  const c = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

const cold = timed(() => createIntentClassifier());
const classifier = cold.value;
const warm = [0, 1, 2].map(() => timed(() => createIntentClassifier()));
const best = warm.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
console.log(
  `engine intent ready (load shipped model), cold: ${cold.wallMs.toFixed(0)} ms wall, ${cold.cpuMs.toFixed(0)} ms CPU`,
);
console.log(
  `engine intent ready, warm (best of 3): ${best.wallMs.toFixed(0)} ms wall, ${best.cpuMs.toFixed(0)} ms CPU`,
);
console.log(
  `shipped model used: ${classifier.fromShippedModel}, temperature ${classifier.temperature.toFixed(3)}`,
);
const trained = timed(() => createIntentClassifier({ build: {} }));
console.log(
  `if the data were edited (training + temperature fit at start-up): ${trained.wallMs.toFixed(0)} ms wall, ` +
    `${trained.cpuMs.toFixed(0)} ms CPU`,
);

const base =
  'Hello, I ordered the linen duvet cover and two pillowcases last week (order #10233) and the tracking has not ' +
  'moved since Monday. Could you please tell me what is going on? I need it before my parents visit this weekend. ';
const long = base.repeat(Math.ceil(2048 / base.length)).slice(0, 2048);
const messages = { 'short (25 B)': 'where is my order #1234??', 'medium (250 B)': base, 'long (2 KB)': long };
for (const [name, text] of Object.entries(messages)) {
  for (let i = 0; i < 300; i++) classifier.classify(text);
  const samples: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t = performance.now();
    classifier.classify(text);
    samples.push((performance.now() - t) * 1000);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.floor(q * (samples.length - 1))]!.toFixed(0);
  console.log(`classify ${name}: p50 ${p(0.5)} µs, p99 ${p(0.99)} µs`);
}

const devPath = join(__dirname, '..', 'tests', 'fixtures', 'intent-dev.jsonl');
const dev = readFileSync(devPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; intent: string });
const devReport = evaluateCases((t) => classifier.classify(t), dev, classifier.labels);
console.log(`\nDev set (${dev.length} held-out messages):`);
console.log(formatReport(devReport));

if (!args.includes('--no-cv')) {
  const dir = resolveResourcesDir();
  const taxonomy = loadTaxonomy(dir);
  const examples = loadExamples(dir, taxonomy);
  const lexicon = loadLexicon(dir)?.lexicon;
  const cv = timed(() => crossValidate(taxonomy, examples, folds, { lexicon }));
  const r = cv.value;
  console.log(
    `${folds}-fold cross-validation on ${r.total} training examples: accuracy ${(r.accuracy * 100).toFixed(1)}%, ` +
      `macro-F1 ${(r.macroF1 * 100).toFixed(1)}%, mean confidence ${r.meanConfidenceCorrect.toFixed(2)} right / ` +
      `${r.meanConfidenceWrong.toFixed(2)} wrong (${(cv.wallMs / 1000).toFixed(1)} s)`,
  );
  const noLex = crossValidate(taxonomy, examples, folds, {});
  console.log(
    `  without the concept lexicon: accuracy ${(noLex.accuracy * 100).toFixed(1)}%, macro-F1 ${(noLex.macroF1 * 100).toFixed(1)}%`,
  );
}

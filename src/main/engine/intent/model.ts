import {
  createVectorizer,
  DEFAULT_FEATURE_WEIGHTS,
  extractTerms,
  fitVectorizer,
  type FeatureWeights,
  type Vectorizer,
} from './features';
import type { Lexicon } from './lexicon';
import { fitTemperature, type ScoredExample } from './calibration';
import {
  DEFAULT_TRAIN_OPTIONS,
  logits,
  softmaxInPlace,
  trainSoftmax,
  type SoftmaxModel,
  type TrainOptions,
} from './softmax';
import { IntentDataError, type Taxonomy } from './taxonomy';

/** One label with its calibrated probability. */
export interface IntentScore {
  label: string;
  confidence: number;
}

/** A trained model ready to score messages; pure (no I/O), so tests and the CLI can build their own. */
export interface TrainedIntentModel {
  readonly labels: readonly string[];
  readonly temperature: number;
  /** Rule boosts per label for a message (0 when no rule fires). */
  boosts(text: string): Float64Array;
  /** Unscaled model scores per label. */
  rawLogits(text: string): Float64Array;
  classify(text: string): IntentScore[];
  /** Everything needed to rebuild this model without training (shipped in resources). */
  snapshot(): ModelSnapshot;
}

/** A trained model's state: vocabulary, IDF, weights and temperature. */
export interface ModelSnapshot {
  temperature: number;
  classes: number;
  terms: Uint32Array;
  idf: Float64Array;
  weights: Float64Array;
  bias: Float64Array;
}

/** Training settings; the shipped defaults were chosen by 5-fold cross-validation on the examples. */
export interface BuildOptions {
  /** Concept lexicon adding synonym features; none by default. */
  lexicon?: Lexicon;
  features?: Partial<FeatureWeights>;
  train?: Partial<TrainOptions>;
  /** Fixed temperature (skips the held-out fit), e.g. a value fitted at build time for this data. */
  temperature?: number;
  /** A previously trained state for exactly this data and settings: used instead of training. */
  snapshot?: ModelSnapshot;
  /** Every n-th example of each label is held out to fit the temperature. */
  calibrationEvery?: number;
}

interface CompiledRule {
  label: number;
  re: RegExp;
  boost: number;
}

/** Flattens the per-label examples into parallel arrays, in taxonomy order (deterministic). */
export function flattenExamples(
  labels: readonly string[],
  examples: Readonly<Record<string, readonly string[]>>,
): { texts: string[]; ys: number[] } {
  const texts: string[] = [];
  const ys: number[] = [];
  labels.forEach((label, y) => {
    const list = examples[label] ?? [];
    if (list.length === 0) throw new IntentDataError(`Intent "${label}" has no training examples`);
    for (const t of list) {
      texts.push(t);
      ys.push(y);
    }
  });
  return { texts, ys };
}

function fit(
  termLists: readonly number[][],
  ys: readonly number[],
  k: number,
  opts: TrainOptions,
  lexicon: Lexicon | undefined,
  weights: FeatureWeights,
) {
  const vectorizer = fitVectorizer(termLists, lexicon, weights);
  const xs = termLists.map((terms) => vectorizer.transformTerms(terms));
  const model = trainSoftmax(xs, ys, k, vectorizer.size, opts);
  return { vectorizer, model };
}

function score(vectorizer: Vectorizer, model: SoftmaxModel, text: string): Float64Array {
  return logits(model, vectorizer.transform(text));
}

/** Featurizes the examples, fits the temperature on a held-out slice (unless given) and trains on all. */
function train(
  labels: readonly string[],
  examples: Readonly<Record<string, readonly string[]>>,
  options: BuildOptions,
  boosts: (text: string) => Float64Array,
): { vectorizer: Vectorizer; model: SoftmaxModel; temperature: number } {
  const k = labels.length;
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options.train };
  const { texts, ys } = flattenExamples(labels, examples);
  const lexicon = options.lexicon;
  const weights: FeatureWeights = { ...DEFAULT_FEATURE_WEIGHTS, ...options.features };
  const termLists = texts.map((text) => extractTerms(text, lexicon));

  let temperature = options.temperature;
  if (temperature === undefined) {
    const every = options.calibrationEvery ?? 5;
    const seenPerLabel = new Array<number>(k).fill(0);
    const held: number[] = [];
    const kept: number[] = [];
    ys.forEach((y, i) => {
      const n = seenPerLabel[y]!++;
      (n % every === every - 1 ? held : kept).push(i);
    });
    const part = fit(
      kept.map((i) => termLists[i]!),
      kept.map((i) => ys[i]!),
      k,
      opts,
      lexicon,
      weights,
    );
    const scored: ScoredExample[] = held.map((i) => ({
      logits: score(part.vectorizer, part.model, texts[i]!),
      boosts: boosts(texts[i]!),
      label: ys[i]!,
    }));
    temperature = fitTemperature(scored);
  }
  const { vectorizer, model } = fit(termLists, ys, k, opts, lexicon, weights);

  return { vectorizer, model, temperature };
}

/**
 * Trains the vectorizer and softmax model on all examples and fits the temperature on a stratified
 * held-out slice (a model trained without it), so confidences mean what they say on unseen text.
 */
export function buildIntentModel(
  taxonomy: Taxonomy,
  examples: Readonly<Record<string, readonly string[]>>,
  options: BuildOptions = {},
): TrainedIntentModel {
  const labels = taxonomy.intents.map((i) => i.label);
  const k = labels.length;
  const rules: CompiledRule[] = taxonomy.intents.flatMap((intent, label) =>
    intent.rules.map((r) => ({ label, re: new RegExp(r.pattern, 'iu'), boost: r.boost })),
  );
  const boosts = (text: string): Float64Array => {
    const b = new Float64Array(k);
    for (const r of rules) if (r.re.test(text)) b[r.label] = b[r.label]! + r.boost;
    return b;
  };

  let vectorizer: Vectorizer;
  let model: SoftmaxModel;
  let t: number;
  if (options.snapshot) {
    const snap = options.snapshot;
    if (
      snap.classes !== k ||
      snap.weights.length !== snap.terms.length * k ||
      snap.idf.length !== snap.terms.length
    ) {
      throw new IntentDataError('The shipped intent model does not match the taxonomy');
    }
    vectorizer = createVectorizer(snap.terms, snap.idf, options.lexicon);
    model = { classes: k, features: snap.terms.length, weights: snap.weights, bias: snap.bias };
    t = snap.temperature;
  } else {
    ({ vectorizer, model, temperature: t } = train(labels, examples, options, boosts));
  }

  return {
    labels,
    temperature: t,
    boosts,
    rawLogits: (text) => score(vectorizer, model, text),
    snapshot: () => ({
      temperature: t,
      classes: k,
      terms: vectorizer.terms,
      idf: vectorizer.idf,
      weights: model.weights,
      bias: model.bias,
    }),
    classify(text) {
      const z = score(vectorizer, model, text);
      const b = boosts(text);
      for (let i = 0; i < k; i++) z[i] = z[i]! / t + b[i]!;
      softmaxInPlace(z);
      return labels
        .map((label, i) => ({ label, confidence: z[i]! }))
        .sort((a, b2) => b2.confidence - a.confidence || a.label.localeCompare(b2.label));
    },
  };
}

import type { SparseVector } from './features';

/**
 * Multinomial logistic regression (softmax, L2) trained with Adagrad on sparse vectors.
 *
 * Hand-written on purpose: the npm text-classification packages (natural, bayes, ml-logistic-regression,
 * wink) either offer only Naive Bayes / binary LR, work on dense matrices (too slow and too large for
 * ~15k n-gram features), or are unmaintained. ~80 lines here train on our ~1,400 examples in about 100 ms,
 * deterministically, with probabilities we can calibrate.
 */
export interface SoftmaxModel {
  readonly classes: number;
  readonly features: number;
  /** Feature-major weights [feature][class]: one non-zero feature touches one contiguous run. */
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/** Optimizer settings; `seed` fixes the visiting order so training is reproducible. */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/** Chosen by 5-fold cross-validation; more epochs did not help and cost start-up time. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 6, learningRate: 0.25, l2: 1e-5, seed: 7 };

/** Small deterministic PRNG so the same data always gives the same model. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Raw class scores (logits) of one vector. */
export function logits(
  model: SoftmaxModel,
  x: SparseVector,
  out = new Float64Array(model.classes),
): Float64Array {
  const { weights, classes } = model;
  out.set(model.bias);
  for (let j = 0; j < x.indices.length; j++) {
    const base = x.indices[j]! * classes;
    const v = x.values[j]!;
    for (let k = 0; k < classes; k++) out[k] = out[k]! + weights[base + k]! * v;
  }
  return out;
}

/** In-place softmax of `z / temperature`; numerically stable. */
export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, z[k]!);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp((z[k]! - max) / temperature);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k] = z[k]! / sum;
  return z;
}

/**
 * Trains on (x, y) pairs. The visiting order is shuffled with a seeded PRNG per epoch; L2 is applied
 * lazily to the touched weights only, which keeps each step proportional to the non-zeros.
 */
export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): SoftmaxModel {
  const weights = new Float64Array(classes * features);
  const bias = new Float64Array(classes);
  const g2 = new Float64Array(classes * features).fill(1e-8);
  const gb2 = new Float64Array(classes).fill(1e-8);
  const model: SoftmaxModel = { classes, features, weights, bias };
  const order = xs.map((_, i) => i);
  const rand = mulberry32(options.seed);
  const p = new Float64Array(classes);
  const err = new Float64Array(classes);
  const act = new Int32Array(classes);
  const { learningRate: lr, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const x = xs[n]!;
      softmaxInPlace(logits(model, x, p));
      const y = ys[n]!;
      // Classes with a near-zero gradient are skipped: most are confidently ruled out after an epoch.
      let active = 0;
      for (let k = 0; k < classes; k++) {
        const e = p[k]! - (k === y ? 1 : 0);
        if (Math.abs(e) < 1e-3) continue;
        err[active] = e;
        act[active++] = k;
        gb2[k] = gb2[k]! + e * e;
        bias[k] = bias[k]! - (lr * e) / Math.sqrt(gb2[k]!);
      }
      for (let j = 0; j < x.indices.length; j++) {
        const base = x.indices[j]! * classes;
        const v = x.values[j]!;
        for (let a = 0; a < active; a++) {
          const w = base + act[a]!;
          const g = err[a]! * v + l2 * weights[w]!;
          g2[w] = g2[w]! + g * g;
          weights[w] = weights[w]! - (lr * g) / Math.sqrt(g2[w]!);
        }
      }
    }
  }
  return model;
}

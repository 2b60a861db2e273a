/**
 * Temperature scaling (Guo et al., 2017): one scalar T fitted on held-out predictions so that
 * softmax(z / T) matches observed accuracy. It keeps the ranking unchanged and is the most robust
 * calibration for small data — isotonic or Platt per class would overfit a few hundred examples.
 */

/** Held-out raw scores with the true class index. */
export interface ScoredExample {
  logits: Float64Array;
  /** Additive rule boosts applied after scaling (they are not learned, so they are not scaled). */
  boosts: Float64Array;
  label: number;
}

/** Mean negative log-likelihood of the held-out set at temperature `t`. */
export function negativeLogLikelihood(examples: readonly ScoredExample[], t: number): number {
  let total = 0;
  for (const ex of examples) {
    let max = -Infinity;
    const k = ex.logits.length;
    const z = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      z[i] = ex.logits[i]! / t + ex.boosts[i]!;
      max = Math.max(max, z[i]!);
    }
    let sum = 0;
    for (let i = 0; i < k; i++) sum += Math.exp(z[i]! - max);
    total += -(z[ex.label]! - max - Math.log(sum));
  }
  return total / Math.max(1, examples.length);
}

/**
 * Golden-section search of T in [0.02, 5] (NLL is unimodal in T for a fixed set of logits).
 * Returns 1 when there is nothing to fit.
 */
export function fitTemperature(examples: readonly ScoredExample[]): number {
  if (examples.length === 0) return 1;
  // Search on log T: the useful range spans two orders of magnitude.
  let lo = Math.log(0.02);
  let hi = Math.log(5);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = negativeLogLikelihood(examples, Math.exp(a));
  let fb = negativeLogLikelihood(examples, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = negativeLogLikelihood(examples, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = negativeLogLikelihood(examples, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

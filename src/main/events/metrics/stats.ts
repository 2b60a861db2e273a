import type { Distribution, OutcomeStats } from '../../../shared/contract/supervisor';

/**
 * Percentile with linear interpolation between closest ranks (Excel PERCENTILE.INC, numpy's default):
 * the median of [0.1, 0.3] is 0.2. `sorted` must be ascending.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = (n - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** Median and p90 of values (sorted in place as a Float64Array for speed on 100k+ values). */
export function distribution(values: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}

/** Median/p90 of a histogram given as value → count pairs (e.g. suggestions per thread). */
export function distributionFromCounts(pairs: ReadonlyArray<{ value: number; count: number }>): Distribution {
  const sorted = [...pairs].filter((p) => p.count > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, p) => s + p.count, 0);
  const at = (index: number): number => {
    let seen = 0;
    for (const p of sorted) {
      seen += p.count;
      if (index < seen) return p.value;
    }
    return sorted[sorted.length - 1]?.value ?? 0;
  };
  const pick = (p: number): number | null => {
    if (n === 0) return null;
    const rank = (n - 1) * p;
    const lo = Math.floor(rank);
    const a = at(lo);
    return a + (at(Math.ceil(rank)) - a) * (rank - lo);
  };
  return { count: n, median: pick(0.5), p90: pick(0.9) };
}

/** Raw counters of shown suggestions and their outcomes, as summed from the rollup. */
export interface OutcomeCounts {
  shown: number;
  acceptedAsIs: number;
  acceptedEdited: number;
  rejected: number;
  editSum: number;
  acceptMsSum: number;
}

const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * Outcome rates over shown suggestions. Acceptance is Zendesk's definition (accepted including edited,
 * over shown); the split gives as-is, edited, rejected and ignored (shown with no outcome) separately.
 */
export function outcomeStats(c: OutcomeCounts): OutcomeStats {
  const accepted = c.acceptedAsIs + c.acceptedEdited;
  const ignored = Math.max(0, c.shown - accepted - c.rejected);
  return {
    shown: c.shown,
    acceptedAsIs: c.acceptedAsIs,
    acceptedEdited: c.acceptedEdited,
    rejected: c.rejected,
    ignored,
    acceptanceRate: rate(accepted, c.shown),
    asIsRate: rate(c.acceptedAsIs, c.shown),
    editedRate: rate(c.acceptedEdited, c.shown),
    rejectedRate: rate(c.rejected, c.shown),
    ignoredRate: rate(ignored, c.shown),
    meanEditDistance: accepted > 0 ? c.editSum / accepted : null,
    meanMsToAccept: accepted > 0 ? c.acceptMsSum / accepted : null,
  };
}

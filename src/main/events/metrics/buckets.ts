/**
 * Histogram buckets for percentiles over rollups. Medians cannot be summed, but histograms can: the
 * store keeps per-day counts per bucket and the percentile is read from the merged histogram.
 * Resolution: edit distance to 0.01 (what the dashboard shows); time to accept to 100 ms below one
 * second, then in 5 % steps (±2.5 %), which is finer than anyone reads a "median 12 s" card.
 */
const LOG_STEP = Math.log(1.05);

export const editBucket = (editDistance: number): number => Math.round(editDistance * 100);
export const editBucketValue = (bucket: number): number => bucket / 100;

export function msBucket(ms: number): number {
  if (ms < 1000) return Math.floor(ms / 100);
  return 10 + Math.round(Math.log(ms / 1000) / LOG_STEP);
}

export function msBucketValue(bucket: number): number {
  if (bucket < 10) return bucket * 100;
  return Math.round(1000 * Math.exp((bucket - 10) * LOG_STEP));
}

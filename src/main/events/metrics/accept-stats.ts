import type { Distribution, Metrics } from '../../../shared/contract/supervisor';
import { editBucket, editBucketValue, msBucket, msBucketValue } from './buckets';
import { HOUR_MS, type ResolvedFilter } from './filter';
import { acceptedValues, histogramCounts, type EventDb } from './queries';
import { intentHistogramCounts } from './intent-rollups';
import { planRange } from './rollups';
import { distribution, distributionFromCounts } from './stats';

/**
 * Up to this many acceptances the percentiles are computed from the values themselves (exact);
 * above it, from the per-day histograms (edit distance to 0.01, time to accept to ±2.5 %), which
 * keeps the dashboard fast on a million events.
 */
export const EXACT_PERCENTILE_LIMIT = 20_000;

export interface AcceptStats {
  editDistance: Distribution;
  editDistanceEdited: Distribution;
  msToAccept: Distribution;
  editHistogram: Metrics['editHistogram'];
}

function tenBins(buckets: Map<number, number>): Metrics['editHistogram'] {
  const counts = new Array<number>(10).fill(0);
  for (const [bucket, count] of buckets) counts[Math.min(9, Math.floor(bucket / 10))]! += count;
  return counts.map((count, i) => ({ from: i / 10, to: (i + 1) / 10, count }));
}

const add = (map: Map<number, number>, bucket: number, count: number) =>
  map.set(bucket, (map.get(bucket) ?? 0) + count);

const msRange = (edge: [number | null, number | null]): [number | null, number | null] => [
  edge[0] === null ? null : edge[0] * HOUR_MS,
  edge[1] === null ? null : edge[1] * HOUR_MS,
];

/** Edit distance and time-to-accept distributions of live acceptances in the filter. */
export async function acceptStats(
  db: EventDb,
  f: ResolvedFilter,
  counts: { acceptedAsIs: number; acceptedEdited: number },
  exactLimit = EXACT_PERCENTILE_LIMIT,
): Promise<AcceptStats> {
  const plan = planRange(f);
  const accepted = counts.acceptedAsIs + counts.acceptedEdited;
  if (plan.kind === 'agent' || accepted <= exactLimit) {
    const values = await acceptedValues(db, f);
    const buckets = new Map<number, number>();
    for (const v of values.editDistance) add(buckets, editBucket(v), 1);
    return {
      editDistance: distribution(values.editDistance),
      editDistanceEdited: distribution(values.editDistance.filter((_, i) => values.edited[i] === 1)),
      msToAccept: distribution(values.msToAccept),
      editHistogram: tenBins(buckets),
    };
  }
  const histogram = plan.kind === 'intent' ? intentHistogramCounts : histogramCounts;
  const edit = new Map<number, number>();
  const ms = new Map<number, number>();
  const [editDays, msDays, ...edges] = await Promise.all([
    plan.days ? histogram(db, f, 'edit', plan.days) : Promise.resolve([]),
    plan.days ? histogram(db, f, 'ms', plan.days) : Promise.resolve([]),
    ...plan.edges.map((edge) => acceptedValues(db, f, msRange(edge))),
  ]);
  for (const r of editDays) add(edit, r.bucket, r.count);
  for (const r of msDays) add(ms, r.bucket, r.count);
  for (const values of edges) {
    for (const v of values.editDistance) add(edit, editBucket(v), 1);
    for (const v of values.msToAccept) add(ms, msBucket(v), 1);
  }
  const editPairs = [...edit].map(([bucket, count]) => ({ value: editBucketValue(bucket), count }));
  // Accepted as is always sits in bucket 0; taking those out leaves the edited acceptances.
  const editedPairs = editPairs.map((p) =>
    p.value === 0 ? { value: 0, count: Math.max(0, p.count - counts.acceptedAsIs) } : p,
  );
  return {
    editDistance: distributionFromCounts(editPairs),
    editDistanceEdited: distributionFromCounts(editedPairs),
    msToAccept: distributionFromCounts(
      [...ms].map(([bucket, count]) => ({ value: msBucketValue(bucket), count })),
    ),
    editHistogram: tenBins(edit),
  };
}

import type { BreakdownRow, EventFilter, Metrics } from '../../shared/contract/supervisor';
import { resolveFilter } from '../events/metrics/filter';
import { outcomeStats } from '../events/metrics/stats';
import { normalizeReason } from '../events/sqlite/event-writer';
import {
  eventLabels,
  eventThreadCounts,
  exactDistributions,
  histogramDistributions,
  rollupLabels,
  rollupThreadCounts,
} from './pg-details';
import { distributionFromCounts } from '../events/metrics/stats';
import { counters, timeCharts, type CounterRow, type CounterSource, type TeamDb } from './pg-counters';

/** Same threshold as the local store: up to this many acceptances the percentiles are exact. */
export { EXACT_PERCENTILE_LIMIT } from '../events/metrics/accept-stats';
import { EXACT_PERCENTILE_LIMIT } from '../events/metrics/accept-stats';

export {
  applyFilter,
  counters,
  rollupFor,
  type CounterRow,
  type CounterSource,
  type GroupBy,
  type TeamDb,
} from './pg-counters';
export type {
  TeamAgentRollupTable,
  TeamDatabase,
  TeamEventsTable,
  TeamRollupAcceptTable,
  TeamRollupLabelsTable,
  TeamRollupTable,
  TeamRollupThreadsTable,
} from './pg-schema';
const row = (r: CounterRow, key: string): BreakdownRow => ({
  key,
  ...outcomeStats(r),
  messages: r.messages,
  overrides: r.overrides,
  escalations: r.escalations,
});
const byShownDesc = (a: BreakdownRow, b: BreakdownRow): number =>
  b.shown - a.shown || a.key.localeCompare(b.key);
const noneKey = (key: string): string => (key === '' ? '(none)' : key);

const countRows = (m: Map<string, number>) =>
  [...m]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

/**
 * The dashboard's metrics from the team store, in the local store's shape and definitions. With
 * `rollup` (schema 3) every figure comes from the rollups the insert triggers keep; with `events`
 * (schema 1) from the events themselves, where `suggestionsPerThread` can only count threads with a
 * suggestion shown in the window (the local store and the rollup count threads that started in it).
 */
export async function getTeamMetrics(
  db: TeamDb,
  input: EventFilter,
  source: CounterSource = 'events',
): Promise<Metrics> {
  const f = resolveFilter(input);
  const rollups = source === 'rollup' || source === 'days';
  const daily = source === 'days';
  // The totals decide how the percentiles are read (exact values or histograms), so they come first.
  const all = await counters(db, f, 'all', source);
  const accepted = (all[0]?.acceptedAsIs ?? 0) + (all[0]?.acceptedEdited ?? 0);
  const [agent, team, intent, ssrc, model, [day, hour], dist, labelRows, threads] = await Promise.all([
    counters(db, f, 'agent', source),
    counters(db, f, 'team', source),
    counters(db, f, 'intent', source),
    counters(db, f, 'suggestionSource', source),
    counters(db, f, 'model', source),
    timeCharts(db, f, source),
    rollups && f.agentIds === null && accepted > EXACT_PERCENTILE_LIMIT
      ? histogramDistributions(db, f, all[0]!, daily)
      : exactDistributions(db, f),
    rollups && f.agentIds === null ? rollupLabels(db, f) : eventLabels(db, f),
    rollups ? rollupThreadCounts(db, f, daily) : eventThreadCounts(db, f),
  ]);
  const t = all[0];
  const zero = { shown: 0, acceptedAsIs: 0, acceptedEdited: 0, rejected: 0, editSum: 0, acceptMsSum: 0 };
  const totals = {
    ...outcomeStats(t ?? zero),
    messages: t?.messages ?? 0,
    overrides: t?.overrides ?? 0,
    escalations: t?.escalations ?? 0,
    draftsChecked: t?.draftsChecked ?? 0,
    draftsBlocked: t?.draftsBlocked ?? 0,
    shownBlocked: t?.shownBlocked ?? 0,
    agents: agent.length,
  };
  const rules = new Map<
    string,
    { ruleId: string; flaggedSuggestions: number; flaggedDrafts: number; overrides: number }
  >();
  const rule = (id: string) => {
    let r = rules.get(id);
    if (!r) rules.set(id, (r = { ruleId: id, flaggedSuggestions: 0, flaggedDrafts: 0, overrides: 0 }));
    return r;
  };
  const reasons = new Map<string, number>();
  const escReasons = new Map<string, number>();
  const paths = new Map<string, number>();
  for (const l of labelRows) {
    if (l.kind === 'rule') {
      if (l.type === 'suggestion_shown') rule(l.label).flaggedSuggestions += l.n;
      else if (l.type === 'draft_checked') rule(l.label).flaggedDrafts += l.n;
      else if (l.type === 'policy_override') rule(l.label).overrides += l.n;
    } else if (l.kind === 'reason' && l.type === 'policy_override') {
      bump(reasons, normalizeReason(l.label), l.n);
    } else if (l.kind === 'code' && l.type === 'escalated') bump(escReasons, l.label, l.n);
    else if (l.kind === 'path' && l.type === 'escalated') bump(paths, l.label, l.n);
  }
  const blocks = totals.shownBlocked + totals.draftsBlocked;
  const perThread = distributionFromCounts(threads);
  const shownInThreads = threads.reduce((sum, p) => sum + p.value * p.count, 0);
  return {
    filter: { fromMs: f.fromMs, toMs: f.toMs, tzOffsetMinutes: f.tzOffsetMinutes },
    totals,
    editDistance: dist.editDistance,
    editDistanceEdited: dist.editDistanceEdited,
    editHistogram: dist.editHistogram,
    msToAccept: dist.msToAccept,
    by: {
      agent: agent.map((x) => row(x, x.key)).sort(byShownDesc),
      team: team.map((x) => row(x, x.key)).sort(byShownDesc),
      intent: intent.map((x) => row(x, noneKey(x.key))).sort(byShownDesc),
      suggestionSource: ssrc.map((x) => row(x, noneKey(x.key))).sort(byShownDesc),
      model: model.map((x) => row(x, noneKey(x.key))).sort(byShownDesc),
      day: day.map((x) => row(x, x.key)).sort((a, b) => a.key.localeCompare(b.key)),
      hour: hour.map((x) => row(x, x.key)).sort((a, b) => a.key.localeCompare(b.key)),
    },
    policy: {
      byRule: [...rules.values()].sort(
        (a, b) =>
          b.flaggedSuggestions +
            b.flaggedDrafts +
            b.overrides -
            (a.flaggedSuggestions + a.flaggedDrafts + a.overrides) || a.ruleId.localeCompare(b.ruleId),
      ),
      overrides: totals.overrides,
      blocks,
      overrideRate: blocks > 0 ? totals.overrides / blocks : null,
      overrideReasons: countRows(reasons),
    },
    escalations: { total: totals.escalations, byReason: countRows(escReasons), byPath: countRows(paths) },
    suggestionsPerThread: {
      threads: perThread.count,
      mean: perThread.count > 0 ? shownInThreads / perThread.count : null,
      median: perThread.median,
      p90: perThread.p90,
    },
  };
}

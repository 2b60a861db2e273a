import type { BreakdownRow, EventFilter, Metrics } from '../../../shared/contract/supervisor';
import { resolveFilter } from './filter';
import { acceptStats } from './accept-stats';
import type { EventDb } from './queries';
import { breakdown, labelBreakdown, trendBreakdowns, type RollupRow } from './rollups';
import { distributionFromCounts, outcomeStats } from './stats';
import { threadCounts } from './thread-counts';

const DAY_MS = 86_400_000;

function breakdownRow(row: RollupRow, key: string): BreakdownRow {
  return {
    key,
    ...outcomeStats(row),
    messages: row.messages,
    overrides: row.overrides,
    escalations: row.escalations,
  };
}

const byShownDesc = (a: BreakdownRow, b: BreakdownRow): number =>
  b.shown - a.shown || a.key.localeCompare(b.key);
const dayKey = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const noneKey = (key: string): string => (key === '' ? '(none)' : key);

const toCountRows = (rows: Array<{ label: string; count: number }>) =>
  rows
    .map((r) => ({ key: r.label, count: r.count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * Every figure of the supervisor dashboard for one filter. The dashboard (through IPC) and
 * `events stats` both call this, so the two can never disagree. Replay (trainer) events are left out.
 */
export async function getMetrics(
  db: EventDb,
  input: EventFilter,
  options: { exactPercentileLimit?: number } = {},
): Promise<Metrics> {
  const f = resolveFilter(input);
  const [{ all, team, day, hour }, agent, intent, suggestionSource, model, labels, threads] =
    await Promise.all([
      trendBreakdowns(db, f),
      breakdown(db, f, 'agent'),
      breakdown(db, f, 'intent'),
      breakdown(db, f, 'suggestionSource'),
      breakdown(db, f, 'model'),
      labelBreakdown(db, f, [
        'rule_shown',
        'rule_draft',
        'rule_override',
        'override_reason',
        'escalation_reason',
        'escalation_path',
      ]),
      threadCounts(db, f),
    ]);
  const t = all[0];
  const totals = {
    ...outcomeStats(
      t ?? { shown: 0, acceptedAsIs: 0, acceptedEdited: 0, rejected: 0, editSum: 0, acceptMsSum: 0 },
    ),
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
  for (const l of labels) {
    if (l.kind === 'rule_shown') rule(l.label).flaggedSuggestions += l.count;
    else if (l.kind === 'rule_draft') rule(l.label).flaggedDrafts += l.count;
    else if (l.kind === 'rule_override') rule(l.label).overrides += l.count;
  }
  const blocks = totals.shownBlocked + totals.draftsBlocked;
  const accepted = await acceptStats(db, f, totals, options.exactPercentileLimit);
  const perThread = distributionFromCounts(threads);
  const threadCount = perThread.count;
  const shownInThreads = threads.reduce((s, p) => s + p.value * p.count, 0);

  return {
    filter: { fromMs: f.fromMs, toMs: f.toMs, tzOffsetMinutes: f.tzOffsetMinutes },
    totals,
    editDistance: accepted.editDistance,
    editDistanceEdited: accepted.editDistanceEdited,
    editHistogram: accepted.editHistogram,
    msToAccept: accepted.msToAccept,
    by: {
      agent: agent.map((r) => breakdownRow(r, r.key)).sort(byShownDesc),
      team: team.map((r) => breakdownRow(r, r.key)).sort(byShownDesc),
      intent: intent.map((r) => breakdownRow(r, noneKey(r.key))).sort(byShownDesc),
      suggestionSource: suggestionSource.map((r) => breakdownRow(r, noneKey(r.key))).sort(byShownDesc),
      model: model.map((r) => breakdownRow(r, noneKey(r.key))).sort(byShownDesc),
      day: day
        .map((r) => ({ n: Number(r.key), row: r }))
        .sort((a, b) => a.n - b.n)
        .map(({ n, row }) => breakdownRow(row, dayKey(n))),
      hour: hour
        .map((r) => ({ n: Number(r.key), row: r }))
        .sort((a, b) => a.n - b.n)
        .map(({ n, row }) => breakdownRow(row, String(n).padStart(2, '0'))),
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
      overrideReasons: toCountRows(labels.filter((l) => l.kind === 'override_reason')),
    },
    escalations: {
      total: totals.escalations,
      byReason: toCountRows(labels.filter((l) => l.kind === 'escalation_reason')),
      byPath: toCountRows(labels.filter((l) => l.kind === 'escalation_path')),
    },
    suggestionsPerThread: {
      threads: threadCount,
      mean: threadCount > 0 ? shownInThreads / threadCount : null,
      median: perThread.median,
      p90: perThread.p90,
    },
  };
}

import type { BreakdownRow, Distribution, Metrics } from '../../shared/contract/supervisor';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, digits = 2): string => (v === null ? '—' : v.toFixed(digits));
const secs = (v: number | null): string => (v === null ? '—' : `${(v / 1000).toFixed(1)} s`);
const dist = (d: Distribution, f: (v: number | null) => string): string =>
  `median ${f(d.median)}, p90 ${f(d.p90)} (n=${d.count})`;

function table(title: string, rows: BreakdownRow[], limit = 15): string[] {
  if (rows.length === 0) return [];
  const lines = [
    `${title}:`,
    `  ${'key'.padEnd(24)} ${'shown'.padStart(8)} ${'accept'.padStart(7)} ${'as is'.padStart(7)} ${'edited'.padStart(7)} ${'reject'.padStart(7)} ${'ignored'.padStart(7)}`,
  ];
  for (const r of rows.slice(0, limit)) {
    lines.push(
      `  ${r.key.slice(0, 24).padEnd(24)} ${String(r.shown).padStart(8)} ${pct(r.acceptanceRate).padStart(7)} ${pct(r.asIsRate).padStart(7)} ${pct(r.editedRate).padStart(7)} ${pct(r.rejectedRate).padStart(7)} ${pct(r.ignoredRate).padStart(7)}`,
    );
  }
  if (rows.length > limit) lines.push(`  … ${rows.length - limit} more (use --json for all)`);
  return lines;
}

/** The same figures as the dashboard, as plain text for a terminal. */
export function formatMetrics(m: Metrics): string {
  const t = m.totals;
  const lines = [
    `Messages analysed: ${t.messages}   agents: ${t.agents}   suggestions shown: ${t.shown}`,
    `Acceptance (accepted incl. edited ÷ shown): ${pct(t.acceptanceRate)}`,
    `  as is ${pct(t.asIsRate)} (${t.acceptedAsIs})   edited ${pct(t.editedRate)} (${t.acceptedEdited})   rejected ${pct(t.rejectedRate)} (${t.rejected})   ignored ${pct(t.ignoredRate)} (${t.ignored})`,
    `Edit distance (accepted): ${dist(m.editDistance, (v) => num(v))}; edited only: ${dist(m.editDistanceEdited, (v) => num(v))}`,
    `Time from shown to accept: ${dist(m.msToAccept, secs)}`,
    `Suggestions per thread: mean ${num(m.suggestionsPerThread.mean)}, median ${num(m.suggestionsPerThread.median)}, p90 ${num(m.suggestionsPerThread.p90)} over ${m.suggestionsPerThread.threads} threads`,
    `Policy: ${m.policy.blocks} blocked, ${m.policy.overrides} overridden (${pct(m.policy.overrideRate)}); drafts checked ${t.draftsChecked}`,
    ...m.policy.byRule
      .slice(0, 10)
      .map(
        (r) =>
          `  ${r.ruleId}: flagged ${r.flaggedSuggestions} suggestions, ${r.flaggedDrafts} drafts; ${r.overrides} overrides`,
      ),
    ...(m.policy.overrideReasons.length
      ? ['Override reasons:', ...m.policy.overrideReasons.slice(0, 10).map((r) => `  ${r.count}× ${r.key}`)]
      : []),
    `Escalations: ${m.escalations.total}`,
    ...m.escalations.byReason.map((r) => `  reason ${r.key}: ${r.count}`),
    ...m.escalations.byPath.map((r) => `  path ${r.key}: ${r.count}`),
    ...table('By agent', m.by.agent),
    ...table('By team', m.by.team),
    ...table('By intent', m.by.intent, 25),
    ...table('By suggestion source', m.by.suggestionSource),
    ...table('By model', m.by.model),
    ...table('By day', m.by.day, 31),
    ...table('By hour of day', m.by.hour, 24),
  ];
  return `${lines.join('\n')}\n`;
}

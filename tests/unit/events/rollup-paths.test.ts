import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../src/main/events/generate';
import { getMetrics } from '../../../src/main/events/metrics/get-metrics';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import type { EventFilter } from '../../../src/shared/contract/supervisor';
import type { TandemEvent } from '../../../src/shared/domain/events';

/**
 * The dashboard reads rollups (hourly, per-day per-dimension, histograms) instead of events. These
 * tests recompute the same figures straight from the generated events in plain JavaScript and demand
 * the same answer, on a range that starts and ends mid-day in the supervisor's time zone (so the
 * partial-day edges are exercised) and with filters (the all-dimensions path).
 */
const events = [
  ...generateEvents({
    count: 6000,
    seed: 11,
    agents: 8,
    start: new Date('2026-11-01T00:00:00Z'),
    end: new Date('2026-11-11T00:00:00Z'),
  }),
];

function reference(filter: { fromMs: number; toMs: number; agent?: string; intent?: string }) {
  const inRange = events.filter((e) => {
    const t = Date.parse(e.at);
    return (
      e.source !== 'replay' &&
      t >= filter.fromMs &&
      t < filter.toMs &&
      (!filter.agent || e.agentId === filter.agent) &&
      (!filter.intent || e.intent === filter.intent)
    );
  });
  const byAgent = new Map<string, { shown: number; accepted: number }>();
  let shown = 0;
  let accepted = 0;
  let rejected = 0;
  for (const e of inRange) {
    const row = byAgent.get(e.agentId) ?? { shown: 0, accepted: 0 };
    byAgent.set(e.agentId, row);
    if (e.type === 'suggestion_shown') {
      shown++;
      row.shown++;
    }
    if (e.type === 'suggestion_accepted') {
      accepted++;
      row.accepted++;
    }
    if (e.type === 'suggestion_rejected') rejected++;
  }
  const edits = inRange
    .filter(
      (e): e is Extract<TandemEvent, { type: 'suggestion_accepted' }> => e.type === 'suggestion_accepted',
    )
    .map((e) => e.editDistance);
  const escalationPaths = new Map<string, number>();
  const overrideRules = new Map<string, number>();
  for (const e of inRange) {
    if (e.type === 'escalated') escalationPaths.set(e.path, (escalationPaths.get(e.path) ?? 0) + 1);
    if (e.type === 'policy_override') {
      for (const r of e.ruleIds) overrideRules.set(r, (overrideRules.get(r) ?? 0) + 1);
    }
  }
  return { shown, accepted, rejected, byAgent, edits, escalationPaths, overrideRules };
}

describe('rollup query paths', () => {
  let store: SqliteEventStore;
  beforeAll(async () => {
    store = SqliteEventStore.open(':memory:');
    await store.insertBatch(events);
  });
  afterAll(async () => store.close());

  // UTC+05:30 → Nov 3 00:00 local is Nov 2 18:30Z: neither bound is on a UTC day or even a whole hour.
  const filter: EventFilter = { from: '2026-11-03', to: '2026-11-07', tzOffsetMinutes: 330 };
  const fromMs = Date.parse('2026-11-02T18:30:00Z');
  const toMs = Date.parse('2026-11-07T18:30:00Z');

  it('matches a recount from the events on a mid-day, mid-hour range', async () => {
    // Rollups count the whole hours inside the range, as documented: 19:00Z on Nov 2 to 18:00Z on Nov 7.
    const ref = reference({ fromMs: fromMs + 30 * 60_000, toMs: toMs - 30 * 60_000 });
    const m = await store.getMetrics(filter);
    expect(m.totals.shown).toBe(ref.shown);
    expect(m.totals.acceptedAsIs + m.totals.acceptedEdited).toBe(ref.accepted);
    expect(m.totals.rejected).toBe(ref.rejected);
    for (const row of m.by.agent) {
      expect([row.key, row.shown, row.acceptedAsIs + row.acceptedEdited]).toEqual([
        row.key,
        ref.byAgent.get(row.key)?.shown,
        ref.byAgent.get(row.key)?.accepted,
      ]);
    }
    expect(m.by.agent).toHaveLength(ref.byAgent.size);
    expect(new Map(m.escalations.byPath.map((r) => [r.key, r.count]))).toEqual(ref.escalationPaths);
    expect(
      new Map(m.policy.byRule.filter((r) => r.overrides > 0).map((r) => [r.ruleId, r.overrides])),
    ).toEqual(ref.overrideRules);
    expect(ref.escalationPaths.size).toBeGreaterThan(0);
    const sum = (rows: { shown: number }[]) => rows.reduce((s, r) => s + r.shown, 0);
    expect(sum(m.by.intent)).toBe(ref.shown);
    expect(sum(m.by.day)).toBe(ref.shown);
    expect(sum(m.by.hour)).toBe(ref.shown);
    expect(sum(m.by.suggestionSource)).toBe(ref.shown);
    expect(m.by.day.map((d) => d.key)).toEqual([
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
    ]);
  });

  it('gives the same figures on the filtered path as on the fast path', async () => {
    const all = await store.getMetrics(filter);
    for (const agent of all.by.agent) {
      const one = await store.getMetrics({ ...filter, agentIds: [agent.key] });
      expect(one.totals.shown).toBe(agent.shown);
      expect(one.totals.acceptedEdited).toBe(agent.acceptedEdited);
      expect(one.totals.overrides).toBe(agent.overrides);
    }
    const refund = reference({ fromMs: fromMs + 30 * 60_000, toMs: toMs - 30 * 60_000, intent: 'refund' });
    const byIntent = await store.getMetrics({ ...filter, intents: ['refund'] });
    expect(byIntent.totals.shown).toBe(refund.shown);
    expect(byIntent.totals.acceptedAsIs + byIntent.totals.acceptedEdited).toBe(refund.accepted);
    for (const row of byIntent.by.agent) {
      expect([row.key, row.shown]).toEqual([row.key, refund.byAgent.get(row.key)?.shown]);
    }
    const withShown = (keys: string[]) => keys.sort();
    expect(withShown(byIntent.by.agent.filter((r) => r.shown > 0).map((r) => r.key))).toEqual(
      withShown([...refund.byAgent].filter(([, r]) => r.shown > 0).map(([k]) => k)),
    );
    expect(byIntent.by.intent.map((r) => [r.key, r.shown])).toEqual([['refund', refund.shown]]);
    expect(byIntent.by.day.reduce((s, r) => s + r.shown, 0)).toBe(refund.shown);
    expect(byIntent.editDistance.count).toBe(refund.edits.length);
    // The intent histograms agree with the exact values within their resolution.
    const hist = await getMetrics(
      store.queryBuilder,
      { ...filter, intents: ['refund'] },
      { exactPercentileLimit: 0 },
    );
    expect(hist.editDistance.count).toBe(refund.edits.length);
    expect(Math.abs(hist.editDistance.p90! - byIntent.editDistance.p90!)).toBeLessThanOrEqual(0.011);
    // Agent and intent filters together take the agent path and must agree with the intent path.
    const first = byIntent.by.agent[0]!;
    const both = await store.getMetrics({ ...filter, intents: ['refund'], agentIds: [first.key] });
    expect([both.totals.shown, both.totals.acceptedEdited, both.totals.rejected]).toEqual([
      first.shown,
      first.acceptedEdited,
      first.rejected,
    ]);
  });

  it('reads percentiles from the histograms within their resolution', async () => {
    const exact = await store.getMetrics(filter);
    const fromHistograms = await getMetrics(store.queryBuilder, filter, { exactPercentileLimit: 0 });
    expect(fromHistograms.editDistance.count).toBe(exact.editDistance.count);
    expect(Math.abs(fromHistograms.editDistance.median! - exact.editDistance.median!)).toBeLessThanOrEqual(
      0.005,
    );
    expect(Math.abs(fromHistograms.editDistance.p90! - exact.editDistance.p90!)).toBeLessThanOrEqual(0.011);
    expect(
      Math.abs(fromHistograms.editDistanceEdited.median! - exact.editDistanceEdited.median!),
    ).toBeLessThanOrEqual(0.011);
    expect(Math.abs(fromHistograms.msToAccept.median! / exact.msToAccept.median! - 1)).toBeLessThan(0.03);
    expect(Math.abs(fromHistograms.msToAccept.p90! / exact.msToAccept.p90! - 1)).toBeLessThan(0.03);
    expect(fromHistograms.editHistogram.reduce((s, b) => s + b.count, 0)).toBe(exact.editDistance.count);
  });
});

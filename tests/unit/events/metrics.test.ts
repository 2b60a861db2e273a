import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { handMadeEvents } from './fixtures';

/*
 * Hand computation over fixtures.handMadeEvents() (replay events excluded):
 *   shown 6 (s1..s6); accepted as is 1 (s1), edited 2 (s3, s4); rejected 1 (s5); ignored 6-3-1 = 2.
 *   acceptance = 3/6 = 0.5; as is 1/6; edited 2/6; rejected 1/6; ignored 2/6.
 *   edit distances [0, 0.3, 0.5]: median 0.3; p90 rank 1.8 → 0.3 + 0.8·0.2 = 0.46; mean 0.8/3.
 *   edited only [0.3, 0.5]: median 0.4; p90 rank 0.9 → 0.48.
 *   ms to accept [4000, 20000, 60000]: median 20000; p90 20000 + 0.8·40000 = 52000.
 *   threads: a1/th1 3 shown, a2/th2 1, a2/th3 2 → mean 2, median 2, p90 2.8.
 *   blocks: 2 shown with verdict block; overrides 1 → override rate 0.5.
 */
describe('event metrics', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = SqliteEventStore.open(':memory:');
    await store.insertBatch(handMadeEvents());
  });
  afterEach(async () => store.close());

  it('computes acceptance as Zendesk defines it, and split', async () => {
    const m = await store.getMetrics({});
    expect(m.totals).toMatchObject({
      messages: 4,
      shown: 6,
      acceptedAsIs: 1,
      acceptedEdited: 2,
      rejected: 1,
      ignored: 2,
      overrides: 1,
      escalations: 1,
      draftsChecked: 1,
      draftsBlocked: 0,
      shownBlocked: 2,
      agents: 2,
    });
    expect(m.totals.acceptanceRate).toBeCloseTo(0.5, 10);
    expect(m.totals.asIsRate).toBeCloseTo(1 / 6, 10);
    expect(m.totals.editedRate).toBeCloseTo(2 / 6, 10);
    expect(m.totals.rejectedRate).toBeCloseTo(1 / 6, 10);
    expect(m.totals.ignoredRate).toBeCloseTo(2 / 6, 10);
    expect(m.totals.meanEditDistance).toBeCloseTo(0.8 / 3, 10);
  });

  it('computes median and p90 of edit distance and time to accept', async () => {
    const m = await store.getMetrics({});
    expect(m.editDistance.count).toBe(3);
    expect(m.editDistance.median).toBeCloseTo(0.3, 10);
    expect(m.editDistance.p90).toBeCloseTo(0.46, 10);
    expect(m.editDistanceEdited.median).toBeCloseTo(0.4, 10);
    expect(m.editDistanceEdited.p90).toBeCloseTo(0.48, 10);
    expect(m.msToAccept).toEqual({ count: 3, median: 20000, p90: 52000 });
    expect(m.editHistogram.map((b) => b.count)).toEqual([1, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
  });

  it('breaks down by agent, team, intent, source, model, day and hour', async () => {
    const m = await store.getMetrics({});
    const a1 = m.by.agent.find((r) => r.key === 'a1')!;
    const a2 = m.by.agent.find((r) => r.key === 'a2')!;
    expect(a1).toMatchObject({
      shown: 3,
      acceptedAsIs: 1,
      acceptedEdited: 1,
      rejected: 0,
      ignored: 1,
      messages: 2,
    });
    expect(a1.acceptanceRate).toBeCloseTo(2 / 3, 10);
    expect(a2).toMatchObject({
      shown: 3,
      acceptedAsIs: 0,
      acceptedEdited: 1,
      rejected: 1,
      ignored: 1,
      overrides: 1,
      escalations: 1,
    });
    expect(m.by.team.map((r) => [r.key, r.shown])).toEqual([
      ['T1', 3],
      ['T2', 3],
    ]);
    expect(m.by.intent.map((r) => [r.key, r.shown, r.messages])).toEqual([
      ['order_status', 3, 2],
      ['refund', 3, 2],
    ]);
    const offline = m.by.suggestionSource.find((r) => r.key === 'offline')!;
    const llm = m.by.suggestionSource.find((r) => r.key === 'llm')!;
    expect([offline.shown, offline.acceptedAsIs, offline.acceptedEdited, offline.rejected]).toEqual([
      4, 1, 1, 1,
    ]);
    expect([llm.shown, llm.acceptedEdited, llm.overrides, llm.acceptanceRate]).toEqual([2, 1, 1, 0.5]);
    expect(m.by.model.find((r) => r.key === 'gpt-4o-mini')?.shown).toBe(2);
    expect(m.by.day.map((r) => [r.key, r.shown])).toEqual([
      ['2026-11-02', 3],
      ['2026-11-03', 3],
    ]);
    expect(m.by.hour.map((r) => [r.key, r.shown])).toEqual([
      ['09', 2],
      ['10', 1],
      ['14', 1],
      ['15', 2],
    ]);
  });

  it('buckets days and hours in the supervisor time zone', async () => {
    // UTC−10: m1 (09:00Z) falls on Nov 1 at 23h; m2 on Nov 2 at 00h; m3 and m4 on Nov 3 at 04h and 05h.
    const m = await store.getMetrics({ tzOffsetMinutes: -600 });
    expect(m.by.day.map((r) => [r.key, r.shown, r.acceptedAsIs + r.acceptedEdited])).toEqual([
      ['2026-11-01', 2, 1],
      ['2026-11-02', 1, 1],
      ['2026-11-03', 3, 1],
    ]);
    expect(m.by.hour.map((r) => r.key)).toEqual(['00', '04', '05', '23']);
  });

  it('reports policy findings by rule, overrides and their reasons, escalations by reason and path', async () => {
    const m = await store.getMetrics({});
    expect(m.policy.byRule).toEqual(
      expect.arrayContaining([
        { ruleId: 'no_discount_promise', flaggedSuggestions: 1, flaggedDrafts: 0, overrides: 1 },
        { ruleId: 'no_refund_guarantee', flaggedSuggestions: 1, flaggedDrafts: 0, overrides: 0 },
        { ruleId: 'no_eta_guarantee', flaggedSuggestions: 0, flaggedDrafts: 1, overrides: 0 },
      ]),
    );
    expect(m.policy.byRule).toHaveLength(3);
    expect(m.policy).toMatchObject({ overrides: 1, blocks: 2, overrideRate: 0.5 });
    expect(m.policy.overrideReasons).toEqual([{ key: 'approved by supervisor', count: 1 }]);
    expect(m.escalations).toEqual({
      total: 1,
      byReason: [{ key: 'legal_threat', count: 1 }],
      byPath: [{ key: 'Legal', count: 1 }],
    });
  });

  it('counts suggestions per thread', async () => {
    const m = await store.getMetrics({});
    expect(m.suggestionsPerThread.threads).toBe(3);
    expect(m.suggestionsPerThread.mean).toBeCloseTo(2, 10);
    expect(m.suggestionsPerThread.median).toBe(2);
    expect(m.suggestionsPerThread.p90).toBeCloseTo(2.8, 10);
  });

  it('filters by agent, team, intent and date range', async () => {
    const byAgent = await store.getMetrics({ agentIds: ['a1'] });
    expect(byAgent.totals).toMatchObject({ shown: 3, acceptedAsIs: 1, acceptedEdited: 1, messages: 2 });
    expect(byAgent.editDistance.median).toBeCloseTo(0.15, 10);
    expect(byAgent.escalations.total).toBe(0);
    expect((await store.getMetrics({ teams: ['T2'] })).totals).toMatchObject({
      shown: 3,
      overrides: 1,
      rejected: 1,
    });
    expect((await store.getMetrics({ intents: ['refund'] })).totals).toMatchObject({ shown: 3, messages: 2 });
    const nov3 = await store.getMetrics({ from: '2026-11-03', to: '2026-11-03' });
    expect(nov3.totals).toMatchObject({ shown: 3, messages: 2, acceptedEdited: 1 });
    expect(nov3.msToAccept.median).toBe(60000);
    expect(nov3.suggestionsPerThread.threads).toBe(2);
    const none = await store.getMetrics({ from: '2026-12-01' });
    expect(none.totals).toMatchObject({ shown: 0, acceptanceRate: null, messages: 0 });
    expect(none.editDistance).toEqual({ count: 0, median: null, p90: null });
  });

  it('refuses a range that ends before it starts', async () => {
    await expect(store.getMetrics({ from: '2026-11-05', to: '2026-11-01' })).rejects.toThrow(
      /before its end/,
    );
  });

  it('pages and sorts the per-agent table', async () => {
    const page = await store.listAgentRows({}, { by: 'acceptanceRate', dir: 'desc' }, { limit: 1 });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.agentId)).toEqual(['a1']);
    expect(page.rows[0]).toMatchObject({ team: 'T1', shown: 3, messages: 2 });
    expect(page.rows[0]!.meanMsToAccept).toBe(12000);
    const asc = await store.listAgentRows({}, { by: 'acceptanceRate', dir: 'asc' }, { offset: 0, limit: 10 });
    expect(asc.rows.map((r) => r.agentId)).toEqual(['a2', 'a1']);
  });

  it('drills down to single events with the redacted texts, newest first, with a stable cursor', async () => {
    const first = await store.listEvents({}, { types: ['suggestion_accepted'], limit: 2 });
    expect(first.events.map((e) => e.suggestionId)).toEqual(['s4', 's3']);
    const s3 = first.events[1];
    expect(s3?.type === 'suggestion_accepted' && s3.sentTextRedacted).toBe(
      'Your parcel ships today, sorry for the wait.',
    );
    expect(first.nextCursor).not.toBeNull();
    const second = await store.listEvents(
      {},
      { types: ['suggestion_accepted'], limit: 2, cursor: first.nextCursor! },
    );
    expect(second.events.map((e) => e.suggestionId)).toEqual(['s1']);
    expect(second.nextCursor).toBeNull();
    const withReplay = await store.listEvents({}, { types: ['suggestion_accepted'], includeReplay: true });
    expect(withReplay.events).toHaveLength(4);
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../src/main/events/generate';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { aggregateWindow, resolveFilter } from '../../../src/main/events/metrics/filter';
import {
  editBucket,
  editBucketValue,
  msBucket,
  msBucketValue,
} from '../../../src/main/events/metrics/buckets';
import { distributionFromCounts } from '../../../src/main/events/metrics/stats';
import { splitDays } from '../../../src/main/team-store/day-split';
import { loadTeamMigrations, migrateTeamStore } from '../../../src/main/team-store/migrate';
import { histogramDistributions } from '../../../src/main/team-store/pg-details';
import { PgEventStore } from '../../../src/main/team-store/pg-event-store';
import { getTeamMetrics } from '../../../src/main/team-store/pg-metrics';
import { insertTeamEvents } from '../../../src/main/team-store/pg-writer';
import { createTeamLogin } from '../../../src/main/team-store/roles';
import type { TandemEvent } from '../../../src/shared/domain/events';
import { rounded, withoutThreads } from './compare-metrics';
import { useTeamCluster } from './helpers';
import { pgUnavailableReason } from './pg-cluster';

const skip = pgUnavailableReason();
const H = 3_600_000;
const D = 24 * H;

describe('splitDays', () => {
  it('reads whole UTC days from the daily rollups and only the edge hours from the hourly ones', () => {
    const day = Date.UTC(2026, 10, 13);
    const split = (filter: Parameters<typeof resolveFilter>[0]) => splitDays(resolveFilter(filter));
    // A local week in UTC+1: 23:00 on the 12th to 23:00 on the 19th.
    expect(split({ from: '2026-11-13', to: '2026-11-19', tzOffsetMinutes: 60 })).toEqual({
      days: [day, day + 6 * D],
      hours: [
        [day - H, day],
        [day + 6 * D, day + 7 * D - H],
      ],
    });
    expect(split({ from: '2026-11-13', to: '2026-11-14' })).toEqual({ days: [day, day + 2 * D], hours: [] });
    expect(split({})).toEqual({ days: [null, null], hours: [] });
    expect(split({ to: '2026-11-13', tzOffsetMinutes: 60 })).toEqual({
      days: [null, day],
      hours: [[day, day + D - H]],
    });
    // One local day off UTC holds no whole UTC day: hours only.
    expect(split({ from: '2026-11-13', to: '2026-11-13', tzOffsetMinutes: 60 })).toEqual({
      days: null,
      hours: [[day - H, day + D - H]],
    });
    expect(split({ from: '2026-11-13', to: '2026-11-13', tzOffsetMinutes: -300 })).toEqual({
      days: null,
      hours: [[day + 5 * H, day + D + 5 * H]],
    });
  });
});

describe.skipIf(skip !== null)('daily rollups, thread histogram and receipts (real PostgreSQL)', () => {
  const ctx = useTeamCluster();
  let local: SqliteEventStore;
  let team: PgEventStore;
  const events = [
    ...generateEvents({
      count: 3000,
      seed: 11,
      agents: 5,
      teams: ['north', 'south'],
      start: new Date('2026-09-28T00:00:00Z'),
      end: new Date('2026-10-20T00:00:00Z'),
    }),
  ];

  beforeAll(async () => {
    await migrateTeamStore(ctx.admin);
    // Shipped the hard way: small batches in shuffled order (a conversation's events arrive over many
    // statements, some before earlier ones), by a session whose time zone is half an hour off UTC.
    const shipper = new pg.Client({ connectionString: ctx.cluster.url, options: '-c TimeZone=Asia/Kolkata' });
    await shipper.connect();
    const shuffled = [...events];
    let seed = 7;
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    for (let i = 0; i < shuffled.length; i += 97) {
      await insertTeamEvents(shipper, shuffled.slice(i, i + 97), new Set());
    }
    await shipper.end();
    const sup = await createTeamLogin(ctx.admin, 'sup', 'supervisor');
    team = new PgEventStore({ url: ctx.cluster.urlFor('sup', sup.password) }, 60_000);
    local = SqliteEventStore.open(':memory:');
    await local.insertBatch(events);
  }, 60_000);
  afterAll(async () => {
    await team?.close();
    await local?.close();
  });

  it('cuts hours and days in UTC whatever the shipping session’s time zone', async () => {
    const { rows } = await ctx.admin.query<{ bad: number }>(`SELECT
      (SELECT count(*) FROM tandem_rollup_hourly WHERE extract(epoch FROM hour)::bigint % 3600 <> 0)
      + (SELECT count(*) FROM tandem_rollup_daily WHERE extract(epoch FROM day)::bigint % 86400 <> 0)
      + (SELECT count(*) FROM tandem_rollup_thread_days WHERE extract(epoch FROM day)::bigint % 86400 <> 0) AS bad`);
    expect(Number(rows[0]!.bad)).toBe(0);
  });

  it.each([
    ['everything', {}],
    ['a local week in UTC+1', { from: '2026-10-05', to: '2026-10-11', tzOffsetMinutes: 60 }],
    [
      'a range in UTC−5 for one team',
      { from: '2026-09-30', to: '2026-10-14', tzOffsetMinutes: -300, teams: ['north'] },
    ],
    ['a range for one agent', { from: '2026-10-01', to: '2026-10-09', agentIds: [events[2]!.agentId] }],
  ])('matches the local store for %s, conversations included', async (_name, filter) => {
    const [a, b] = await Promise.all([local.getMetrics(filter), team.getMetrics(filter)]);
    expect(b.totals.shown).toBeGreaterThan(0);
    expect(b.suggestionsPerThread.threads).toBeGreaterThan(0);
    expect(rounded(b)).toEqual(rounded(a));
  });

  it('sums the same counters from days + edge hours as from the events', async () => {
    for (const filter of [
      {},
      { from: '2026-10-02', to: '2026-10-16', tzOffsetMinutes: 330 },
      {
        from: '2026-10-02',
        to: '2026-10-16',
        tzOffsetMinutes: -420,
        intents: ['refund_request', 'order_status'],
      },
      { from: '2026-10-03', to: '2026-10-03', tzOffsetMinutes: 60 },
      // One agent's intents and the agent table filtered by intent: days × agents × intents plus the
      // edge hours read from the events.
      { from: '2026-10-01', to: '2026-10-12', tzOffsetMinutes: 60, agentIds: [events[1]!.agentId] },
      {
        from: '2026-10-01',
        to: '2026-10-12',
        tzOffsetMinutes: -180,
        agentIds: [events[1]!.agentId, events[2]!.agentId],
        intents: ['refund_request', 'order_status'],
      },
    ]) {
      const [days, fromEvents] = await Promise.all([
        getTeamMetrics(team.queryBuilder, filter, 'days'),
        getTeamMetrics(team.queryBuilder, filter, 'events'),
      ]);
      expect(days.totals.messages).toBeGreaterThan(0);
      expect(days.by.intent.length).toBeGreaterThan(0);
      // In a zone half an hour off UTC the rollups (here as in the local store) give each whole hour to
      // one local day, while the events split it: the per-day and per-hour charts differ by design.
      if ((filter.tzOffsetMinutes ?? 0) % 60 === 0) {
        expect(withoutThreads(days)).toEqual(withoutThreads(fromEvents));
      } else {
        expect(withoutThreads({ ...days, by: { ...days.by, day: [], hour: [] } })).toEqual(
          withoutThreads({ ...fromEvents, by: { ...fromEvents.by, day: [], hour: [] } }),
        );
      }
    }
    // Percentiles over large views: the daily histogram for whole days plus the edge hours' acceptances
    // bucketed from the index, equal to bucketing every acceptance in the window.
    const f = resolveFilter({ from: '2026-10-02', to: '2026-10-16', tzOffsetMinutes: 90, teams: ['south'] });
    const [fromMs, toMs] = aggregateWindow(f);
    const accepted = events.filter(
      (e): e is Extract<TandemEvent, { type: 'suggestion_accepted' }> =>
        e.type === 'suggestion_accepted' &&
        e.source !== 'replay' &&
        e.team === 'south' &&
        Date.parse(e.at) >= fromMs! &&
        Date.parse(e.at) < toMs!,
    );
    const count = (values: number[]) => {
      const m = new Map<number, number>();
      for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
      return [...m].map(([value, n]) => ({ value, count: n }));
    };
    const got = await histogramDistributions(
      team.queryBuilder,
      f,
      { acceptedAsIs: accepted.filter((e) => e.acceptKind === 'asIs').length },
      true,
    );
    expect(got.editDistance.count).toBe(accepted.length);
    expect(got.editDistance).toEqual(
      distributionFromCounts(count(accepted.map((e) => editBucketValue(editBucket(e.editDistance))))),
    );
    expect(got.msToAccept).toEqual(
      distributionFromCounts(count(accepted.map((e) => msBucketValue(msBucket(e.msToAccept))))),
    );
  });

  it('keeps the conversation histogram equal to counting the conversations', async () => {
    const { rows } = await ctx.admin.query<{ diff: number }>(`SELECT count(*)::int AS diff FROM (
        SELECT day, team, intent, shown, n FROM tandem_rollup_thread_days WHERE n <> 0
        EXCEPT ALL
        SELECT date_trunc('day', first_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', team, intent, shown, count(*)::int
        FROM tandem_rollup_threads GROUP BY 1, 2, 3, 4) d`);
    expect(rows[0]!.diff).toBe(0);
    const { rows: negative } = await ctx.admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM tandem_rollup_thread_days WHERE n < 0',
    );
    expect(negative[0]!.n).toBe(0);
  });

  it('reports batches committed out of order once each, and tells the dashboard when the store stops and resumes answering', async () => {
    const reader = new PgEventStore({ url: ctx.cluster.url }, 60_000);
    const seen: Array<{ count: number; ids: number }> = [];
    reader.onDidRecord((b) => seen.push({ count: b.count, ids: b.latestIds.length }));
    await reader.check(); // the starting point: nothing reported
    // Different agents and teams in months that have their partitions, so the open transaction holds no
    // row or lock the other needs.
    const more = (seed: number, count: number, team: string, end: string): TandemEvent[] =>
      [...generateEvents({ count, seed, agents: 1, teams: [team], end: new Date(end) })].map((e) => ({
        ...e,
        agentId: `agent-${team}`,
      }));
    const slow = new pg.Client({ connectionString: ctx.cluster.url });
    await slow.connect();
    await slow.query('BEGIN');
    await insertTeamEvents(slow, more(31, 4, 'east', '2026-10-25T00:00:00Z'), new Set()); // numbered first, committed last
    await insertTeamEvents(ctx.admin, more(32, 6, 'west', '2026-10-12T00:00:00Z'), new Set());
    await reader.check();
    expect(seen).toEqual([{ count: 6, ids: 6 }]);
    await slow.query('COMMIT');
    await slow.end();
    await reader.check();
    await reader.check(); // nothing new: nothing reported twice
    expect(seen).toEqual([
      { count: 6, ids: 6 },
      { count: 4, ids: 4 },
    ]);
    // A resend stores nothing and is not reported.
    await insertTeamEvents(ctx.admin, more(32, 6, 'west', '2026-10-12T00:00:00Z'), new Set());
    await reader.check();
    expect(seen).toHaveLength(2);

    await ctx.cluster.stop();
    try {
      await reader.check();
      await reader.check(); // still down: told once
    } finally {
      await ctx.cluster.start();
    }
    expect(seen.slice(2)).toEqual([{ count: 0, ids: 0 }]);
    await reader.check();
    expect(seen.slice(3)).toEqual([{ count: 0, ids: 0 }]);
    await reader.close();
    await ctx.reconnect();
  });

  it('upgrades a version-3 database holding events: the daily rollups equal the hourly ones', async () => {
    await ctx.admin.query('CREATE DATABASE v3');
    const client = new pg.Client({
      connectionString: ctx.cluster.urlFor('postgres', 'fixture-superuser', 'v3'),
    });
    await client.connect();
    try {
      await migrateTeamStore(client, loadTeamMigrations().slice(0, 3));
      await insertTeamEvents(client, events, new Set());
      expect(await migrateTeamStore(client)).toEqual([4]);
      const { rows } = await client.query<{ diff: number }>(`SELECT
        (SELECT count(*) FROM (SELECT day, team, intent, suggestion_source, model, messages, shown, accepted_as_is
           FROM tandem_rollup_daily EXCEPT ALL
           SELECT date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', team, intent, suggestion_source, model,
             sum(messages)::int, sum(shown)::int, sum(accepted_as_is)::int FROM tandem_rollup_hourly GROUP BY 1, 2, 3, 4, 5) x)
        + (SELECT count(*) FROM (SELECT day, agent_id, shown FROM tandem_rollup_agent_daily EXCEPT ALL
           SELECT date_trunc('day', hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', agent_id, sum(shown)::int
           FROM tandem_rollup_agent_hourly GROUP BY 1, 2) y) AS diff`);
      expect(Number(rows[0]!.diff)).toBe(0);
      const { rows: n } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM tandem_rollup_daily',
      );
      expect(n[0]!.n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});

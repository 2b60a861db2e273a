/**
 * Team store benchmark: events per second from one desktop's sender into PostgreSQL on loopback
 * (outbox → batched idempotent inserts), and the same resend (all duplicates) to show retries are cheap.
 * Target (issue 10): sustained ≥ 20,000 events/s from one sender.
 * Run: npx tsx bench/team-store.bench.ts [--count 200000] [--batch 5000] [--lanes 2] [--url postgres://admin@127.0.0.1/db]
 *      npx tsx bench/team-store.bench.ts --dashboard 10000000 [--url …]   (dashboard queries over N events)
 *      npx tsx bench/team-store.bench.ts --without-rollup-triggers           (what the rollups cost the sender)
 * Without --url it starts a throwaway cluster (needs Debian's postgresql package) with fsync on, so
 * commits cost what they cost on a real server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { generateEvents } from '../src/main/events/generate';
import { SqliteEventStore } from '../src/main/events/sqlite/sqlite-event-store';
import { enableTeamOutbox, TeamOutbox } from '../src/main/events/sqlite/team-outbox';
import { migrateTeamStore } from '../src/main/team-store/migrate';
import { insertTeamEvents, parsePayloads } from '../src/main/team-store/pg-writer';
import { createTeamLogin } from '../src/main/team-store/roles';
import { TeamSender } from '../src/main/team-store/sender';
import { PgEventStore } from '../src/main/team-store/pg-event-store';
import type { EventFilter } from '../src/shared/contract/supervisor';
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../tests/unit/team-store/pg-cluster';

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const COUNT = Number(argValue('--count') ?? 200_000);
const BATCH = Number(argValue('--batch') ?? 5000);
const LANES = Number(argValue('--lanes') ?? 2);
const DASHBOARD = argValue('--dashboard');
/** Measures what the rollup triggers cost the sender (the dashboard then reads stale rollups). */
const NO_ROLLUPS = args.includes('--without-rollup-triggers');
const TARGET = 20_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  let cluster: PgCluster | null = null;
  let adminUrl = argValue('--url');
  if (!adminUrl) {
    const reason = pgUnavailableReason();
    if (reason) {
      console.log(`team-store bench skipped: ${reason}`);
      return;
    }
    cluster = await startPgCluster({
      fsync: true,
      // A modest server for 10M events; the defaults (128 MB) are a laptop's.
      extra: DASHBOARD ? '-c shared_buffers=2GB -c work_mem=64MB -c max_wal_size=8GB' : '',
    });
    adminUrl = cluster.url;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tandem-team-bench-'));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await migrateTeamStore(admin);
    if (DASHBOARD) {
      await dashboardBench(admin, adminUrl, Number(DASHBOARD));
      return;
    }
    if (NO_ROLLUPS) {
      for (const t of ['tandem_rollup_insert', 'tandem_rollup_details']) {
        await admin.query(`ALTER TABLE tandem_events DISABLE TRIGGER ${t}`);
      }
    }
    const agent = `bench-${Date.now().toString(36)}`;
    const { password } = await createTeamLogin(admin, agent, 'agent');
    const agentUrl = new URL(adminUrl);
    agentUrl.username = agent;
    agentUrl.password = password;

    const path = join(dir, 'events.sqlite');
    const store = SqliteEventStore.open(path);
    const side = new DatabaseSync(path);
    enableTeamOutbox(side, agent, COUNT * 2);
    side.close();
    const events = [...generateEvents({ count: COUNT, seed: 42, agents: 1 })].map((e) => ({
      ...e,
      agentId: agent,
    }));
    for (let i = 0; i < events.length; i += 10_000) await store.insertBatch(events.slice(i, i + 10_000));
    await store.close();

    const outbox = new TeamOutbox(path);
    const sender = new TeamSender({
      outbox,
      connection: { url: agentUrl.toString() },
      batchSize: BATCH,
      lanes: LANES,
    });
    const t0 = performance.now();
    const drained = new Promise<void>((resolve) => {
      const off = sender.onDidChangeTeamStatus((s) => {
        if (s.state === 'connected' && s.queued === 0) {
          off();
          resolve();
        }
      });
    });
    sender.start();
    await drained;
    const shipMs = performance.now() - t0;
    await sender.close();
    outbox.close();
    const { rows } = await admin.query('SELECT count(*)::int AS n FROM tandem_events WHERE agent_id = $1', [
      agent,
    ]);
    const rate = COUNT / (shipMs / 1000);
    console.log(
      `team store: ${fmt(COUNT)} events, batches of ${fmt(BATCH)}, one sender on loopback (up to ${LANES} connection${LANES > 1 ? 's' : ''} while the backlog exceeds ${LANES} batches)${NO_ROLLUPS ? ', rollup triggers DISABLED' : ''}`,
    );
    console.log(
      `  outbox → PostgreSQL: ${fmt(shipMs)} ms = ${fmt(rate)} events/s (target ≥ ${fmt(TARGET)}) ${rate >= TARGET ? 'OK' : 'BELOW TARGET'}`,
    );
    console.log(`  rows on the server: ${fmt(rows[0].n)} (expected ${fmt(COUNT)})`);

    // A full resend (what a crash between commit and ack causes): every row is a duplicate.
    const client = new pg.Client({ connectionString: agentUrl.toString() });
    await client.connect();
    const { events: parsed } = parsePayloads(events.slice(0, 50_000).map((e) => JSON.stringify(e)));
    const t1 = performance.now();
    let inserted = 0;
    for (let i = 0; i < parsed.length; i += BATCH) {
      inserted += await insertTeamEvents(client, parsed.slice(i, i + BATCH), new Set());
    }
    const resendMs = performance.now() - t1;
    await client.end();
    console.log(
      `  resend of ${fmt(parsed.length)} already-stored events: ${fmt(resendMs)} ms = ${fmt(parsed.length / (resendMs / 1000))} events/s, ${inserted} inserted`,
    );
    const size = await admin.query(
      "SELECT pg_total_relation_size(c.oid)::bigint AS b FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'tandem_events'",
    );
    const bytes = size.rows.reduce((s, r) => s + Number(r.b), 0);
    console.log(
      `  storage: ${fmt(bytes / 1024 / 1024)} MiB for the table's partitions (all agents in this database)`,
    );
  } finally {
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
    await cluster?.destroy();
  }
}

// ——— Dashboard queries over N team events (--dashboard N) ———
// Loading: 100,000 events from the app's own generator (5 agents, 4 teams, 60 days) are inserted once,
// then copied server-side (INSERT … SELECT, one copy of 100,000 per statement) with new ids and agent
// names, so N events come from N/100,000 × 5 agents with the generator's realistic mix of types,
// intents, edits, policy flags and escalations, through the same table, indexes and triggers as shipping.
// Each copy is moved by up to a day either way and has its acceptance times and edit distances scaled,
// so the rollups and histograms are as varied as N independent events would make them (identical copies
// would fill the same hourly rows and buckets again and flatter every rollup-based query).
// (Rarely a copied id equals an existing one; ON CONFLICT skips it and the printed count is the real one.)

const BASE = 100_000;
const END = new Date('2026-11-20T00:00:00Z');
const START = new Date(END.getTime() - 60 * 86_400_000);

/** Loads `total` events (rounded to whole copies of the base set); returns the load time in ms. */
async function load(admin: pg.Client, total: number): Promise<number> {
  const t0 = performance.now();
  const base = [
    ...generateEvents({
      count: BASE,
      seed: 7,
      agents: 5,
      teams: ['north', 'south', 'east', 'west'],
      start: START,
      end: END,
    }),
  ];
  await insertTeamEvents(admin, base, new Set());
  await admin.query('CREATE TEMP TABLE base AS SELECT * FROM tandem_events');
  const copies = Math.ceil(total / BASE) - 1;
  // One copy per statement (100,000 rows): progress is visible and no single transaction grows huge.
  for (let k = 1; k <= copies; k++) {
    await admin.query(
      `INSERT INTO tandem_events (id, at, type, agent_id, team, source, thread_id, ticket_id, intent, suggestion_id,
         suggestion_source, model, verdict, accept_kind, edit_distance, ms_to_accept, payload)
       SELECT n.id, n.at, e.type, n.agent, e.team, e.source, e.thread_id || '-' || $1::int, e.ticket_id, e.intent,
         e.suggestion_id, e.suggestion_source, e.model, e.verdict, e.accept_kind, n.edit, n.ms,
         e.payload || jsonb_strip_nulls(jsonb_build_object('id', n.id, 'agentId', n.agent,
           'threadId', e.thread_id || '-' || $1::int,
           'at', to_char(n.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'editDistance', n.edit, 'msToAccept', n.ms))
       FROM base e,
         LATERAL (SELECT left(e.id, 10) || 'Z' || upper(lpad(to_hex($1::int), 3, '0')) || right(e.id, 12) AS id,
                         e.agent_id || '-' || $1::int AS agent,
                         e.at + make_interval(mins => ($1::int * 7919) % 2880 - 1440) AS at,
                         CASE WHEN e.accept_kind = 'edited'
                              THEN least(1, round((e.edit_distance * (0.7 + ($1::int % 61) / 100.0))::numeric, 4))::float8
                              ELSE e.edit_distance END AS edit,
                         (e.ms_to_accept * (0.6 + ($1::int % 83) / 100.0))::int AS ms) n
       ON CONFLICT DO NOTHING`,
      [k],
    );
    if (k % 10 === 0)
      process.stdout.write(`  loaded ${fmt((k + 1) * BASE)} events (${fmt(performance.now() - t0)} ms)\n`);
  }
  await admin.query('VACUUM ANALYZE tandem_events');
  return performance.now() - t0;
}

/** Times every dashboard query PgEventStore runs, as a supervisor login; prints one line each. */
async function dashboardBench(admin: pg.Client, adminUrl: string, total: number): Promise<void> {
  const have = await admin.query<{ n: string }>('SELECT count(*) AS n FROM tandem_events');
  // A re-run over the same --url reuses the data (a handful of copied ids collide and are skipped).
  if (Number(have.rows[0]!.n) < total * 0.99) {
    console.log(`dashboard: loading ${fmt(total)} events server-side…`);
    const ms = await load(admin, total);
    console.log(`  load: ${fmt(ms)} ms`);
  }
  const { rows: counted } = await admin.query<{ n: string; agents: string; bytes: string }>(
    `SELECT (SELECT count(*) FROM tandem_events) AS n, (SELECT count(DISTINCT agent_id) FROM tandem_events) AS agents,
       (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'tandem_events'::regclass) AS bytes`,
  );
  const n = Number(counted[0]!.n);
  console.log(
    `dashboard over ${fmt(n)} events, ${counted[0]!.agents} agents: table + indexes ${fmt(Number(counted[0]!.bytes) / 2 ** 20)} MiB (${fmt(Number(counted[0]!.bytes) / n)} bytes/event)`,
  );
  const sup = `sup-${Date.now().toString(36)}`;
  const { password } = await createTeamLogin(admin, sup, 'supervisor');
  const url = new URL(adminUrl);
  url.username = sup;
  url.password = password;
  const store = new PgEventStore({ url: url.toString(), statementTimeoutMs: 600_000 }, 60_000);
  const lastWeek = { from: '2026-11-13', to: '2026-11-19', tzOffsetMinutes: 60 };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['metrics, everything', () => store.getMetrics({})],
    ['metrics, last 7 days (UTC+1)', () => store.getMetrics(lastWeek)],
    ['metrics, one team, 7 days', () => store.getMetrics({ ...lastWeek, teams: ['south'] })],
    ['metrics, one agent, everything', () => store.getMetrics({ agentIds: ['agent-002-17'] })],
    [
      'metrics, two intents, 7 days',
      () => store.getMetrics({ ...lastWeek, intents: ['refund_request', 'order_status'] }),
    ],
    [
      'metrics, one agent, two intents, 7 days',
      () =>
        store.getMetrics({
          ...lastWeek,
          agentIds: ['agent-002-17'],
          intents: ['refund_request', 'order_status'],
        }),
    ],
    ['agent table, everything', () => store.listAgentRows({}, { by: 'acceptanceRate', dir: 'desc' })],
    ['agent table, one team, 7 days', () => store.listAgentRows({ ...lastWeek, teams: ['north'] })],
    [
      'agent table, two intents, 7 days',
      () => store.listAgentRows({ ...lastWeek, intents: ['refund_request', 'order_status'] }),
    ],
    ['drill-down page 1, everything', () => store.listEvents({}, { limit: 50 })],
    ['drill-down page 1, one agent', () => store.listEvents({ agentIds: ['agent-002-17'] }, { limit: 50 })],
    [
      'drill-down, overrides, 7 days',
      () => store.listEvents(lastWeek as EventFilter, { limit: 50, types: ['policy_override'] }),
    ],
  ];
  let worst = 0;
  for (const [name, run] of cases) {
    await run(); // warm: the first read of a cold page cache is not what a supervisor refreshing sees
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    worst = Math.max(worst, times[1]!);
    console.log(
      `  ${name.padEnd(36)} median of 3: ${fmt(times[1]!).padStart(7)} ms ${times[1]! <= 500 ? 'OK' : 'OVER 500 ms'}`,
    );
  }
  // The dashboard's next page, from the first page's cursor.
  const first = await store.listEvents({}, { limit: 50 });
  const t = performance.now();
  await store.listEvents({}, { limit: 50, cursor: first.nextCursor! });
  console.log(`  ${'drill-down page 2 (cursor)'.padEnd(36)} ${fmt(performance.now() - t).padStart(7)} ms`);
  console.log(`  slowest: ${fmt(worst)} ms (target ≤ 500 ms)`);
  // Not a dashboard query (tests and tools use it): an exact count of every row, which PostgreSQL can
  // only do by reading the whole table.
  const c = performance.now();
  await store.countEvents();
  console.log(`  (exact count of all events, not on the dashboard: ${fmt(performance.now() - c)} ms)`);
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

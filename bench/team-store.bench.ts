/**
 * Team store benchmark: events per second from one desktop's sender into PostgreSQL on loopback
 * (outbox → batched idempotent inserts), and the same resend (all duplicates) to show retries are cheap.
 * Target (issue 10): sustained ≥ 20,000 events/s from one sender.
 * Run: npx tsx bench/team-store.bench.ts [--count 200000] [--batch 5000] [--url postgres://admin@127.0.0.1/db]
 * Without --url it starts a throwaway cluster (needs Debian's postgresql package).
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
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../tests/unit/team-store/pg-cluster';

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const COUNT = Number(argValue('--count') ?? 200_000);
const BATCH = Number(argValue('--batch') ?? 5000);
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
    cluster = await startPgCluster();
    adminUrl = cluster.url;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tandem-team-bench-'));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await migrateTeamStore(admin);
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
    const sender = new TeamSender({ outbox, connection: { url: agentUrl.toString() }, batchSize: BATCH });
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
    console.log(`team store: ${fmt(COUNT)} events, batches of ${fmt(BATCH)}, one sender on loopback`);
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

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

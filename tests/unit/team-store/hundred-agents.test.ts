import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../src/main/events/generate';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { migrateTeamOutbox, TeamOutbox } from '../../../src/main/events/sqlite/team-outbox';
import { migrateTeamStore } from '../../../src/main/team-store/migrate';
import { createTeamLogin } from '../../../src/main/team-store/roles';
import { TeamSender } from '../../../src/main/team-store/sender';
import { pgUnavailableReason } from './pg-cluster';
import { useTeamCluster, waitForStatus } from './helpers';

const skip = pgUnavailableReason();
/**
 * The issue asks for 100 agents × 10,000 events (1,000,000 rows): `TANDEM_TEAM_EVENTS=10000` runs it,
 * about 95 s on this 2-core machine when idle. CI runs 100 × 3,000: with the other test files beside it
 * the full million passed twice (85–108 s) but once took longer than the 150 s this test waits, so it
 * is not in CI (see resources/team-store/README.md).
 */
const AGENTS = Number(process.env.TANDEM_TEAM_AGENTS ?? 100);
const EVENTS_PER_AGENT = Number(process.env.TANDEM_TEAM_EVENTS ?? 3000);

/** One shift's worth of realistic events, generated once and given to every agent with fresh ids. */
const TEMPLATE = [
  ...generateEvents({
    count: EVENTS_PER_AGENT,
    seed: 5000,
    agents: 1,
    end: new Date('2026-11-20T00:00:00Z'),
  }),
];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const base32 = (n: number, width: number): string => {
  let out = '';
  for (let i = 0; i < width; i++, n = Math.floor(n / 32)) out = CROCKFORD[n % 32]! + out;
  return out;
};
/** Agent `agent`'s copy of template event `i`: the template's time part, then agent and index (unique). */
const copyId = (id: string, agent: number, i: number): string =>
  `${id.slice(0, 10)}${base32(agent, 4)}${base32(i, 12)}`;

/**
 * One desktop's queue as the app leaves it after a shift offline: its own SQLite file whose outbox
 * holds the agent's events. Written straight into the outbox table (the trigger path from the event
 * store is covered by outbox.test.ts) so building 100 desktops takes seconds, not the test's budget.
 */
async function queuedDesktop(path: string, agent: string, index: number): Promise<string[]> {
  // The app's own store file (schema, WAL), then its outbox.
  await SqliteEventStore.open(path).close();
  const db = new DatabaseSync(path);
  migrateTeamOutbox(db);
  const ids: string[] = [];
  const insert = db.prepare('INSERT INTO team_outbox (event_id, payload) VALUES (?, ?)');
  db.exec('BEGIN');
  for (const [i, e] of TEMPLATE.entries()) {
    const event = { ...e, id: copyId(e.id, index, i), agentId: agent };
    insert.run(event.id, JSON.stringify(event));
    ids.push(event.id);
  }
  db.exec('COMMIT');
  db.close();
  return ids;
}

describe.skipIf(skip !== null)('many desktops shipping at once (real PostgreSQL)', () => {
  const ctx = useTeamCluster();

  it(`${AGENTS} agents × ${EVENTS_PER_AGENT.toLocaleString('en-US')} events, each with its own outbox file, login and connection, arrive exactly once`, async () => {
    const { admin, cluster, dir } = ctx;
    const t0 = performance.now();
    await migrateTeamStore(admin);
    const desktops: Array<{ sender: TeamSender; outbox: TeamOutbox }> = [];
    const allIds = new Set<string>();
    for (let a = 0; a < AGENTS; a++) {
      const name = `agent-${String(a).padStart(3, '0')}`;
      const { password } = await createTeamLogin(admin, name, 'agent');
      const path = join(dir, `${name}.sqlite`);
      for (const id of await queuedDesktop(path, name, a)) allIds.add(id);
      const outbox = new TeamOutbox(path);
      const sender = new TeamSender({
        outbox,
        connection: { url: cluster.urlFor(name, password), statementTimeoutMs: 120_000 },
        batchSize: 2000,
        baseDelayMs: 50,
        maxDelayMs: 1000,
        idlePollMs: 60_000,
      });
      desktops.push({ sender, outbox });
    }
    const expected = allIds.size;
    const setupMs = performance.now() - t0;

    const t1 = performance.now();
    for (const d of desktops) d.sender.start();
    const failures: string[] = [];
    for (const d of desktops) {
      d.sender.onDidChangeTeamStatus((s) => {
        if (s.state === 'offline' || s.state === 'error') failures.push(s.reason ?? s.state);
      });
    }
    await Promise.all(
      desktops.map((d) => waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0, 150_000)),
    );
    const shipMs = performance.now() - t1;
    await Promise.all(desktops.map((d) => d.sender.close()));
    for (const d of desktops) d.outbox.close();

    const { rows } = await admin.query<{
      agents: number;
      rows: number;
      distinct: number;
      min: number;
      max: number;
    }>(
      `SELECT count(*)::int AS agents, sum(n)::int AS rows, sum(d)::int AS distinct, min(n)::int AS min, max(n)::int AS max
       FROM (SELECT agent_id, count(*) AS n, count(DISTINCT id) AS d FROM tandem_events GROUP BY agent_id) per_agent`,
    );
    expect(expected).toBe(AGENTS * EVENTS_PER_AGENT);
    expect(rows[0]).toEqual({
      agents: AGENTS,
      rows: expected,
      distinct: expected,
      min: EVENTS_PER_AGENT,
      max: EVENTS_PER_AGENT,
    });
    console.info(
      `${AGENTS} agents × ${EVENTS_PER_AGENT} = ${expected} events: set-up ${Math.round(setupMs)} ms, shipped in ${Math.round(shipMs)} ms (${Math.round(expected / (shipMs / 1000))} events/s), ${failures.length} retried failure(s)${failures.length ? `: ${failures[0]}` : ''}`,
    );
  }, 480_000);
});

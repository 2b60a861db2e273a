import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { enableTeamOutbox, TeamOutbox } from '../../../src/main/events/sqlite/team-outbox';
import { TeamSender } from '../../../src/main/team-store/sender';
import { pgUnavailableReason } from './pg-cluster';
import { agentEvents, countTeamEvents, setupAgent, useTeamCluster, waitForStatus } from './helpers';

const skip = pgUnavailableReason();
/** Scaled so the test stays under a minute on two cores; the 100 × 10,000 is a bench-size run. */
const AGENTS = Number(process.env.TANDEM_TEAM_AGENTS ?? 20);
const EVENTS_PER_AGENT = Number(process.env.TANDEM_TEAM_EVENTS ?? 1500);

describe.skipIf(skip !== null)('many agents shipping at once (real PostgreSQL)', () => {
  const ctx = useTeamCluster();

  it(`${AGENTS} agents × ${EVENTS_PER_AGENT} events arrive exactly once, including a full resend by each`, async () => {
    const { cluster, admin, dir } = ctx;
    const desktops = [];
    for (let a = 0; a < AGENTS; a++) {
      const name = `agent-${a}`;
      const password = await setupAgent(admin, name);
      const path = join(dir, `${name}.sqlite`);
      const store = SqliteEventStore.open(path);
      const side = new DatabaseSync(path);
      enableTeamOutbox(side, name);
      side.close();
      const events = agentEvents(name, EVENTS_PER_AGENT, 1000 + a);
      await store.insertBatch(events);
      await store.close();
      const outbox = new TeamOutbox(path);
      const connection = { url: cluster.urlFor(name, password) };
      const sender = new TeamSender({
        outbox,
        connection,
        batchSize: 500,
        baseDelayMs: 20,
        maxDelayMs: 200,
        idlePollMs: 50,
      });
      desktops.push({ name, path, outbox, sender, connection });
    }
    const t0 = performance.now();
    for (const d of desktops) d.sender.start();
    await Promise.all(
      desktops.map((d) => waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0, 120_000)),
    );
    const shipMs = performance.now() - t0;
    await Promise.all(desktops.map((d) => d.sender.close()));

    // Resend everything (as if every desktop crashed after the server committed, before the ack).
    for (const d of desktops) {
      const side = new DatabaseSync(d.path);
      side.exec('INSERT INTO team_outbox (event_id, payload) SELECT id, payload FROM events');
      side.close();
    }
    await Promise.all(
      desktops.map(async (d) => {
        const again = new TeamSender({
          outbox: d.outbox,
          connection: d.connection,
          batchSize: 500,
          idlePollMs: 50,
        });
        again.start();
        await waitForStatus(again, (s) => s.state === 'connected' && s.queued === 0, 120_000);
        await again.close();
      }),
    );
    const total = AGENTS * EVENTS_PER_AGENT;
    expect(await countTeamEvents(admin)).toEqual({ rows: total, distinct: total });
    const { rows } = await admin.query<{ agent_id: string; n: number }>(
      'SELECT agent_id, count(*)::int AS n FROM tandem_events GROUP BY agent_id',
    );
    expect(rows).toHaveLength(AGENTS);
    for (const r of rows) expect(r.n).toBe(EVENTS_PER_AGENT);
    for (const d of desktops) d.outbox.close();
    console.info(
      `concurrent: ${AGENTS} agents × ${EVENTS_PER_AGENT} = ${total} events in ${Math.round(shipMs)} ms (${Math.round(total / (shipMs / 1000))} events/s)`,
    );
  }, 180_000);
});

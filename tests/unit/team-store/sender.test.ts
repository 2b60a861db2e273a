import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { enableTeamOutbox, TeamOutbox } from '../../../src/main/events/sqlite/team-outbox';
import { backoffDelay, TeamSender, type SenderClock } from '../../../src/main/team-store/sender';
import { pgUnavailableReason } from './pg-cluster';
import {
  agentEvents,
  countTeamEvents,
  desktop,
  setupAgent,
  tempDir,
  useTeamCluster,
  waitForStatus,
} from './helpers';

const skip = pgUnavailableReason();

describe('backoff', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 60_000, () => 0.5)).toBe(6000);
    expect(backoffDelay(30, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('the sender waits the backoff delays on its injected clock while the server is unreachable', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'off.sqlite');
    const store = SqliteEventStore.open(path);
    const admin = new DatabaseSync(path);
    enableTeamOutbox(admin, 'ann');
    await store.insertBatch(agentEvents('ann', 3, 1));
    const waits: number[] = [];
    let release: (() => void) | null = null;
    const clock: SenderClock = {
      now: () => 0,
      sleep: (ms, signal) => {
        waits.push(ms);
        return new Promise((resolve) => {
          release = resolve;
          signal.addEventListener('abort', () => resolve());
        });
      },
    };
    const outbox = new TeamOutbox(path);
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const sender = new TeamSender({
      outbox,
      connection: { url: 'postgres://ann:x@127.0.0.1:1/team' },
      clock,
      random: () => 1,
      baseDelayMs: 100,
      maxDelayMs: 1000,
    });
    const statuses: string[] = [];
    sender.onDidChangeTeamStatus((s) => statuses.push(`${s.state}:${s.queued}`));
    sender.start();
    for (let i = 0; i < 6; i++) {
      await waitFor(() => waits.length > i);
      release!();
    }
    await sender.close();
    expect(waits.slice(0, 6)).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(statuses).toContain('offline:3');
    expect(sender.getStatus().reason).toMatch(/unreachable.*ECONNREFUSED/);
    outbox.close();
    admin.close();
    await store.close();
    cleanup();
  });
});

describe('backoff and new events', () => {
  it('recording events does not cut a backoff short; retryNow() does', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'nudge.sqlite');
    const store = SqliteEventStore.open(path);
    const admin = new DatabaseSync(path);
    enableTeamOutbox(admin, 'ann');
    await store.insertBatch(agentEvents('ann', 2, 1));
    const waits: number[] = [];
    const clock: SenderClock = {
      now: () => 0,
      // Never elapses by itself: only an abort (nudge / retryNow / close) ends a wait.
      sleep: (ms, signal) => {
        waits.push(ms);
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
      },
    };
    const outbox = new TeamOutbox(path);
    const sender = new TeamSender({
      outbox,
      connection: { url: 'postgres://ann:x@127.0.0.1:1/team' },
      clock,
      baseDelayMs: 100,
    });
    store.onDidRecord(() => sender.nudge());
    sender.start();
    await waitFor(() => waits.length === 1);
    await store.insertBatch(agentEvents('ann', 3, 2));
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(waits).toHaveLength(1);
    expect(sender.getStatus()).toMatchObject({ state: 'offline', queued: 5 });
    sender.retryNow();
    await waitFor(() => waits.length === 2);
    await sender.close();
    outbox.close();
    admin.close();
    await store.close();
    cleanup();
  });
});

/** Polls a synchronous condition on the event loop (no timers): for the fake-clock test only. */
async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition never became true');
}

describe.skipIf(skip !== null)('team sender (real PostgreSQL)', () => {
  const ctx = useTeamCluster();

  it('flushes what was queued before start, then ships new events as they are recorded', async () => {
    const { cluster, admin, dir } = ctx;
    const password = await setupAgent(admin, 'ann');
    const d = desktop(dir, 'ann', cluster.urlFor('ann', password));
    await d.store.insertBatch(agentEvents('ann', 1500, 11));
    d.sender.start();
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
    expect(await countTeamEvents(admin, 'ann')).toEqual({ rows: 1500, distinct: 1500 });
    const more = agentEvents('ann', 40, 12);
    await Promise.all(more.map((e) => d.store.record(e)));
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0 && s.lastSentAt !== null);
    await waitFor(() => d.outbox.size() === 0);
    expect(await countTeamEvents(admin, 'ann')).toEqual({ rows: 1540, distinct: 1540 });
    const { rows } = await admin.query('SELECT payload FROM tandem_events WHERE id = $1', [more[0]!.id]);
    expect(rows[0].payload).toEqual(more[0]);
    await d.close();
  });

  it('an outbox entry the server refuses is found by full validation, left out with a warning, and the rest ships', async () => {
    const { cluster, admin, dir } = ctx;
    const password = await setupAgent(admin, 'ivy');
    const d = desktop(dir, 'ivy', cluster.urlFor('ivy', password));
    const events = agentEvents('ivy', 300, 15);
    await d.store.insertBatch(events.slice(0, 150));
    // A corrupt entry (say, from a damaged file): valid JSON with a time, but not a valid event.
    const side = new DatabaseSync(d.path);
    side
      .prepare('INSERT INTO team_outbox (event_id, payload) VALUES (?, ?)')
      .run('bad', JSON.stringify({ ...events[0], id: 'not-a-ulid' }));
    side.close();
    await d.store.insertBatch(events.slice(150));
    d.sender.start();
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
    expect(await countTeamEvents(admin, 'ivy')).toEqual({ rows: 300, distinct: 300 });
    expect(d.warnings.join('\n')).toMatch(/1 entr\(ies\) no longer valid and not sent/);
    await d.close();
  });

  it('shows a wrong password as an error with the reason, and keeps the events queued', async () => {
    const { cluster, admin, dir } = ctx;
    await setupAgent(admin, 'bob');
    const d = desktop(dir, 'bob', cluster.urlFor('bob', 'wrong-password'));
    await d.store.insertBatch(agentEvents('bob', 10, 13));
    d.sender.start();
    const status = await waitForStatus(d.sender, (s) => s.state === 'error');
    expect(status.reason).toMatch(/refused the login.*password authentication failed/);
    expect(status.reason).not.toMatch(/wrong-password/);
    expect(status.queued).toBe(10);
    await d.close();
  });

  it('loses nothing when the server stops mid-stream and comes back', async () => {
    const { cluster, dir } = ctx;
    const password = await setupAgent(ctx.admin, 'cat');
    const d = desktop(dir, 'cat', cluster.urlFor('cat', password), { batchSize: 200 });
    const events = agentEvents('cat', 6000, 14);
    d.sender.start();
    await d.store.insertBatch(events.slice(0, 2000));
    await waitForStatus(d.sender, (s) => s.lastSentAt !== null);
    await cluster.stop();
    // Recorded while the server is down: they wait in the outbox.
    await d.store.insertBatch(events.slice(2000, 4000));
    const offline = await waitForStatus(d.sender, (s) => s.state === 'offline');
    expect(offline.queued).toBeGreaterThan(0);
    await cluster.start();
    await d.store.insertBatch(events.slice(4000));
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
    expect(await countTeamEvents(await ctx.reconnect(), 'cat')).toEqual({ rows: 6000, distinct: 6000 });
    await d.close();
  }, 60_000);
});

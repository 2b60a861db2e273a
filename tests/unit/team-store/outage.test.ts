import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { TeamStatus } from '../../../src/shared/contract/team';
import { pgUnavailableReason } from './pg-cluster';
import { agentEvents, countTeamEvents, desktop, setupAgent, useTeamCluster, waitForStatus } from './helpers';

const skip = pgUnavailableReason();
/** The outage: the server is down this long while the agent keeps working. */
const OUTAGE_MS = 30_000;

describe.skipIf(skip !== null)('a 30 s server outage (real PostgreSQL)', () => {
  const ctx = useTeamCluster();

  it('server stopped for 30 s mid-stream then restarted loses nothing: offline with a reason, backing off, then every event exactly once', async () => {
    const password = await setupAgent(ctx.admin, 'olga');
    const d = desktop(ctx.dir, 'olga', ctx.cluster.urlFor('olga', password), {
      batchSize: 500,
      baseDelayMs: 250,
      maxDelayMs: 4000,
    });
    const events = agentEvents('olga', 20_000, 61);
    // One entry per failed attempt (a nudge re-reports the queue with the same retry time).
    const retries: Array<{ gapMs: number; reason: string; queued: number; at: string }> = [];
    d.sender.onDidChangeTeamStatus((s: TeamStatus) => {
      if (s.state === 'offline' && s.nextRetryAt && retries.at(-1)?.at !== s.nextRetryAt) {
        const gapMs = Date.parse(s.nextRetryAt) - Date.now();
        retries.push({ gapMs, reason: s.reason ?? '', queued: s.queued, at: s.nextRetryAt });
      }
    });
    d.sender.start();

    // The agent: ten events every 50 ms (a busy team's pace), recorded through the store as the app does.
    let recording = true;
    let recorded = 0;
    const agent = (async () => {
      while (recording && recorded < events.length) {
        await Promise.all(events.slice(recorded, recorded + 10).map((e) => d.store.record(e)));
        recorded += 10;
        await delay(50);
      }
    })();

    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.lastSentAt !== null);
    const stoppedAt = Date.now();
    await ctx.cluster.stop();
    const offline = await waitForStatus(d.sender, (s) => s.state === 'offline');
    expect(offline.reason).toMatch(/Team store unreachable|server closed the connection/);
    const recordedAtStop = recorded;
    // The outage itself is the deliberate 30 s; the agent keeps recording all along.
    await delay(Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt)));
    const recordedDuringOutage = recorded - recordedAtStop;
    await ctx.cluster.start();
    const lastBefore = d.sender.getStatus().lastSentAt;
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.lastSentAt !== lastBefore, 20_000);
    recording = false;
    await agent;
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);

    // Backoff: a handful of attempts in 30 s, not hundreds, with growing gaps (full jitter within each ceiling).
    expect(retries.length).toBeGreaterThanOrEqual(4);
    expect(retries.length).toBeLessThan(30);
    expect(retries[0]!.gapMs).toBeLessThanOrEqual(260);
    expect(Math.max(...retries.map((r) => r.gapMs))).toBeGreaterThanOrEqual(1900);
    expect(retries.some((r) => /ECONNREFUSED/.test(r.reason))).toBe(true);
    // The outbox grew while the server was away.
    expect(Math.max(...retries.map((r) => r.queued))).toBeGreaterThan(recordedDuringOutage / 2);
    expect(recordedDuringOutage).toBeGreaterThan(1000);

    const admin = await ctx.reconnect();
    expect(await countTeamEvents(admin, 'olga')).toEqual({ rows: recorded, distinct: recorded });
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM tandem_events WHERE agent_id = 'olga'",
    );
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(events.slice(0, recorded).map((e) => e.id)));
    console.info(
      `outage: ${recorded} recorded (${recordedDuringOutage} during the 30 s stop), ${retries.length} retries, gaps ${retries.map((r) => r.gapMs).join('/')} ms`,
    );
    await d.close();
  }, 60_000);
});

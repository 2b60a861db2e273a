import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../src/main/events/generate';
import type { TeamStatus } from '../../../src/shared/contract/team';
import type { TandemEvent } from '../../../src/shared/domain/events';
import { pgUnavailableReason } from './pg-cluster';
import {
  agentEvents,
  countTeamEvents,
  desktop,
  setupAgent,
  useTeamCluster,
  waitForStatus,
  waitUntil,
} from './helpers';

const skip = pgUnavailableReason();

/** Whether this machine lets the test mount a small tmpfs (root, and a sandbox that allows mounts). */
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'tandem-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
// TANDEM_TEST_NO_MOUNT=1 exercises the simulated path on a machine that could mount.
const REAL_DISK = skip === null && process.env.TANDEM_TEST_NO_MOUNT !== '1' && canMountTmpfs();

/** Backend pid of `user`'s INSERT while it waits on the test's advisory lock (the batch is written, not committed). */
async function blockedInsert(admin: pg.Client, user: string, not?: number): Promise<number> {
  let pid = 0;
  await waitUntil(async () => {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE usename = $1 AND wait_event_type = 'Lock' AND wait_event = 'advisory'
         AND query LIKE 'INSERT INTO tandem_events%' AND pid <> $2`,
      [user, not ?? 0],
    );
    pid = rows[0]?.pid ?? 0;
    return pid !== 0;
  }, `${user}'s insert to be waiting on the hook`);
  return pid;
}

/** Events of one agent inside one month, so that month's partition can be put on a given disk. */
function monthEvents(agentId: string, count: number, seed: number): TandemEvent[] {
  return [
    ...generateEvents({
      count,
      seed,
      agents: 2,
      start: new Date('2025-03-02T00:00:00Z'),
      end: new Date('2025-03-28T00:00:00Z'),
    }),
  ].map((e) => ({ ...e, agentId }));
}

/** Writes zeros into `file` until the filesystem is full (ENOSPC), largest chunks first. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe.skipIf(skip !== null)('team sender under server faults (real PostgreSQL)', () => {
  const ctx = useTeamCluster();

  it('resumes after pg_ctl restart while idle and while a stream of batches is being sent', async () => {
    const password = await setupAgent(ctx.admin, 'rita');
    const d = desktop(ctx.dir, 'rita', ctx.cluster.urlFor('rita', password), { batchSize: 500 });
    const events = agentEvents('rita', 24_000, 51);
    await d.store.insertBatch(events.slice(0, 2000));
    d.sender.start();
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);

    // Idle: the sender holds an open connection that the restart kills between queries.
    await ctx.cluster.restart();
    await d.store.insertBatch(events.slice(2000, 4000));
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
    expect(await countTeamEvents(await ctx.reconnect(), 'rita')).toEqual({ rows: 4000, distinct: 4000 });

    // Sending: restart once the first batches of 20,000 arrived and more are still queued.
    const seen: TeamStatus[] = [];
    d.sender.onDidChangeTeamStatus((s) => seen.push(s));
    const before = d.sender.getStatus().lastSentAt;
    await d.store.insertBatch(events.slice(4000));
    await waitForStatus(d.sender, (s) => s.lastSentAt !== before && s.queued > 2000);
    await ctx.cluster.restart();
    await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
    expect(seen.some((s) => s.state === 'offline' && /unreachable/.test(s.reason ?? ''))).toBe(true);
    expect(await countTeamEvents(await ctx.reconnect(), 'rita')).toEqual({ rows: 24_000, distinct: 24_000 });
    await d.close();
  }, 60_000);

  it('a connection terminated while a 5,000-event batch is written and not yet committed: retried, exactly once', async () => {
    const { admin } = ctx;
    const password = await setupAgent(admin, 'tom');
    // Server-side hook: after the insert wrote its rows, before it can commit, it waits for a lock
    // the test holds. The batch is then provably in flight when the test terminates its backend.
    await admin.query(`CREATE FUNCTION test_hold_batch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(4242); RETURN NULL; END $$`);
    await admin.query(
      'CREATE TRIGGER test_hold_batch AFTER INSERT ON tandem_events FOR EACH STATEMENT EXECUTE FUNCTION test_hold_batch()',
    );
    await admin.query('SELECT pg_advisory_lock(4242)');
    const d = desktop(ctx.dir, 'tom', ctx.cluster.urlFor('tom', password), { batchSize: 5000 });
    try {
      await d.store.insertBatch(agentEvents('tom', 12_000, 52));
      d.sender.start();
      const first = await blockedInsert(admin, 'tom');
      const offline = waitForStatus(d.sender, (s) => s.state === 'offline');
      await admin.query('SELECT pg_terminate_backend($1)', [first]);
      const status = await offline;
      expect(status.reason).toMatch(/server closed the connection.*stay queued/);
      expect(status.queued).toBe(12_000);
      expect(status.nextRetryAt).not.toBeNull();
      // The retry resends the same batch (it waits on the hook again); none of the killed one was kept.
      await blockedInsert(admin, 'tom', first);
      expect(await countTeamEvents(admin, 'tom')).toEqual({ rows: 0, distinct: 0 });
      await admin.query('SELECT pg_advisory_unlock(4242)');
      await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
      expect(await countTeamEvents(admin, 'tom')).toEqual({ rows: 12_000, distinct: 12_000 });
    } finally {
      await admin.query('SELECT pg_advisory_unlock_all()');
      await admin.query('DROP TRIGGER IF EXISTS test_hold_batch ON tandem_events');
      await d.close();
    }
  }, 60_000);

  it('a large backlog goes out over two connections; one cut mid-write stops both, and the committed-but-unacked batch is skipped when resent: exactly once', async () => {
    const { admin } = ctx;
    const password = await setupAgent(admin, 'lana');
    await admin.query(`CREATE OR REPLACE FUNCTION test_hold_batch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock_shared(4243); RETURN NULL; END $$`);
    await admin.query(
      'CREATE TRIGGER test_hold_batch AFTER INSERT ON tandem_events FOR EACH STATEMENT EXECUTE FUNCTION test_hold_batch()',
    );
    await admin.query('SELECT pg_advisory_lock(4243)');
    const d = desktop(ctx.dir, 'lana', ctx.cluster.urlFor('lana', password), { batchSize: 5000, lanes: 2 });
    const waiting = async () =>
      (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE usename = 'lana' AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO tandem_events%'
           ORDER BY backend_start`,
        )
      ).rows.map((r) => r.pid);
    try {
      await d.store.insertBatch(agentEvents('lana', 25_000, 61));
      d.sender.start();
      // 25,000 queued, batches of 5,000: two batches are being written at once, on two connections (the
      // first waits on the test's hook, the second on the first's rollup rows or on the hook).
      await waitUntil(async () => (await waiting()).length === 2, 'two batches in flight');
      // The sender's first connection writes the first batch; the one it opened next, the second.
      const [, later] = await waiting();
      const offline = waitForStatus(d.sender, (s) => s.state === 'offline');
      await admin.query('SELECT pg_terminate_backend($1)', [later]);
      // A cut connection stops the round at once, whatever the other connection is doing: nothing acked.
      const status = await offline;
      expect(status.queued).toBe(25_000);
      expect(status.reason).toMatch(/server closed the connection/);
      // The first batch was not cut: its server process finishes it once the hook lets go. It is stored
      // on the server and still queued here, so the retry resends it and the server skips it.
      await admin.query('SELECT pg_advisory_unlock(4243)');
      await waitUntil(
        async () => (await countTeamEvents(admin, 'lana')).rows === 5000,
        'the first batch committed',
      );
      await admin.query('DROP TRIGGER test_hold_batch ON tandem_events');
      await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
      expect(await countTeamEvents(admin, 'lana')).toEqual({ rows: 25_000, distinct: 25_000 });
      // Drained: back to one connection.
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'lana'",
      );
      expect(rows[0]!.n).toBe(1);
    } finally {
      await admin.query('SELECT pg_advisory_unlock_all()');
      await admin.query('DROP TRIGGER IF EXISTS test_hold_batch ON tandem_events');
      await d.close();
    }
  }, 60_000);

  it(
    REAL_DISK
      ? 'a full disk on the server (a real 24 MiB tmpfs tablespace, filled up) is shown with its reason, nothing is lost, shipping resumes once space is freed'
      : 'a full disk on the server (SIMULATED: this sandbox cannot mount, a test trigger raises SQLSTATE 53100 disk_full) is shown with its reason, nothing is lost, shipping resumes',
    async () => {
      const { admin } = ctx;
      const password = await setupAgent(admin, 'dora');
      const events = monthEvents('dora', 3000, 53);
      let free: () => Promise<void>;
      let cleanup: () => Promise<void>;
      if (REAL_DISK) {
        // The month's partition lives in a tablespace on a small tmpfs; a filler file takes the rest.
        const mnt = mkdtempSync(join(tmpdir(), 'tandem-disk-'));
        chmodSync(mnt, 0o755);
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mnt]);
        const space = join(mnt, 'ts');
        mkdirSync(space);
        const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
        chownSync(space, uid, uid);
        await admin.query(`CREATE TABLESPACE test_tiny LOCATION '${space}'`);
        await admin.query(`CREATE TABLE tandem_events_2025_03 PARTITION OF tandem_events
          FOR VALUES FROM ('2025-03-01T00:00:00Z') TO ('2025-04-01T00:00:00Z') TABLESPACE test_tiny`);
        const filler = join(mnt, 'filler');
        fillUp(filler);
        free = async () => rmSync(filler);
        cleanup = async () => {
          await admin.query('DROP TABLE IF EXISTS tandem_events_2025_03');
          await admin.query('DROP TABLESPACE IF EXISTS test_tiny');
          await admin.query('CHECKPOINT');
          execFileSync('umount', ['-l', mnt]);
          rmSync(mnt, { recursive: true, force: true });
        };
      } else {
        await admin.query(`CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
        await admin.query(
          'CREATE TRIGGER test_disk_full BEFORE INSERT ON tandem_events FOR EACH ROW EXECUTE FUNCTION test_disk_full()',
        );
        free = async () => void (await admin.query('DROP TRIGGER test_disk_full ON tandem_events'));
        cleanup = async () =>
          void (await admin.query('DROP TRIGGER IF EXISTS test_disk_full ON tandem_events'));
      }
      const d = desktop(ctx.dir, 'dora', ctx.cluster.urlFor('dora', password), { batchSize: 1000 });
      try {
        await d.store.insertBatch(events);
        d.sender.start();
        const full = await waitForStatus(d.sender, (s) => s.state === 'offline' || s.state === 'error');
        expect(full.reason).toMatch(/out of disk space/);
        expect(full.queued).toBe(3000);
        expect(full.nextRetryAt).not.toBeNull();
        expect(await countTeamEvents(admin, 'dora')).toEqual({ rows: 0, distinct: 0 });
        expect(d.outbox.size()).toBe(3000);
        await free();
        await waitForStatus(d.sender, (s) => s.state === 'connected' && s.queued === 0);
        expect(await countTeamEvents(admin, 'dora')).toEqual({ rows: 3000, distinct: 3000 });
        const { rows } = await admin.query<{ id: string }>(
          "SELECT id FROM tandem_events WHERE agent_id = 'dora'",
        );
        expect(new Set(rows.map((r) => r.id))).toEqual(new Set(events.map((e) => e.id)));
      } finally {
        await d.close();
        await cleanup();
      }
    },
    60_000,
  );
});

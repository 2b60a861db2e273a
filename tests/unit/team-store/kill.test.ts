import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { TeamOutbox } from '../../../src/main/events/sqlite/team-outbox';
import { TeamSender } from '../../../src/main/team-store/sender';
import { pgUnavailableReason } from './pg-cluster';
import { countTeamEvents, setupAgent, useTeamCluster, waitForStatus } from './helpers';

const skip = pgUnavailableReason();
const ROOT = resolve(__dirname, '../../..');
const WRITER = join(__dirname, 'ship-writer.ts');
const ROUNDS = 4;

/** Runs the shipping desktop until it acknowledged `acks` events and sent `sends` batches, then SIGKILLs it. */
async function runAndKill(args: string[], acks: number, sends: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'exit');
  const acked: string[] = [];
  let sent = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith('ack ')) acked.push(line.slice(4));
    else if (line === 'sent') sent++;
    if (acked.length >= acks && sent >= sends) {
      child.kill('SIGKILL');
      break;
    }
  }
  const [code, signal] = await exited;
  if (signal !== 'SIGKILL') throw new Error(`writer exited on its own (code ${String(code)}): ${stderr}`);
  return acked;
}

describe.skipIf(skip !== null)('outbox across kill -9 (real PostgreSQL)', () => {
  const ctx = useTeamCluster();

  it('every acknowledged event reaches the team store exactly once after repeated kills and a restart', async () => {
    const { cluster, admin, dir } = ctx;
    const password = await setupAgent(admin, 'dan');
    const url = cluster.urlFor('dan', password);
    const dbPath = join(dir, 'dan.sqlite');
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      acknowledged.push(
        ...(await runAndKill([dbPath, url, 'dan', String(100 + round)], 300 + round * 150, 2)),
      );
    }
    const leftBehind = new TeamOutbox(dbPath);
    const queued = leftBehind.size();
    // The restarted app flushes at start-up.
    const sender = new TeamSender({ outbox: leftBehind, connection: { url }, idlePollMs: 50 });
    sender.start();
    await waitForStatus(sender, (s) => s.state === 'connected' && s.queued === 0);
    await sender.close();
    leftBehind.close();

    const store = SqliteEventStore.open(dbPath);
    const local = new Set<string>();
    for await (const e of store.iterateEvents({}, { includeReplay: true })) local.add(e.id);
    await store.close();
    const { rows } = await admin.query<{ id: string }>("SELECT id FROM tandem_events WHERE agent_id = 'dan'");
    const remote = new Set(rows.map((r) => r.id));
    expect(await countTeamEvents(admin, 'dan')).toEqual({ rows: local.size, distinct: local.size });
    expect([...local].filter((id) => !remote.has(id))).toEqual([]);
    expect(acknowledged.filter((id) => !remote.has(id))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(1000);
    console.info(
      `kill test: ${ROUNDS} kills, ${acknowledged.length} acknowledged, ${local.size} stored, ${queued} queued at restart`,
    );
  }, 120_000);
});

/**
 * Child process of kill.test.ts: an agent's desktop recording events and shipping them to the team
 * store at the same time. Prints `ack ID` once record() resolved and `sent` whenever a batch reached
 * the server; the test kills it with SIGKILL mid-stream.
 * Usage: tsx ship-writer.ts DB_PATH URL AGENT SEED
 */
import { DatabaseSync } from 'node:sqlite';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { enableTeamOutbox, TeamOutbox } from '../../../src/main/events/sqlite/team-outbox';
import { TeamSender } from '../../../src/main/team-store/sender';
import { agentEvents } from './agent-events';

const [dbPath, url, agent, seedText] = process.argv.slice(2);
if (!dbPath || !url || !agent || !seedText) throw new Error('usage: ship-writer.ts DB_PATH URL AGENT SEED');
const store = SqliteEventStore.open(dbPath, { flushMs: 1, maxBatch: 64 });
const admin = new DatabaseSync(dbPath, { timeout: 5000 });
enableTeamOutbox(admin, agent);
admin.close();
const sender = new TeamSender({
  outbox: new TeamOutbox(dbPath),
  connection: { url },
  batchSize: 100,
  idlePollMs: 5,
});
let last: string | null = null;
sender.onDidChangeTeamStatus((s) => {
  if (s.lastSentAt !== last) {
    last = s.lastSentAt;
    process.stdout.write('sent\n');
  }
});
store.onDidRecord(() => sender.nudge());
sender.start();

async function main(): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  process.stdout.write('ready\n');
  for (const event of agentEvents(agent!, 20_000, Number(seedText))) {
    const p: Promise<void> = store.record(event).then(() => {
      process.stdout.write(`ack ${event.id}\n`);
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= 16) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});

/**
 * Child process of durability.test.ts: records events as fast as it can, a few dozen in flight, and
 * prints each id on stdout only after record() resolved (= its batch committed). The test kills it
 * with SIGKILL at random points and then checks every printed id is in the database.
 * Usage: tsx durability-writer.ts DB_PATH SEED
 */
import { generateEvents } from '../../../src/main/events/generate';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';

const [dbPath, seedText] = process.argv.slice(2);
if (!dbPath || !seedText) throw new Error('usage: durability-writer.ts DB_PATH SEED');
const store = SqliteEventStore.open(dbPath, { flushMs: 1, maxBatch: 64 });
const IN_FLIGHT = 32;

async function main(): Promise<void> {
  const events = generateEvents({ count: 1_000_000, seed: Number(seedText), agents: 5 });
  const inFlight = new Set<Promise<void>>();
  process.stdout.write('ready\n');
  for (const event of events) {
    const p: Promise<void> = store.record(event).then(() => {
      process.stdout.write(`${event.id}\n`);
      inFlight.delete(p);
    });
    inFlight.add(p);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});

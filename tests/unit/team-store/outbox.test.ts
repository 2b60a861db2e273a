import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { disableTeamOutbox, enableTeamOutbox, TeamOutbox } from '../../../src/main/events/sqlite/team-outbox';
import { agentEvents, tempDir } from './helpers';

describe('team outbox in the local event store', () => {
  const { dir, cleanup } = tempDir();
  afterAll(() => cleanup());

  it('queues only this agent’s newly stored events, in the same transaction, and never a duplicate', async () => {
    const path = join(dir, 'a.sqlite');
    const store = SqliteEventStore.open(path);
    const before = agentEvents('ann', 5, 1);
    await store.insertBatch(before);
    const admin = new DatabaseSync(path);
    enableTeamOutbox(admin, 'ann');
    const mine = agentEvents('ann', 20, 2);
    const theirs = agentEvents('bob', 7, 3);
    await store.insertBatch([...mine, ...theirs]);
    await store.insertBatch(mine.slice(0, 10)); // duplicates: skipped by the store, so not queued again
    for (const e of agentEvents('ann', 3, 4)) await store.record(e);
    const outbox = new TeamOutbox(path);
    expect(outbox.size()).toBe(23);
    const queued = outbox.peek(100);
    expect(queued.slice(0, 20).map((q) => q.eventId)).toEqual(mine.map((e) => e.id));
    expect(JSON.parse(queued[0]!.payload)).toEqual(mine[0]);
    outbox.ack(queued[9]!.seq);
    expect(outbox.size()).toBe(13);
    expect(outbox.peek(1)[0]!.eventId).toBe(mine[10]!.id);

    disableTeamOutbox(admin);
    await store.insertBatch(agentEvents('ann', 4, 5));
    expect(outbox.size()).toBe(13);
    outbox.close();
    admin.close();
    await store.close();
  });

  it('rolls the outbox row back with a failed event transaction', async () => {
    const path = join(dir, 'rollback.sqlite');
    const store = SqliteEventStore.open(path);
    const admin = new DatabaseSync(path);
    enableTeamOutbox(admin, 'ann');
    // A trigger of our own makes the event insert fail after the outbox row was written.
    admin.exec(`CREATE TRIGGER fail_late AFTER INSERT ON events WHEN NEW.thread_id = 'boom'
      BEGIN SELECT RAISE(ABORT, 'late failure'); END`);
    const [good, bad] = agentEvents('ann', 2, 6);
    await expect(store.insertBatch([good!, { ...bad!, threadId: 'boom' }])).rejects.toThrow(/late failure/);
    const outbox = new TeamOutbox(path);
    expect(outbox.size()).toBe(0);
    expect(await store.countEvents()).toBe(0);
    outbox.close();
    admin.close();
    await store.close();
  });

  it('keeps at most `capacity` events, dropping the oldest and counting them', async () => {
    const path = join(dir, 'cap.sqlite');
    const store = SqliteEventStore.open(path);
    const admin = new DatabaseSync(path);
    enableTeamOutbox(admin, 'ann', 10);
    const events = agentEvents('ann', 25, 8);
    await store.insertBatch(events);
    const outbox = new TeamOutbox(path);
    expect(outbox.size()).toBe(10);
    expect(outbox.dropped()).toBe(15);
    expect(outbox.peek(100).map((q) => q.eventId)).toEqual(events.slice(15).map((e) => e.id));
    outbox.close();
    admin.close();
    await store.close();
  });
});

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, SchemaTooNewError } from '../../../src/main/events/sqlite/schema';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { scheduleRetention, type RetentionTimer } from '../../../src/main/events/retention';
import { WriteQueue, type QueueTimer } from '../../../src/main/events/write-queue';
import { handMadeEvents, tempDir, withIds } from './fixtures';

describe('SqliteEventStore on disk', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('creates the schema from empty, records its version, and re-opens without migrating again', async () => {
    const path = join(dir, 'nested', 'events.sqlite');
    const store = SqliteEventStore.open(path);
    await store.insertBatch(handMadeEvents());
    await store.close();
    const raw = new DatabaseSync(path);
    expect(
      raw
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    ).toEqual(MIGRATIONS.map((m) => m.version));
    expect(Math.max(...MIGRATIONS.map((m) => m.version))).toBe(LATEST_SCHEMA_VERSION);
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    raw.close();
    const again = SqliteEventStore.open(path);
    expect(await again.countEvents()).toBe(handMadeEvents().length);
    expect(again.notices).toEqual([]);
    await again.close();
  });

  it('refuses a database written by a newer schema instead of touching it', () => {
    const path = join(dir, 'events.sqlite');
    SqliteEventStore.open(path).close();
    const raw = new DatabaseSync(path);
    raw.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(99, 'x');
    raw.close();
    expect(() => SqliteEventStore.open(path)).toThrow(SchemaTooNewError);
    expect(readdirSync(dir).some((f) => f.includes('corrupt'))).toBe(false);
  });

  it('moves a corrupt file aside with a timestamp, starts a new store and says so', async () => {
    const path = join(dir, 'events.sqlite');
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    writeFileSync(`${path}-wal`, 'junk');
    const store = SqliteEventStore.open(path, { now: () => new Date('2026-11-24T10:00:00Z') });
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]?.level).toBe('warning');
    const moved = `${path}.corrupt-2026-11-24T10-00-00-000Z`;
    expect(store.notices[0]?.message).toContain(moved);
    expect(existsSync(moved)).toBe(true);
    await store.record(handMadeEvents()[0]!);
    expect(await store.countEvents()).toBe(1);
    await store.close();
  });

  it('moves aside a database whose pages are damaged', async () => {
    const path = join(dir, 'events.sqlite');
    const store = SqliteEventStore.open(path);
    await store.insertBatch(handMadeEvents());
    await store.close();
    // Overwrite everything after the header page: the schema stays readable, the tables do not.
    const raw = new DatabaseSync(path);
    const pageSize = Number((raw.prepare('PRAGMA page_size').get() as { page_size: number }).page_size);
    raw.close();
    const { openSync, writeSync, closeSync, statSync } = await import('node:fs');
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(statSync(path).size - pageSize, 0xff), 0, undefined, pageSize);
    closeSync(fd);
    const reopened = SqliteEventStore.open(path);
    expect(reopened.notices[0]?.message).toMatch(/damaged/);
    expect(await reopened.countEvents()).toBe(0);
    await reopened.close();
  });

  it('imports JSONL from many agents: duplicates ignored, malformed lines reported with their number', async () => {
    const events = handMadeEvents();
    const fileA = join(dir, 'agent-a.jsonl');
    const fileB = join(dir, 'agent-b.jsonl');
    writeFileSync(
      fileA,
      [
        JSON.stringify(events[0]),
        '{"not json',
        JSON.stringify(events[1]),
        '',
        JSON.stringify({ ...events[2], customerText: 'raw text must not get in' }),
        JSON.stringify({ ...events[3], id: 'not-a-ulid' }),
        JSON.stringify(events[4]),
      ].join('\n'),
    );
    writeFileSync(fileB, events.map((e) => JSON.stringify(e)).join('\r\n') + '\r\n');
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const result = await store.importJsonl([fileA, fileB, join(dir, 'missing.jsonl')]);
    expect(result.imported).toBe(events.length);
    expect(result.duplicates).toBe(3);
    expect(result.errorCount).toBe(4);
    expect(result.errors.map((e) => [e.file, e.line])).toEqual([
      ['agent-a.jsonl', 2],
      ['agent-a.jsonl', 5],
      ['agent-a.jsonl', 6],
      ['missing.jsonl', 0],
    ]);
    expect(result.errors[0]?.message).toBe('not valid JSON');
    expect(result.errors[1]?.message).toMatch(/customerText/);
    expect(result.errors[2]?.message).toMatch(/^id: /);
    expect(await store.countEvents()).toBe(events.length);
    const again = await store.importJsonl([fileB]);
    expect(again).toEqual({ imported: 0, duplicates: events.length, errors: [], errorCount: 0 });
    // The rollups were not counted twice.
    expect((await store.getMetrics({})).totals.shown).toBe(6);
    await store.close();
  });

  it('rejects an invalid event at record() and keeps the store working', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const good = handMadeEvents()[0]!;
    await expect(store.record({ ...good, agentId: '' })).rejects.toThrow(/agentId/);
    await store.record(good);
    expect(await store.countEvents()).toBe(1);
    await store.close();
  });

  it('notifies listeners after each commit with ids only', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const batches: { count: number; latestIds: string[] }[] = [];
    store.onDidRecord((b) => batches.push(b));
    const events = handMadeEvents();
    await Promise.all(events.slice(0, 3).map((e) => store.record(e)));
    expect(batches).toEqual([{ count: 3, latestIds: events.slice(0, 3).map((e) => e.id) }]);
    await store.insertBatch(events.slice(0, 3));
    expect(batches).toHaveLength(1);
    await store.close();
  });

  it('deletes events older than the retention period, rollups included', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const old = withIds([{ ...handMadeEvents()[1]!, id: undefined, at: '2026-01-10T12:00:00.000Z' }]);
    await store.insertBatch([...handMadeEvents(), ...old]);
    expect((await store.getMetrics({})).totals.shown).toBe(7);
    const deleted = await store.applyRetention(180, new Date('2026-11-24T12:00:00Z'));
    expect(deleted).toBe(1);
    expect((await store.getMetrics({})).totals.shown).toBe(6);
    expect((await store.getMetrics({ from: '2026-01-01', to: '2026-02-01' })).by.agent).toEqual([]);
    expect(await store.applyRetention(180, new Date('2026-11-24T12:00:00Z'))).toBe(0);
    await store.close();
  });
});

describe('scheduleRetention', () => {
  it('cleans up at start and then daily with the current setting, until stopped', async () => {
    const calls: number[] = [];
    let tick: (() => void) | null = null;
    const timer: RetentionTimer = {
      setInterval: (fn, ms) => {
        expect(ms).toBe(86_400_000);
        tick = fn;
        return 1;
      },
      clearInterval: () => {
        tick = null;
      },
    };
    let days = 180;
    let resolveRun: () => void = () => {};
    const stop = scheduleRetention({
      store: {
        applyRetention: async (d) => {
          calls.push(d);
          resolveRun();
          return 0;
        },
      },
      retentionDays: () => days,
      timer,
    });
    expect(calls).toEqual([180]);
    await new Promise((r) => setImmediate(r));
    days = 30;
    const ran = new Promise<void>((r) => (resolveRun = r));
    tick!();
    await ran;
    expect(calls).toEqual([180, 30]);
    stop();
    expect(tick).toBeNull();
  });
});

describe('WriteQueue', () => {
  function manualTimer() {
    const pending: Array<() => void> = [];
    const timer: QueueTimer = {
      setTimeout: (fn) => pending.push(fn),
      clearTimeout: () => pending.splice(0),
    };
    return { timer, fire: () => pending.splice(0).forEach((fn) => fn()), pending };
  }

  it('batches events into one write and acknowledges only after it', async () => {
    const { timer, fire } = manualTimer();
    const writes: number[] = [];
    const queue = new WriteQueue((events) => writes.push(events.length), { timer, maxBatch: 100 });
    const events = handMadeEvents();
    let acked = 0;
    const all = events.slice(0, 5).map((e) => queue.enqueue(e).then(() => acked++));
    await Promise.resolve();
    expect(acked).toBe(0);
    fire();
    await Promise.all(all);
    expect(writes).toEqual([5]);
    expect(acked).toBe(5);
  });

  it('flushes at the batch size and rejects every event of a failed batch', async () => {
    const { timer } = manualTimer();
    let fail = true;
    const queue = new WriteQueue(
      () => {
        if (fail) throw new Error('disk full');
      },
      { timer, maxBatch: 2 },
    );
    const [e1, e2, e3] = handMadeEvents();
    const results = await Promise.allSettled([queue.enqueue(e1!), queue.enqueue(e2!)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    const third = queue.enqueue(e3!);
    queue.flush();
    await expect(third).resolves.toBeUndefined();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateEvents } from '../../../src/main/events/generate';
import { resolveFilter } from '../../../src/main/events/metrics/filter';
import { threadShownCounts } from '../../../src/main/events/metrics/queries';
import { threadCounts } from '../../../src/main/events/metrics/thread-counts';
import { EventWriter } from '../../../src/main/events/sqlite/event-writer';
import { MIGRATIONS } from '../../../src/main/events/sqlite/schema';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import type { EventFilter } from '../../../src/shared/contract/supervisor';
import type { TandemEvent } from '../../../src/shared/domain/events';

/**
 * `rollup_threads_daily` answers "suggestions per thread" for unfiltered and team views. It is kept by
 * triggers on `threads`, so it must equal a fresh GROUP BY over the thread rows after every kind of
 * change: batched inserts (including events older than a thread's first one), imports with duplicates,
 * retention and the migration of a database created before the rollup existed.
 */
const events: TandemEvent[] = [
  ...generateEvents({
    count: 5000,
    seed: 21,
    agents: 6,
    teams: ['us-core', 'eu-night'],
    start: new Date('2026-10-20T00:00:00Z'),
    end: new Date('2026-11-10T00:00:00Z'),
  }),
];

type Row = { day: number; team: string; shown: number; count: number };

async function rollupAndRaw(store: SqliteEventStore): Promise<{ rollup: Row[]; raw: Row[] }> {
  const db = store.queryBuilder;
  const rollup =
    await sql<Row>`SELECT day, team, shown, count FROM rollup_threads_daily ORDER BY 1, 2, 3`.execute(db);
  const raw = await sql<Row>`SELECT first_at_ms / 86400000 AS day, team, shown, COUNT(*) AS count
    FROM threads GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  return { rollup: rollup.rows.map((r) => ({ ...r })), raw: raw.rows.map((r) => ({ ...r })) };
}

async function expectRollupEqualsRaw(store: SqliteEventStore): Promise<number> {
  const { rollup, raw } = await rollupAndRaw(store);
  expect(rollup).toEqual(raw);
  return raw.reduce((n, r) => n + r.count, 0);
}

const sorted = (pairs: Array<{ value: number; count: number }>) =>
  [...pairs].filter((p) => p.count > 0).sort((a, b) => a.value - b.value);

describe('thread rollup', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-threads-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stays equal to the thread rows across batches, out-of-order events and duplicates', async () => {
    const store = SqliteEventStore.open(':memory:');
    // Newest events first, in small batches: threads are created by a later event and their first
    // event arrives afterwards, which moves first_at_ms (and sometimes the day) of an existing row.
    const reversed = [...events].reverse();
    for (let i = 0; i < reversed.length; i += 700) await store.insertBatch(reversed.slice(i, i + 700));
    await store.insertBatch(events.slice(0, 1000));
    const threads = await expectRollupEqualsRaw(store);
    expect(threads).toBeGreaterThan(100);
    await store.close();
  });

  it('answers suggestions per thread as the thread rows do, whole days, mid-day edges, teams, all time', async () => {
    const store = SqliteEventStore.open(':memory:');
    await store.insertBatch(events);
    const filters: EventFilter[] = [
      {},
      { from: '2026-10-25', to: '2026-11-03' },
      { from: '2026-10-25', to: '2026-11-03', tzOffsetMinutes: 330 },
      { from: '2026-10-28', tzOffsetMinutes: -420, teams: ['eu-night'] },
      { from: '2026-11-02T07:00:00Z', to: '2026-11-02T19:00:00Z' },
    ];
    for (const input of filters) {
      const f = resolveFilter(input);
      const fromRows = sorted(await threadShownCounts(store.queryBuilder, f));
      expect(sorted(await threadCounts(store.queryBuilder, f))).toEqual(fromRows);
      expect(fromRows.length).toBeGreaterThan(0);
    }
    await store.close();
  });

  it('stays equal after an import with duplicates and after retention', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    await store.insertBatch(events.slice(0, 2500));
    const file = join(dir, 'agent.jsonl');
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const imported = await store.importJsonl([file]);
    expect(imported).toMatchObject({ imported: 2500, duplicates: 2500 });
    const before = await expectRollupEqualsRaw(store);
    expect(await store.applyRetention(10, new Date('2026-11-10T12:00:00Z'))).toBeGreaterThan(0);
    const after = await expectRollupEqualsRaw(store);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    await store.close();
  });

  it('is filled from the existing threads when an older database is migrated, then kept', async () => {
    const path = join(dir, 'old.sqlite');
    const old = new DatabaseSync(path);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    old.exec(MIGRATIONS[0]!.sql);
    old.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (1, ?)').run('2026-11-01');
    new EventWriter(old).write(events.slice(0, 3000));
    old.close();

    const store = SqliteEventStore.open(path);
    expect(await expectRollupEqualsRaw(store)).toBeGreaterThan(100);
    await store.insertBatch(events.slice(2000));
    await expectRollupEqualsRaw(store);
    await store.close();
  });
});

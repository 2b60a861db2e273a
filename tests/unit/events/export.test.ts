import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell } from '../../../src/main/events/export';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { eventsCommand } from '../../../src/main/cli/commands/events';
import { handMadeEvents, tempDir } from './fixtures';

async function collect(run: (out: PassThrough) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await run(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** A small RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('export', () => {
  let dir: string;
  let cleanup: () => void;
  let store: SqliteEventStore;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    store = SqliteEventStore.open(join(dir, 'a.sqlite'));
    await store.insertBatch(handMadeEvents());
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it('round-trips JSONL: export, import into an empty store, same events and same metrics', async () => {
    const text = await collect((out) => store.exportTo(out, {}, 'jsonl'));
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(handMadeEvents().length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(handMadeEvents());
    const file = join(dir, 'export.jsonl');
    writeFileSync(file, text);
    const other = SqliteEventStore.open(join(dir, 'b.sqlite'));
    expect(await other.importJsonl([file])).toMatchObject({
      imported: lines.length,
      duplicates: 0,
      errorCount: 0,
    });
    expect(await other.getMetrics({})).toEqual(await store.getMetrics({}));
    await other.close();
  });

  it('round-trips CSV: one row per event, every field in its column, quoting intact', async () => {
    const text = await collect((out) => store.exportTo(out, {}, 'csv'));
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(handMadeEvents().length);
    const byId = new Map(rows.map((r) => [r[0], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]));
    for (const event of handMadeEvents()) {
      const row = byId.get(event.id)!;
      for (const [key, value] of Object.entries(event)) {
        if (key === 'latencies') continue;
        const expected = Array.isArray(value) ? value.join(';') : String(value);
        expect([key, row[key]]).toEqual([key, expected]);
      }
    }
    expect(byId.get(handMadeEvents()[0]!.id)!.latencyAnalyzeMs).toBe('12');
  });

  it('exports only what the filter selects and can leave replay events out', async () => {
    const text = await collect((out) =>
      store.exportTo(out, { agentIds: ['a2'] }, 'jsonl', { includeReplay: false }),
    );
    const events = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.every((e) => e.agentId === 'a2')).toBe(true);
    expect(events).toHaveLength(9);
  });

  it('neutralises spreadsheet formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1 call me')).toBe("'+1 call me");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(['r1', 'r2'])).toBe('r1;r2');
  });

  it('runs through the command line: export to a file, import it elsewhere, stats as JSON', async () => {
    await store.close();
    const io = () => {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      stderr.on('data', (c: Buffer) => (err += c.toString()));
      return {
        io: { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: dir },
        out: () => out,
        err: () => err,
      };
    };
    const file = join(dir, 'out.jsonl');
    const a = io();
    expect(
      await eventsCommand(
        ['export', '--format', 'jsonl', '--out', file, '--db', join(dir, 'a.sqlite')],
        a.io,
      ),
    ).toBe(0);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(handMadeEvents().length);
    const b = io();
    expect(await eventsCommand(['import', file, '--db', join(dir, 'c.sqlite')], b.io)).toBe(0);
    expect(b.out()).toMatch(/Imported 19 events; 0 duplicates skipped; 0 malformed lines/);
    const c = io();
    expect(
      await eventsCommand(['stats', '--json', '--agent', 'a1', '--db', join(dir, 'c.sqlite')], c.io),
    ).toBe(0);
    expect(JSON.parse(c.out()).totals).toMatchObject({ shown: 3, acceptedAsIs: 1, acceptedEdited: 1 });
    const d = io();
    expect(await eventsCommand(['stats', '--from', 'yesterday', '--db', join(dir, 'c.sqlite')], d.io)).toBe(
      2,
    );
    expect(d.err()).toMatch(/from/);
    store = SqliteEventStore.open(join(dir, 'a.sqlite'));
  });
});

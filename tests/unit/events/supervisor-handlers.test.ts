import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSupervisorHandlers,
  forwardRecordedEvents,
} from '../../../src/main/events/supervisor-handlers';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { supervisorCalls } from '../../../src/shared/contract/supervisor';
import type { CallContext } from '../../../src/main/ipc/router';
import { handMadeEvents, tempDir } from './fixtures';

const ctx = { sender: { url: 'app://tandem/index.html', isMainFrame: true } } as unknown as CallContext;

describe('supervisor handlers', () => {
  let dir: string;
  let cleanup: () => void;
  let store: SqliteEventStore;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    await store.insertBatch(handMadeEvents());
  });
  afterEach(async () => {
    await store.close();
    cleanup();
  });

  it('answers every call with output that passes the contract', async () => {
    const h = createSupervisorHandlers(store);
    const parse = <K extends keyof typeof supervisorCalls>(name: K, input: unknown) =>
      supervisorCalls[name].input.parse(input) as never;
    const metrics = await h.getMetrics(parse('getMetrics', { agentIds: ['a1'] }), ctx);
    expect(supervisorCalls.getMetrics.output.parse(metrics).totals.shown).toBe(3);
    const agents = await h.listAgentRows(parse('listAgentRows', { filter: {} }), ctx);
    expect(supervisorCalls.listAgentRows.output.parse(agents).total).toBe(2);
    const page = await h.listEvents(
      parse('listEvents', { filter: {}, query: { types: ['escalated'] } }),
      ctx,
    );
    expect(supervisorCalls.listEvents.output.parse(page).events).toHaveLength(1);
    expect(await h.getEventStoreNotices(undefined as never, ctx)).toEqual([]);
  });

  it('exports the current view as text, live events only', async () => {
    const h = createSupervisorHandlers(store);
    const out = await h.exportEvents(
      { filter: { teams: ['T1'], tzOffsetMinutes: 0 }, format: 'csv', destination: 'text' },
      ctx,
    );
    expect(out.path).toBeNull();
    // T1 holds a1's 8 live events; its 2 replay events stay out of the supervisor's view.
    expect(out.count).toBe(8);
    expect(out.text!.trimEnd().split('\r\n')).toHaveLength(9);
  });

  it('exports to the file the save dialog chose, and does nothing when it is cancelled', async () => {
    const target = join(dir, 'view.jsonl');
    let answer: string | null = target;
    const h = createSupervisorHandlers(store, { chooseExportPath: async () => answer });
    const saved = await h.exportEvents(
      { filter: { tzOffsetMinutes: 0 }, format: 'jsonl', destination: 'file' },
      ctx,
    );
    expect(saved).toEqual({ path: target, text: null, count: 17 });
    expect(readFileSync(target, 'utf8').trimEnd().split('\n')).toHaveLength(17);
    answer = null;
    expect(
      await h.exportEvents({ filter: { tzOffsetMinutes: 0 }, format: 'csv', destination: 'file' }, ctx),
    ).toEqual({
      path: null,
      text: null,
      count: 0,
    });
    await expect(
      createSupervisorHandlers(store).exportEvents(
        { filter: { tzOffsetMinutes: 0 }, format: 'csv', destination: 'file' },
        ctx,
      ),
    ).rejects.toThrow(/not available/);
  });

  it('imports files and forwards commits as onDidRecordEvents payloads', async () => {
    const payloads: unknown[] = [];
    const stop = forwardRecordedEvents(store, (p) => payloads.push(p));
    const other = handMadeEvents().map((e, i) => ({
      ...e,
      id: e.id.slice(0, 25) + 'ABCDEFGHJKMNPQRSTVWXYZ0123'[i],
    }));
    const file = join(dir, 'team.jsonl');
    writeFileSync(file, other.map((e) => JSON.stringify(e)).join('\n') + '\nnot json\n');
    const result = await createSupervisorHandlers(store).importEvents({ paths: [file] }, ctx);
    expect(result).toMatchObject({ imported: other.length, duplicates: 0, errorCount: 1 });
    expect(result.errors[0]).toMatchObject({ file: 'team.jsonl', line: other.length + 1 });
    expect(payloads).toEqual([{ count: other.length, latestIds: other.map((e) => e.id) }]);
    stop();
    await store.record({ ...handMadeEvents()[0]!, id: '01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(payloads).toHaveLength(1);
  });

  it('imports the files picked in the open dialog, and nothing when it is cancelled', async () => {
    const other = handMadeEvents().map((e, i) => ({
      ...e,
      id: e.id.slice(0, 25) + 'ABCDEFGHJKMNPQRSTVWXYZ0123'[i],
    }));
    const file = join(dir, 'picked.jsonl');
    writeFileSync(file, other.map((e) => JSON.stringify(e)).join('\n') + '\n');
    const answers: string[][] = [[file], []];
    const h = createSupervisorHandlers(store, { chooseImportFiles: async () => answers.shift() ?? [] });
    expect(await h.importEventsFromDialog(undefined, ctx)).toMatchObject({
      imported: other.length,
      duplicates: 0,
      errorCount: 0,
    });
    expect(await h.importEventsFromDialog(undefined, ctx)).toBeNull();
    expect(supervisorCalls.importEventsFromDialog.output.safeParse(null).success).toBe(true);
    await expect(createSupervisorHandlers(store).importEventsFromDialog(undefined, ctx)).rejects.toThrow(
      /enter their paths/,
    );
  });
});

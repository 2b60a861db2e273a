import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../src/main/app/create-app-core';
import type { IpcRouter } from '../../../src/main/ipc/router';
import type { SenderInfo } from '../../../src/main/ipc/trust';
import { MemoryClipboard } from '../../../src/main/ports/clipboard';
import { RecordingNotifications } from '../../../src/main/ports/notifications';
import { MemorySecretStore } from '../../../src/main/ports/secret-store';
import { loadTeamMigrations } from '../../../src/main/team-store/migrate';
import type { PgEventStore } from '../../../src/main/team-store/pg-event-store';
import { insertTeamEvents } from '../../../src/main/team-store/pg-writer';
import { createTeamLogin } from '../../../src/main/team-store/roles';
import type { EventSource, TeamStatus } from '../../../src/shared/contract/team';
import type { CallInput, CallName, CallOutput } from '../../../src/shared/ipc/api';
import { agentEvents, countTeamEvents, setupAgent } from '../team-store/helpers';
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../team-store/pg-cluster';

const APP_URL = 'http://127.0.0.1:5173/';
const sender: SenderInfo = { url: `${APP_URL}index.html`, isMainFrame: true };
const skip = pgUnavailableReason();

/** Resolves with the first bus payload of `name` that the predicate accepts (tests wait for events). */
function nextEvent<T>(core: AppCore, name: string, predicate: (p: T) => boolean, timeoutMs = 30_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} matched in ${timeoutMs} ms`));
    }, timeoutMs);
    const off = core.bus.onDidEmit((n, payload) => {
      if (n !== name || !predicate(payload as T)) return;
      clearTimeout(timer);
      off();
      resolve(payload as T);
    });
  });
}

function waitForStatus(core: AppCore, predicate: (s: TeamStatus) => boolean): Promise<TeamStatus> {
  const now = core.team.shipping.getStatus();
  if (predicate(now)) return Promise.resolve(now);
  return nextEvent<TeamStatus>(core, 'onDidChangeTeamStatus', predicate);
}

/** Calls through the real router (sender check, input validation) and returns the typed answer. */
async function call<K extends CallName>(
  router: IpcRouter,
  name: K,
  input: CallInput<K>,
): Promise<CallOutput<K>> {
  const result = await router.handle(name, input, sender);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as CallOutput<K>;
}

describe.skipIf(skip !== null)('app core with the team store (real PostgreSQL)', () => {
  let cluster: PgCluster;
  let admin: pg.Client;
  let annPassword: string;
  let suePassword: string;
  const cores: AppCore[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    cluster = await startPgCluster();
    admin = new pg.Client({ connectionString: cluster.url });
    admin.on('error', () => {});
    await admin.connect();
    annPassword = await setupAgent(admin, 'ann');
    suePassword = (await createTeamLogin(admin, 'sue', 'supervisor')).password;
  }, 90_000);
  afterAll(async () => {
    await admin?.end();
    await cluster?.destroy();
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.dispose();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function startCore(): Promise<{ core: AppCore; router: IpcRouter; secrets: MemorySecretStore }> {
    const dir = await mkdtemp(join(tmpdir(), 'tandem-team-core-'));
    dirs.push(dir);
    const secrets = new MemorySecretStore();
    const core = await createAppCore({
      userDataDir: dir,
      resourcesDir: join(__dirname, '../../../resources'),
      clipboard: new MemoryClipboard(),
      secrets,
      notifications: new RecordingNotifications(),
      shell: 'harness',
      appVersion: '0.0.0-test',
      platform: 'linux',
      openExternal: async () => {},
      teamStore: { readPollMs: 100, sender: { idlePollMs: 100, baseDelayMs: 50, maxDelayMs: 500 } },
    });
    cores.push(core);
    return { core, router: core.createRouter([APP_URL]), secrets };
  }

  const urlFor = (login: string, port = cluster.port) => `postgres://${login}@127.0.0.1:${port}/postgres`;

  it('is off by default and leaves the local store without an outbox', async () => {
    const { core, router } = await startCore();
    expect(await call(router, 'getTeamStatus', undefined)).toMatchObject({ state: 'off' });
    expect(await call(router, 'getEventSource', undefined)).toEqual({
      kind: 'local',
      label: 'this computer',
      problem: null,
      readError: null,
    });
    expect(core.settings.get().teamStore).toEqual({ enabled: false, url: '', outboxCapacity: 500_000 });
  });

  it('ships a recorded assist event: queued, then connected with the event on the server', async () => {
    const { core, router } = await startCore();
    await call(router, 'updateSettings', { identity: { agentId: 'ann', team: 'returns' } });
    await call(router, 'setSecret', { name: 'teamStore.password', value: annPassword });
    const statuses: TeamStatus[] = [];
    core.bus.onDidEmit((name, payload) => {
      if (name === 'onDidChangeTeamStatus') statuses.push(payload as TeamStatus);
    });
    await call(router, 'updateSettings', {
      teamStore: { enabled: true, url: urlFor('ann'), outboxCapacity: 500_000 },
    });
    await core.team.settled();
    await waitForStatus(core, (s) => s.state === 'connected');
    const before = await countTeamEvents(admin, 'ann');

    await call(router, 'analyzeText', { text: 'Where is my order #4411? It is late.' });
    const shipped = await waitForStatus(
      core,
      (s) => s.state === 'connected' && s.queued === 0 && !!s.lastSentAt,
    );
    expect(shipped.dropped).toBe(0);
    // The indicator saw the event waiting before it left: queued N, then connected.
    const queuedAt = statuses.findIndex((s) => s.queued > 0);
    expect(queuedAt).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(queuedAt).some((s) => s.state === 'connected' && s.queued === 0)).toBe(true);

    const after = await countTeamEvents(admin, 'ann');
    expect(after.rows).toBeGreaterThan(before.rows);
    expect(after.rows).toBe(after.distinct);
    // Every event the panel recorded locally is on the server, once, with this desktop's team.
    const local: string[] = [];
    for await (const e of core.events.iterateEvents({})) local.push(e.id);
    expect(local.length).toBeGreaterThan(0);
    const { rows } = await admin.query<{ id: string; team: string; type: string }>(
      'SELECT id, team, type FROM tandem_events WHERE id = ANY($1)',
      [local],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([...local].sort());
    expect(new Set(rows.map((r) => r.team))).toEqual(new Set(['returns']));
    expect(rows.map((r) => r.type)).toContain('message_analyzed');
    expect((await call(router, 'getTeamStatus', undefined)).state).toBe('connected');
  }, 60_000);

  it('a wrong password gives state error with a reason that does not contain the password', async () => {
    const { core, router } = await startCore();
    const wrong = 'not-the-password-Zq81';
    await call(router, 'updateSettings', { identity: { agentId: 'ann' } });
    await call(router, 'setSecret', { name: 'teamStore.password', value: wrong });
    await call(router, 'updateSettings', { teamStore: { enabled: true, url: urlFor('ann') } });
    const status = await waitForStatus(core, (s) => s.state === 'error');
    expect(status.reason).toMatch(/refused the login|password/i);
    expect(status.reason).not.toContain(wrong);
    const test = await call(router, 'testTeamConnection', undefined);
    expect(test.ok).toBe(false);
    expect(test.message).toMatch(/password authentication failed/);
    expect(test.message).not.toContain(wrong);

    // Fixing the password alone (no settings change) reconnects: the password is watched too.
    await call(router, 'setSecret', { name: 'teamStore.password', value: annPassword });
    await waitForStatus(core, (s) => s.state === 'connected');
    const good = await call(router, 'testTeamConnection', undefined);
    expect(good).toMatchObject({ ok: true, access: 'agent' });
    expect(good.schemaVersion).toBe(loadTeamMigrations().at(-1)!.version);
  }, 60_000);

  it('refuses a login that is not the agent id, and a URL with a password, in words', async () => {
    const { core, router } = await startCore();
    await call(router, 'setSecret', { name: 'teamStore.password', value: annPassword });
    await call(router, 'updateSettings', { teamStore: { enabled: true, url: urlFor('ann') } });
    const status = await waitForStatus(core, (s) => s.state === 'error');
    expect(status.reason).toMatch(/must be your agent ID \("agent"\)/);

    const withPassword = await router.handle(
      'updateSettings',
      { teamStore: { url: `postgres://ann:${annPassword}@127.0.0.1:${cluster.port}/postgres` } },
      sender,
    );
    expect(withPassword.ok).toBe(false);
    if (!withPassword.ok) {
      expect(withPassword.error.message).toMatch(/Do not put the password in the address/);
      expect(withPassword.error.message).not.toContain(annPassword);
    }
    expect(core.settings.get().teamStore.url).toBe(urlFor('ann'));
  });

  it('a supervisor login used to ship is refused by the database and named by Test connection', async () => {
    const { core, router } = await startCore();
    await call(router, 'updateSettings', { identity: { agentId: 'sue' } });
    await call(router, 'setSecret', { name: 'teamStore.password', value: suePassword });
    await call(router, 'updateSettings', { teamStore: { enabled: true, url: urlFor('sue') } });
    const test = await call(router, 'testTeamConnection', undefined);
    expect(test).toMatchObject({ ok: false, access: 'supervisor' });
    expect(test.message).toMatch(/"sue" is a supervisor login/);
    await call(router, 'analyzeText', { text: 'My parcel never arrived, order #5120.' });
    const status = await waitForStatus(core, (s) => s.state === 'error');
    expect(status.reason).toMatch(/refused the events/);
    expect(status.queued).toBeGreaterThan(0);
  }, 60_000);

  it('an unreachable server is offline with a retry time, and Test connection says unreachable', async () => {
    const { core, router } = await startCore();
    await call(router, 'updateSettings', { identity: { agentId: 'ann' } });
    await call(router, 'setSecret', { name: 'teamStore.password', value: annPassword });
    await call(router, 'updateSettings', { teamStore: { enabled: true, url: urlFor('ann', 1) } });
    const status = await waitForStatus(core, (s) => s.state === 'offline');
    expect(status.nextRetryAt).not.toBeNull();
    expect(status.reason).toMatch(/unreachable/i);
    const test = await call(router, 'testTeamConnection', { url: urlFor('ann', 1) });
    expect(test).toMatchObject({ ok: false });
    expect(test.message).toMatch(/unreachable/i);
  });

  it("a supervisor's dashboard reads the team store with agent and team filters, and updates live", async () => {
    const { core, router } = await startCore();
    // Events of two agents in two teams, written as the server would hold them.
    const known = new Set<string>();
    const ann = agentEvents('ann', 120, 5).map((e) => ({ ...e, team: 'returns' }));
    const bob = agentEvents('bob', 80, 6).map((e) => ({ ...e, team: 'billing' }));
    await insertTeamEvents(admin, [...ann, ...bob], known);

    await call(router, 'setSecret', { name: 'teamStore.password', value: suePassword });
    const switched = nextEvent<EventSource>(core, 'onDidChangeEventSource', (s) => s.kind === 'team');
    await call(router, 'updateSettings', {
      role: 'supervisor',
      teamStore: { enabled: true, url: urlFor('sue') },
    });
    expect(await switched).toEqual({
      kind: 'team',
      label: `team store (127.0.0.1:${cluster.port}/postgres)`,
      problem: null,
      readError: null,
    });
    const range = { from: '2026-09-01', to: '2026-12-01' };
    const all = await call(router, 'getMetrics', range);
    const annOnly = await call(router, 'getMetrics', { ...range, agentIds: ['ann'] });
    const billing = await call(router, 'getMetrics', { ...range, teams: ['billing'] });
    expect(all.totals.messages).toBeGreaterThan(0);
    expect(annOnly.totals.messages + billing.totals.messages).toBe(all.totals.messages);
    // The local store has none of these: the figures can only have come from the team store.
    expect((await core.events.getMetrics(range)).totals.messages).toBe(0);
    const rows = await call(router, 'listAgentRows', { filter: range, sort: { by: 'agentId', dir: 'asc' } });
    expect(rows.rows.map((r) => [r.agentId, r.team])).toEqual(
      expect.arrayContaining([
        ['ann', 'returns'],
        ['bob', 'billing'],
      ]),
    );
    const page = await call(router, 'listEvents', {
      filter: { ...range, agentIds: ['bob'] },
      query: { limit: 5 },
    });
    expect(page.events).toHaveLength(5);
    expect(page.events.every((e) => e.agentId === 'bob')).toBe(true);
    const exported = await call(router, 'exportEvents', {
      filter: range,
      format: 'jsonl',
      destination: 'text',
    });
    expect(exported.count).toBeGreaterThan(0);
    const notices = await call(router, 'getEventStoreNotices', undefined);
    expect(notices.some((n) => n.message.startsWith('Source: team store'))).toBe(true);

    // Live: an event that reaches the server later is announced to the dashboard by the poll.
    const live = nextEvent<{ count: number }>(core, 'onDidRecordEvents', (b) => b.count > 0);
    // Take the poll's starting cursor now (the first look only notes where "new" begins).
    const reader = core.team.dashboard.current().store as PgEventStore;
    await reader.check();
    await insertTeamEvents(admin, agentEvents('ann', 1, 77), known);
    expect((await live).count).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('a supervisor whose team store is down gets a clear error, never the local figures', async () => {
    const { core, router } = await startCore();
    await call(router, 'setSecret', { name: 'teamStore.password', value: suePassword });
    await call(router, 'updateSettings', {
      role: 'supervisor',
      teamStore: { enabled: true, url: urlFor('sue', 1) },
    });
    await core.team.settled();
    const unreadable = nextEvent<EventSource>(core, 'onDidChangeEventSource', (s) => s.readError !== null);
    const result = await router.handle('getMetrics', {}, sender);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unavailable');
      expect(result.error.message).toMatch(/team store \(127\.0\.0\.1:1\/postgres\) could not be read/);
      expect(result.error.message).toMatch(/does not fall back to this computer/);
    }
    // The header learns it too, once (a second failure is no news).
    expect((await unreadable).readError).toMatch(/unreachable/i);
    const events: unknown[] = [];
    const off = core.bus.onDidEmit((name, p) => name === 'onDidChangeEventSource' && events.push(p));
    expect((await router.handle('getMetrics', {}, sender)).ok).toBe(false);
    off();
    expect(events).toEqual([]);
    // Turning the team store off puts the dashboard back on this computer, and says so.
    const back = nextEvent<EventSource>(core, 'onDidChangeEventSource', (s) => s.kind === 'local');
    await call(router, 'updateSettings', { teamStore: { enabled: false } });
    expect((await back).label).toBe('this computer');
    expect((await call(router, 'getMetrics', {})).totals.messages).toBe(0);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { SqliteEventStore } from '../../../src/main/events/sqlite/sqlite-event-store';
import { enableTeamOutbox, TeamOutbox } from '../../../src/main/events/sqlite/team-outbox';
import { migrateTeamStore } from '../../../src/main/team-store/migrate';
import { createTeamLogin } from '../../../src/main/team-store/roles';
import { TeamSender, type TeamSenderOptions } from '../../../src/main/team-store/sender';
import type { TeamStatus } from '../../../src/shared/contract/team';
import { startPgCluster, type PgCluster } from './pg-cluster';

/** The superuser connection tests inspect the server with; survives server restarts by reconnecting. */
export async function connectAdmin(url: string): Promise<pg.Client> {
  const admin = new pg.Client({ connectionString: url });
  // A restart or a terminated backend must not crash the test run; the next query fails instead.
  admin.on('error', () => {});
  await admin.connect();
  return admin;
}

/**
 * A throwaway cluster, a superuser connection and a temp folder for one test file: started in
 * beforeAll, destroyed in afterAll. `reconnect()` replaces the admin connection after a restart.
 */
export function useTeamCluster(options: Parameters<typeof startPgCluster>[0] = {}) {
  const ctx = {
    cluster: null as unknown as PgCluster,
    admin: null as unknown as pg.Client,
    dir: '',
    async reconnect(): Promise<pg.Client> {
      await ctx.admin.end().catch(() => {});
      ctx.admin = await connectAdmin(ctx.cluster.url);
      return ctx.admin;
    },
  };
  const temp = tempDir();
  ctx.dir = temp.dir;
  beforeAll(async () => {
    ctx.cluster = await startPgCluster(options);
    ctx.admin = await connectAdmin(ctx.cluster.url);
  }, 60_000);
  afterAll(async () => {
    await ctx.admin?.end().catch(() => {});
    await ctx.cluster?.destroy();
    temp.cleanup();
  });
  return ctx;
}

/** One agent's desktop: the local store, its outbox (queueing `agent`'s events) and a sender. */
export interface Desktop {
  path: string;
  store: SqliteEventStore;
  outbox: TeamOutbox;
  sender: TeamSender;
  warnings: string[];
  close(): Promise<void>;
}

/** A desktop shipping as `agent` to `url`, with short retry delays unless `sender` overrides them. */
export function desktop(
  dir: string,
  agent: string,
  url: string,
  sender: Partial<Omit<TeamSenderOptions, 'outbox' | 'connection'>> = {},
): Desktop {
  const path = join(dir, `${agent}.sqlite`);
  const store = SqliteEventStore.open(path);
  const side = new DatabaseSync(path);
  enableTeamOutbox(side, agent);
  side.close();
  const outbox = new TeamOutbox(path);
  const warnings: string[] = [];
  const s = new TeamSender({
    outbox,
    connection: { url },
    baseDelayMs: 20,
    maxDelayMs: 200,
    idlePollMs: 50,
    batchSize: 2000,
    warn: (m) => warnings.push(m),
    ...sender,
  });
  store.onDidRecord(() => s.nudge());
  return {
    path,
    store,
    outbox,
    sender: s,
    warnings,
    close: async () => {
      await s.close();
      outbox.close();
      await store.close();
    },
  };
}

/**
 * Resolves once `condition` (e.g. a query on the server) holds, checking every `intervalMs`; for
 * state that has no event to wait on. Fails with `what` after `timeoutMs`.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A temp folder removed after the test. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-team-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export { agentEvents } from './agent-events';

/** Migrates (idempotent) and creates an agent login; returns its password. */
export async function setupAgent(admin: pg.ClientBase, name: string): Promise<string> {
  await migrateTeamStore(admin);
  return (await createTeamLogin(admin, name, 'agent')).password;
}

/** Resolves on the first status the predicate accepts (the current one included): tests wait for events, never sleep. */
export function waitForStatus(
  sender: Pick<TeamSender, 'getStatus' | 'onDidChangeTeamStatus'>,
  predicate: (s: TeamStatus) => boolean,
  timeoutMs = 30_000,
): Promise<TeamStatus> {
  return new Promise((resolve, reject) => {
    const now = sender.getStatus();
    if (predicate(now)) return resolve(now);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status never matched; last: ${JSON.stringify(sender.getStatus())}`));
    }, timeoutMs);
    const off = sender.onDidChangeTeamStatus((s) => {
      if (!predicate(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

export async function countTeamEvents(
  admin: pg.ClientBase,
  agentId?: string,
): Promise<{ rows: number; distinct: number }> {
  const { rows } = await admin.query<{ rows: number; distinct: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT id)::int AS distinct FROM tandem_events ${agentId ? 'WHERE agent_id = $1' : ''}`,
    agentId ? [agentId] : [],
  );
  return rows[0]!;
}

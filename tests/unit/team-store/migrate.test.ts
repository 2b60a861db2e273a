import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamCommand } from '../../../src/main/cli/commands/team';
import { generateEvents } from '../../../src/main/events/generate';
import {
  assertTeamSchemaCompatible,
  loadTeamMigrations,
  migrateTeamStore,
  TEAM_SCHEMA_VERSION,
  teamSchemaVersion,
  TeamSchemaTooNewError,
} from '../../../src/main/team-store/migrate';
import { insertTeamEvents } from '../../../src/main/team-store/pg-writer';
import { connectAdmin } from './helpers';
import { pgUnavailableReason, startPgCluster, type PgCluster } from './pg-cluster';

const skip = pgUnavailableReason();

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  return {
    io: { stdin: new PassThrough(), stdout, stderr, env: {}, cwd: process.cwd() },
    out: () => out,
    err: () => err,
  };
}

describe.skipIf(skip !== null)('team store migrations and roles (real PostgreSQL)', () => {
  let cluster: PgCluster;
  let admin: pg.Client;
  beforeAll(async () => {
    cluster = await startPgCluster();
    admin = new pg.Client({ connectionString: cluster.url });
    admin.on('error', () => {});
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await cluster?.destroy();
  });

  it('migrates an empty database through the CLI, and a re-run changes nothing', async () => {
    const first = io();
    expect(await teamCommand(['migrate', '--url', cluster.url], first.io)).toBe(0);
    expect(first.out()).toMatch(/Applied migration\(s\) 1/);
    const second = io();
    expect(await teamCommand(['migrate', '--url', cluster.url], second.io)).toBe(0);
    expect(second.out()).toMatch(/already at version/);
    const { rows } = await admin.query('SELECT version FROM tandem_schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(loadTeamMigrations().map((m) => m.version));
    const roles = await admin.query(
      "SELECT rolname FROM pg_roles WHERE rolname IN ('tandem_agent','tandem_supervisor') ORDER BY 1",
    );
    expect(roles.rows.map((r) => r.rolname)).toEqual(['tandem_agent', 'tandem_supervisor']);
  });

  it('upgrades a version-1 database holding events: rollups are backfilled and a version-1 build may still ship', async () => {
    const db = 'from_v1';
    await admin.query(`CREATE DATABASE ${db}`);
    const old = await connectAdmin(cluster.url.replace(/\/postgres$/, `/${db}`));
    try {
      const all = loadTeamMigrations();
      expect(await migrateTeamStore(old, all.slice(0, 1))).toEqual([1]);
      const events = [...generateEvents({ count: 2000, seed: 9, agents: 3 })];
      await insertTeamEvents(old, events.slice(0, 1500), new Set());
      expect(await migrateTeamStore(old, all)).toEqual(all.slice(1).map((m) => m.version));
      await insertTeamEvents(old, events.slice(1000), new Set()); // 500 resent, 500 new
      const { rows } = await old.query<{ rolled: number; counted: number }>(
        `SELECT (SELECT sum(messages + shown + accepted_as_is + accepted_edited + rejected + overrides + escalations + drafts_checked)::int FROM tandem_rollup_hourly) AS rolled,
                (SELECT count(*)::int FROM tandem_events WHERE source <> 'replay' AND type IN
                  ('message_analyzed','suggestion_shown','suggestion_accepted','suggestion_rejected','policy_override','escalated','draft_checked')) AS counted`,
      );
      expect(rows[0]!.rolled).toBe(rows[0]!.counted);
      const perAgent = await old.query<{ rolled: number }>(
        'SELECT sum(messages + shown + accepted_as_is + accepted_edited + rejected + overrides + escalations + drafts_checked)::int AS rolled FROM tandem_rollup_agent_hourly',
      );
      expect(perAgent.rows[0]!.rolled).toBe(rows[0]!.counted);
      expect(rows[0]!.counted).toBeGreaterThan(1000);
      // The upgrade is additive: a desktop that only knows version 1 keeps shipping.
      await expect(assertTeamSchemaCompatible(old, 1)).resolves.toBeUndefined();
      expect(await teamSchemaVersion(old)).toBe(TEAM_SCHEMA_VERSION);
    } finally {
      await old.end();
    }
  });

  it('refuses a database whose schema is newer than this build, with a clear message', async () => {
    await admin.query("INSERT INTO tandem_schema_migrations (version, name) VALUES (999, 'future')");
    try {
      await expect(migrateTeamStore(admin)).rejects.toBeInstanceOf(TeamSchemaTooNewError);
      const cli = io();
      expect(await teamCommand(['migrate', '--url', cluster.url], cli.io)).toBe(1);
      expect(cli.err()).toMatch(/schema version 999, newer than this Tandem build knows/);
    } finally {
      await admin.query('DELETE FROM tandem_schema_migrations WHERE version = 999');
    }
  });

  it('an agent login may insert its own events only, and can read nothing', async () => {
    const made = io();
    expect(await teamCommand(['add-agent', 'agent-ann', '--url', cluster.url], made.io)).toBe(0);
    const password = made.out().trim().split('\n').at(-1)!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const dup = io();
    expect(await teamCommand(['add-agent', 'agent-ann', '--url', cluster.url], dup.io)).toBe(1);
    expect(dup.err()).toMatch(/already exists/);

    const agent = new pg.Client({ connectionString: cluster.urlFor('agent-ann', password) });
    await agent.connect();
    try {
      const insert = (agentId: string, id: string) =>
        agent.query(
          `INSERT INTO tandem_events (id, at, type, agent_id, team, source, thread_id, payload)
           VALUES ($1, '2026-03-04T10:00:00Z', 'message_analyzed', $2, 't', 'paste', 'th', '{}')
           ON CONFLICT DO NOTHING`,
          [id, agentId],
        );
      await agent.query("SELECT tandem_ensure_month('2026-03-04T10:00:00Z')");
      await insert('agent-ann', '01HZY0000000000000000000A1');
      // The same event again is skipped, not an error and not a second row.
      await insert('agent-ann', '01HZY0000000000000000000A1');
      await expect(insert('agent-bob', '01HZY0000000000000000000A2')).rejects.toThrow(/row-level security/);
      await expect(agent.query('SELECT * FROM tandem_events')).rejects.toThrow(/permission denied/);
      await expect(agent.query('DELETE FROM tandem_events')).rejects.toThrow(/permission denied/);
      await expect(agent.query("UPDATE tandem_events SET team = 'x'")).rejects.toThrow(/permission denied/);
      await expect(agent.query('SELECT * FROM tandem_events_2026_03')).rejects.toThrow(/permission denied/);
    } finally {
      await agent.end();
    }
    const { rows } = await admin.query('SELECT id, agent_id FROM tandem_events');
    expect(rows).toEqual([{ id: '01HZY0000000000000000000A1', agent_id: 'agent-ann' }]);

    const sup = io();
    expect(await teamCommand(['add-supervisor', 'sup-sue', '--url', cluster.url], sup.io)).toBe(0);
    const supervisor = new pg.Client({
      connectionString: cluster.urlFor('sup-sue', sup.out().trim().split('\n').at(-1)!),
    });
    await supervisor.connect();
    try {
      const read = await supervisor.query('SELECT count(*)::int AS n FROM tandem_events');
      expect(read.rows[0].n).toBe(1);
      await expect(
        supervisor.query(
          `INSERT INTO tandem_events (id, at, type, agent_id, team, source, thread_id, payload)
           VALUES ('01HZY0000000000000000000A3', '2026-03-04T10:00:00Z', 'x', 'sup-sue', 't', 'paste', 'th', '{}')`,
        ),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await supervisor.end();
    }
  });

  it('refuses a wrong password with the server message', async () => {
    const bad = io();
    expect(await teamCommand(['version', '--url', cluster.urlFor('postgres', 'nope')], bad.io)).toBe(1);
    expect(bad.err()).toMatch(/password authentication failed/);
  });
});

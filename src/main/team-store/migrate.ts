import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { resolveResourcesDir } from '../resources-path';

/** One versioned SQL file from resources/team-store (`NNN_name.sql`). */
export interface TeamMigration {
  version: number;
  name: string;
  sql: string;
}

const FILE_RE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** Reads the shipped migrations, ordered; the SQL files are data so a DBA can review them before applying. */
export function loadTeamMigrations(
  dir: string = join(resolveResourcesDir(undefined, 'team-store'), 'team-store'),
): TeamMigration[] {
  const out: TeamMigration[] = [];
  for (const file of readdirSync(dir)) {
    const m = FILE_RE.exec(file);
    if (!m) continue;
    out.push({ version: Number(m[1]), name: m[2]!, sql: readFileSync(join(dir, file), 'utf8') });
  }
  out.sort((a, b) => a.version - b.version);
  out.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Team store migrations must be numbered 001, 002, … (found ${m.version}).`);
  });
  return out;
}

/** Thrown when the database was migrated by a newer Tandem: this build must not write into it. */
export class TeamSchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `The team store database has schema version ${found}, newer than this Tandem build knows (${known}). Update Tandem on this machine; nothing was changed.`,
    );
    this.name = 'TeamSchemaTooNewError';
  }
}

const VERSION_TABLE = 'tandem_schema_migrations';

/** Highest applied version, 0 on an empty database. */
export async function teamSchemaVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ reg: string | null }>(
    `SELECT to_regclass('${VERSION_TABLE}') AS reg`,
  );
  if (!rows[0]?.reg) return 0;
  const res = await client.query<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${VERSION_TABLE}`);
  return Number(res.rows[0]?.v ?? 0);
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so two
 * administrators running `team migrate` at once cannot interleave. Returns the versions applied.
 */
export async function migrateTeamStore(
  client: pg.ClientBase,
  migrations: readonly TeamMigration[] = loadTeamMigrations(),
): Promise<number[]> {
  const latest = migrations.at(-1)?.version ?? 0;
  await client.query('SELECT pg_advisory_lock(hashtext($1))', [VERSION_TABLE]);
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const current = await teamSchemaVersion(client);
    if (current > latest) throw new TeamSchemaTooNewError(current, latest);
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO ${VERSION_TABLE} (version, name) VALUES ($1, $2)`, [
          m.version,
          m.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Team store migration ${m.version} (${m.name}) failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [VERSION_TABLE]);
  }
}

/** The schema version this build creates and knows: the number of shipped migrations. */
export const TEAM_SCHEMA_VERSION = 4;

/**
 * The oldest build schema the database still accepts (`tandem_schema_compat`, from version 2), or
 * null when the database does not say (version 1: only builds that know its version may use it).
 */
export async function oldestCompatibleBuild(client: pg.ClientBase): Promise<number | null> {
  const { rows } = await client.query<{ reg: string | null }>(
    "SELECT to_regclass('tandem_schema_compat') AS reg",
  );
  if (!rows[0]?.reg) return null;
  const res = await client.query<{ v: number }>(
    'SELECT oldest_build_schema AS v FROM tandem_schema_compat WHERE id = 1',
  );
  return res.rows[0] ? Number(res.rows[0].v) : null;
}

/**
 * Refuses to ship into a database this build does not understand or that was never migrated; the
 * sender shows the message as its error status instead of failing row by row. A newer schema is
 * accepted when it declares itself compatible with this build's (additive migrations), so an
 * administrator can upgrade the server before every desktop is updated.
 */
export async function assertTeamSchemaCompatible(client: pg.ClientBase, known: number): Promise<void> {
  const found = await teamSchemaVersion(client).catch(() => -1);
  if (found > known) {
    const oldest = await oldestCompatibleBuild(client).catch(() => null);
    if (oldest === null || oldest > known) throw new TeamSchemaTooNewError(found, known);
  }
  if (found === 0)
    throw new Error('The team store database is not set up yet: run `team migrate` on it first.');
}

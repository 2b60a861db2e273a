import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/** Role names an administrator may type: they become PostgreSQL logins and the events' agent id. */
const ROLE_RE = /^[A-Za-z0-9_.@-]{1,63}$/;

export type TeamRoleKind = 'agent' | 'supervisor';

/**
 * Creates a login in `tandem_agent` or `tandem_supervisor` with a fresh random password, returned
 * once for the administrator to hand over; only its hash is kept by PostgreSQL. The agent's login
 * name is its agent id: row-level security compares the two.
 */
export async function createTeamLogin(
  client: pg.ClientBase,
  name: string,
  kind: TeamRoleKind,
): Promise<{ name: string; password: string }> {
  if (!ROLE_RE.test(name)) {
    throw new Error('Login names are 1–63 letters, digits, "_", ".", "@" or "-".');
  }
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
  if (exists.rowCount) throw new Error(`A role named "${name}" already exists.`);
  const password = randomBytes(18).toString('base64url');
  const group = kind === 'agent' ? 'tandem_agent' : 'tandem_supervisor';
  const { rows } = await client.query<{ stmt: string }>(
    `SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE ${group}', $1::text, $2::text) AS stmt`,
    [name, password],
  );
  await client.query(rows[0]!.stmt);
  return { name, password };
}

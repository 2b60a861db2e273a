import pg from 'pg';
import type { TeamConnectionTest } from '../../shared/contract/team';
import { redactUrl, teamClientConfig, type TeamConnectionOptions } from './connection';
import { assertTeamSchemaCompatible, loadTeamMigrations, teamSchemaVersion } from './migrate';
import { describeTeamError } from './team-errors';

/**
 * Words an agent or supervisor can act on for any failure talking to the team store (the sender's
 * wording, see {@link describeTeamError}), with the URL redacted if a message carries it.
 */
export function explainTeamError(error: unknown, url?: string): string {
  const reason = describeTeamError(error).reason;
  return url ? reason.replaceAll(url, redactUrl(url)) : reason;
}

/** What a login may do on the server, from its privileges (not from its name). */
async function accessOf(client: pg.Client): Promise<TeamConnectionTest['access']> {
  const { rows } = await client.query<{ sel: boolean; ins: boolean; sup: boolean }>(
    `SELECT has_table_privilege('tandem_events', 'SELECT') AS sel,
            has_table_privilege('tandem_events', 'INSERT') AS ins,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS sup`,
  );
  const r = rows[0]!;
  if (r.sup) return 'admin';
  if (r.sel) return 'supervisor';
  if (r.ins) return 'agent';
  return 'none';
}

/**
 * "Test connection" in Settings: connects with the given settings and the stored password, checks the
 * schema and what the login may do for this desktop's role, and reports in plain words. Nothing is
 * written. `schemaVersion` is the newest schema this build knows (its last shipped migration).
 */
export async function testTeamConnection(
  options: TeamConnectionOptions,
  purpose: 'ship' | 'read',
  schemaVersion = loadTeamMigrations().at(-1)?.version ?? 1,
): Promise<TeamConnectionTest> {
  const started = performance.now();
  const result = (ok: boolean, message: string, extra: Partial<TeamConnectionTest> = {}) => ({
    ok,
    message: message.slice(0, 1000),
    latencyMs: Math.round(performance.now() - started),
    access: null,
    schemaVersion: null,
    ...extra,
  });
  let config: pg.ClientConfig;
  try {
    config = teamClientConfig({ connectTimeoutMs: 8000, statementTimeoutMs: 8000, ...options });
  } catch (error) {
    return result(false, (error as Error).message);
  }
  if (!options.password) {
    return result(false, 'No password is set: enter the password your administrator gave you, then test.');
  }
  const client = new pg.Client(config);
  client.on('error', () => {});
  try {
    await client.connect();
    await assertTeamSchemaCompatible(client, schemaVersion);
    const version = await teamSchemaVersion(client);
    const access = await accessOf(client);
    const extra = { access, schemaVersion: version };
    const where = `${config.host}:${config.port}/${config.database ?? ''}`;
    if (purpose === 'ship' && access !== 'agent' && access !== 'admin') {
      return result(
        false,
        access === 'supervisor'
          ? `Connected to ${where}, but "${config.user}" is a supervisor login: it can read the team's events, not ship an agent's. Use your agent login.`
          : `Connected to ${where}, but "${config.user}" may not write events. Ask your administrator to run team add-agent.`,
        extra,
      );
    }
    if (purpose === 'read' && access !== 'supervisor' && access !== 'admin') {
      return result(
        false,
        `Connected to ${where}, but "${config.user}" may not read the team's events. Ask your administrator for a supervisor login (team add-supervisor).`,
        extra,
      );
    }
    return result(
      true,
      purpose === 'ship'
        ? `Connected to ${where} as "${config.user}": your events will be shipped (schema version ${version}).`
        : `Connected to ${where} as "${config.user}": the dashboard can read the team's events (schema version ${version}).`,
      extra,
    );
  } catch (error) {
    return result(false, explainTeamError(error, options.url));
  } finally {
    await client.end().catch(() => {});
  }
}

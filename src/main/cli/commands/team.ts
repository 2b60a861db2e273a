import { parseArgs } from 'node:util';
import pg from 'pg';
import { redactUrl, teamClientConfig } from '../../team-store/connection';
import { loadTeamMigrations, migrateTeamStore, teamSchemaVersion } from '../../team-store/migrate';
import { createTeamLogin } from '../../team-store/roles';
import type { CliCommand, CliIo } from '../io';

const USAGE = `Usage: npm run -s cli -- team <subcommand> --url postgres://ADMIN@HOST:PORT/DB

  migrate                 create or upgrade the team store schema and roles (idempotent)
  add-agent NAME          create an agent login (INSERT own events only); prints its one-time password
  add-supervisor NAME     create a supervisor login (reads every event); prints its one-time password
  version                 show the schema version of the database and of this build

The admin password may be in the URL or in the TANDEM_TEAM_PASSWORD environment variable.
TLS with a verified certificate is required unless the host is loopback.
`;

const OPTIONS = {
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function withClient<T>(url: string, io: CliIo, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const config = teamClientConfig({ url, password: io.env.TANDEM_TEAM_PASSWORD || undefined });
  const client = new pg.Client(config);
  // A server that drops the connection must become an error message, not an unhandled 'error' event.
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `team migrate|add-agent|add-supervisor|version`: what an administrator runs to set up the team store. */
export const teamCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [sub, ...rest] = parsed.positionals;
  if (parsed.values.help || !sub) {
    (sub ? io.stdout : io.stderr).write(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  const url = parsed.values.url ?? io.env.TANDEM_TEAM_URL;
  if (!url) {
    io.stderr.write(`team ${sub} needs --url postgres://…\n`);
    return 2;
  }
  try {
    switch (sub) {
      case 'migrate': {
        const applied = await withClient(url, io, (c) => migrateTeamStore(c));
        const latest = loadTeamMigrations().at(-1)?.version ?? 0;
        io.stdout.write(
          applied.length
            ? `Applied migration(s) ${applied.join(', ')} to ${redactUrl(url)}; schema is at version ${latest}.\n`
            : `Team store already at version ${latest}; nothing to do.\n`,
        );
        return 0;
      }
      case 'add-agent':
      case 'add-supervisor': {
        const name = rest[0];
        if (!name || rest.length > 1) {
          io.stderr.write(`team ${sub} needs exactly one NAME.\n`);
          return 2;
        }
        const kind = sub === 'add-agent' ? 'agent' : 'supervisor';
        const login = await withClient(url, io, (c) => createTeamLogin(c, name, kind));
        io.stdout.write(
          `Created ${kind} login "${login.name}".\nOne-time password (shown only now; give it to the ${kind} privately):\n${login.password}\n`,
        );
        return 0;
      }
      case 'version': {
        const found = await withClient(url, io, (c) => teamSchemaVersion(c));
        const latest = loadTeamMigrations().at(-1)?.version ?? 0;
        io.stdout.write(`Database schema version ${found}; this build knows up to ${latest}.\n`);
        return 0;
      }
      default:
        io.stderr.write(`Unknown team subcommand "${sub}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.stderr.write(`team ${sub}: ${(error as Error).message}\n`);
    return 1;
  }
};

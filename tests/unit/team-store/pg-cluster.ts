import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian's `postgresql` package puts the server binaries (the CI script installs it). */
export const PG_BIN = process.env.TANDEM_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why the PostgreSQL tests cannot run here, or null when they can: only missing binaries skip them. */
export function pgUnavailableReason(): string | null {
  for (const bin of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(PG_BIN, bin))) {
      return `PostgreSQL server binaries not found in ${PG_BIN} (install Debian's postgresql package)`;
    }
  }
  return null;
}

/** A throwaway PostgreSQL cluster on a random loopback port. */
export interface PgCluster {
  port: number;
  /** Superuser URL over TCP (password auth, like a real deployment). */
  url: string;
  /** URL for another login on the same database. */
  urlFor(user: string, password: string, database?: string): string;
  stop(): Promise<void>;
  /** Starts a stopped cluster again on the same port and data directory. */
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: every connection is dropped, the server is back when this resolves. */
  restart(): Promise<void>;
  /** Data directory (owned by the server's OS user). */
  dataDir: string;
  /** Runs a command as the server's OS user (root cannot own a cluster). */
  asServerUser(file: string, args: string[]): Promise<void>;
  /** Stops and deletes everything. */
  destroy(): Promise<void>;
}

const SUPERUSER_PASSWORD = 'fixture-superuser';

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** initdb refuses to run as root, so as root every server command runs as the `postgres` OS user. */
async function asServerUser(file: string, args: string[]): Promise<void> {
  if (isRoot()) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
  else await run(file, args);
}

/**
 * Starts a real cluster: trust on the local socket (fixture set-up only), scram passwords over TCP on
 * 127.0.0.1 so role and password behaviour is the one a team deployment has.
 */
export async function startPgCluster(
  options: {
    fsync?: boolean;
    /** Extra `postgres` options, e.g. `-c shared_buffers=1GB`. */ extra?: string;
  } = {},
): Promise<PgCluster> {
  const root = mkdtempSync(join(tmpdir(), 'tandem-pg-'));
  const data = join(root, 'data');
  const sock = join(root, 'sock');
  const pwfile = join(root, 'pw');
  await run('mkdir', ['-p', sock]);
  writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`);
  if (isRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    for (const p of [root, sock, pwfile]) chownSync(p, uid, uid);
  }
  await asServerUser(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const log = join(root, 'server.log');
  // fsync=off keeps test clusters fast; a bench that measures durability-sensitive figures passes fsync.
  const serverOptions = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=${options.fsync ? 'on' : 'off'} -c max_connections=300 ${options.extra ?? ''}`;
  const start = async (): Promise<void> => {
    await asServerUser(join(PG_BIN, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '30',
      'start',
      '-o',
      serverOptions,
    ]);
  };
  const restart = async (): Promise<void> => {
    await asServerUser(join(PG_BIN, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '30',
      '-m',
      'fast',
      'restart',
      '-o',
      serverOptions,
    ]);
  };
  const stop = async (): Promise<void> => {
    await asServerUser(join(PG_BIN, 'pg_ctl'), ['-D', data, '-w', '-m', 'fast', 'stop']).catch(() => {});
  };
  await start();
  const urlFor = (user: string, password: string, database = 'postgres'): string =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url: urlFor('postgres', SUPERUSER_PASSWORD),
    urlFor,
    start,
    stop,
    restart,
    dataDir: data,
    asServerUser,
    destroy: async () => {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { EventFilterSchema, type EventFilter } from '../../../shared/contract/supervisor';
import type { TandemEvent } from '../../../shared/domain/events';
import { isAppError } from '../../../shared/ipc/result';
import { formatMetrics } from '../../events/format-stats';
import { generateEvents } from '../../events/generate';
import { defaultEventDbPath } from '../../events/paths';
import { SqliteEventStore } from '../../events/sqlite/sqlite-event-store';
import type { EventStore } from '../../events/event-store';
import { redactUrl } from '../../team-store/connection';
import { PgEventStore } from '../../team-store/pg-event-store';
import { explainTeamError } from '../../team-store/team-connection-test';
import type { CliCommand, CliIo } from '../io';

const USAGE = `Usage: npm run -s cli -- events <subcommand> [options]

  import FILE…                       import JSONL exports (duplicates skipped, bad lines reported)
  stats [filters] [--json]           acceptance, edits, overrides, escalations (same as the dashboard)
  export --format jsonl|csv [--out FILE] [filters] [--live-only]
  generate --count N [--seed N] [--days N] [--agents N]   synthetic events for demos and benchmarks

Filters: --from DATE --to DATE --agent ID[,ID] --team NAME[,NAME] --intent NAME[,NAME] --tz MINUTES
Every subcommand takes --db PATH (default: the app's store in the user-data folder).
stats and export take --team-url postgres://LOGIN@HOST:PORT/DB instead, to read the shared team store
(a supervisor login; the password in TANDEM_TEAM_PASSWORD; TLS required unless the host is loopback).
`;

const OPTIONS = {
  db: { type: 'string' },
  'team-url': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  agent: { type: 'string', multiple: true },
  team: { type: 'string', multiple: true },
  intent: { type: 'string', multiple: true },
  tz: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  'live-only': { type: 'boolean' },
  count: { type: 'string' },
  seed: { type: 'string' },
  days: { type: 'string' },
  agents: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class UsageError extends Error {}

const list = (values: string[] | undefined): string[] | undefined =>
  values
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

function filterFrom(v: Values): EventFilter {
  const filter = {
    from: v.from,
    to: v.to,
    agentIds: list(v.agent),
    teams: list(v.team),
    intents: list(v.intent),
    tzOffsetMinutes: intOption(v.tz, 'tz', 0, -840, 840),
  };
  const parsed = EventFilterSchema.safeParse(filter);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? 'filter')}: ${issue?.message ?? 'invalid'}`);
  }
  return filter;
}

async function runImport(store: SqliteEventStore, files: string[], io: CliIo): Promise<number> {
  if (files.length === 0) throw new UsageError('events import needs at least one FILE.');
  const result = await store.importJsonl(files);
  for (const e of result.errors) io.stderr.write(`${e.file}:${e.line}: ${e.message}\n`);
  if (result.errorCount > result.errors.length) {
    io.stderr.write(`… and ${result.errorCount - result.errors.length} more malformed lines\n`);
  }
  io.stdout.write(
    `Imported ${result.imported} events; ${result.duplicates} duplicates skipped; ${result.errorCount} malformed lines.\n`,
  );
  return result.errorCount > 0 ? 1 : 0;
}

async function runStats(store: EventStore, v: Values, io: CliIo): Promise<number> {
  const metrics = await store.getMetrics(filterFrom(v));
  io.stdout.write(v.json ? `${JSON.stringify(metrics, null, 2)}\n` : formatMetrics(metrics));
  return 0;
}

async function runExport(store: EventStore, v: Values, io: CliIo): Promise<number> {
  const format = v.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format must be jsonl or csv.');
  const options = { includeReplay: !v['live-only'] };
  if (!v.out) {
    await store.exportTo(io.stdout, filterFrom(v), format, options);
    return 0;
  }
  const out = createWriteStream(v.out, { flags: 'wx' });
  await once(out, 'open');
  const count = await store.exportTo(out, filterFrom(v), format, options);
  out.end();
  await once(out, 'finish');
  io.stderr.write(`Exported ${count} events to ${v.out}\n`);
  return 0;
}

async function runGenerate(store: SqliteEventStore, v: Values, io: CliIo): Promise<number> {
  const count = intOption(v.count, 'count', 0, 1, 50_000_000);
  if (v.count === undefined) throw new UsageError('events generate needs --count N.');
  const days = intOption(v.days, 'days', 30, 1, 3650);
  const end = new Date();
  const started = performance.now();
  let batch: TandemEvent[] = [];
  let inserted = 0;
  for (const event of generateEvents({
    count,
    seed: intOption(v.seed, 'seed', 42, 0, 2 ** 31),
    agents: intOption(v.agents, 'agents', 40, 1, 10_000),
    start: new Date(end.getTime() - days * 86_400_000),
    end,
  })) {
    batch.push(event);
    if (batch.length === 10_000) {
      inserted += (await store.insertBatch(batch)).inserted;
      batch = [];
    }
  }
  if (batch.length) inserted += (await store.insertBatch(batch)).inserted;
  const secs = (performance.now() - started) / 1000;
  io.stdout.write(
    `Generated ${inserted} events over ${days} days in ${secs.toFixed(1)} s (${Math.round(inserted / secs)} events/s).\n`,
  );
  return 0;
}

function reportError(sub: string, error: unknown, io: CliIo, explain?: (e: unknown) => string): number {
  if (error instanceof UsageError) {
    io.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const message =
    isAppError(error) || !explain ? (error instanceof Error ? error.message : String(error)) : explain(error);
  io.stderr.write(`events ${sub}: ${message}\n`);
  return 1;
}

/**
 * `stats` and `export` over the team store: the same metrics and export code as the local store and
 * the dashboard (PgEventStore implements the same interface), read with a supervisor login.
 */
async function runOnTeamStore(sub: string, url: string, v: Values, io: CliIo): Promise<number> {
  if (sub !== 'stats' && sub !== 'export') {
    io.stderr.write(
      `events ${sub} works on this computer's store only; the team store is filled by the agents' desktops.\n`,
    );
    return 2;
  }
  if (v.db !== undefined) {
    io.stderr.write('Give either --db or --team-url, not both.\n');
    return 2;
  }
  let store: PgEventStore | undefined;
  try {
    const password = io.env.TANDEM_TEAM_PASSWORD || undefined;
    store = new PgEventStore({ url, ...(password ? { password } : {}) });
    return sub === 'stats' ? await runStats(store, v, io) : await runExport(store, v, io);
  } catch (error) {
    return reportError(sub, error, io, (e) => `${redactUrl(url)}: ${explainTeamError(e, url)}`);
  } finally {
    await store?.close();
  }
}

/** `events import|stats|export|generate`: the dashboard's store and metrics from the command line. */
export const eventsCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [sub, ...rest] = parsed.positionals;
  if (parsed.values.help || !sub) {
    io.stdout.write(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  const run = { import: true, stats: true, export: true, generate: true } as Record<string, boolean>;
  if (!run[sub]) {
    io.stderr.write(`Unknown events subcommand "${sub}".\n\n${USAGE}`);
    return 2;
  }
  const teamUrl = parsed.values['team-url'];
  if (teamUrl !== undefined) return runOnTeamStore(sub, teamUrl, parsed.values, io);
  let store: SqliteEventStore | undefined;
  try {
    store = SqliteEventStore.open(parsed.values.db ?? defaultEventDbPath(io.env));
    for (const notice of store.notices) io.stderr.write(`${notice.level}: ${notice.message}\n`);
    if (sub === 'import') return await runImport(store, rest, io);
    if (sub === 'stats') return await runStats(store, parsed.values, io);
    if (sub === 'export') return await runExport(store, parsed.values, io);
    return await runGenerate(store, parsed.values, io);
  } catch (error) {
    return reportError(sub, error, io);
  } finally {
    await store?.close();
  }
};

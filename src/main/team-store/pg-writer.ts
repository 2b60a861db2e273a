import type pg from 'pg';
import { TandemEventSchema, type TandemEvent } from '../../shared/domain/events';

const COLUMNS = [
  ['id', 'text'],
  ['at', 'timestamptz'],
  ['type', 'text'],
  ['agent_id', 'text'],
  ['team', 'text'],
  ['source', 'text'],
  ['thread_id', 'text'],
  ['ticket_id', 'text'],
  ['intent', 'text'],
  ['suggestion_id', 'text'],
  ['suggestion_source', 'text'],
  ['model', 'text'],
  ['verdict', 'text'],
  ['accept_kind', 'text'],
  ['edit_distance', 'float8'],
  ['ms_to_accept', 'int4'],
  ['payload', 'jsonb'],
] as const;

/**
 * One statement per batch with one array parameter per column (`unnest`): the server parses a
 * fixed-size statement whatever the batch size, which is what lets one sender reach tens of thousands
 * of events per second. No conflict target: agents have no SELECT, which a named target would need;
 * the primary key (id, at) is the only unique index, so a resent event is skipped.
 */
const INSERT_SQL = `INSERT INTO tandem_events (${COLUMNS.map((c) => c[0]).join(', ')})
SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${c[1]}[]`).join(', ')})
ON CONFLICT DO NOTHING`;

const field = (event: TandemEvent, key: string): unknown =>
  (event as unknown as Record<string, unknown>)[key];

/** The columns of one event, lifted out of its JSON like the local store does. */
function row(event: TandemEvent, payload: string): unknown[] {
  return [
    event.id,
    event.at,
    event.type,
    event.agentId,
    event.team,
    event.source,
    event.threadId,
    event.ticketId ?? null,
    event.intent ?? null,
    event.suggestionId ?? null,
    event.suggestionSource ?? null,
    event.model ?? null,
    event.verdict ?? null,
    field(event, 'acceptKind') ?? null,
    field(event, 'editDistance') ?? null,
    field(event, 'msToAccept') ?? null,
    payload,
  ];
}

/** UTC month starts (ISO) a batch touches, for creating partitions before the insert. */
export function monthsOf(events: readonly TandemEvent[]): string[] {
  const months = new Set<string>();
  for (const e of events) {
    const d = new Date(e.at);
    months.add(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString());
  }
  return [...months];
}

/** Parses queued payloads; an entry that no longer validates is reported, not sent (it would be refused anyway). */
export function parsePayloads(payloads: readonly string[]): { events: TandemEvent[]; invalid: number[] } {
  const events: TandemEvent[] = [];
  const invalid: number[] = [];
  payloads.forEach((p, i) => {
    try {
      const parsed = TandemEventSchema.safeParse(JSON.parse(p));
      if (parsed.success) events.push(parsed.data);
      else invalid.push(i);
    } catch {
      invalid.push(i);
    }
  });
  return { events, invalid };
}

/**
 * Writes a batch into the team store: makes sure each month's partition exists (cached per
 * connection), then one idempotent insert. Returns how many rows were new.
 */
export async function insertTeamEvents(
  client: pg.ClientBase,
  events: readonly TandemEvent[],
  knownMonths: Set<string>,
): Promise<number> {
  if (events.length === 0) return 0;
  const missing = monthsOf(events).filter((m) => !knownMonths.has(m));
  if (missing.length > 0) {
    await client.query('SELECT tandem_ensure_month(m) FROM unnest($1::timestamptz[]) AS m', [missing]);
    for (const m of missing) knownMonths.add(m);
  }
  const columns: unknown[][] = COLUMNS.map(() => new Array<unknown>(events.length));
  events.forEach((event, i) => {
    const values = row(event, JSON.stringify(event));
    values.forEach((v, c) => (columns[c]![i] = v));
  });
  const result = await client.query(INSERT_SQL, columns);
  return result.rowCount ?? 0;
}

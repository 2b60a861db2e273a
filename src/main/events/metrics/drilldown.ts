import {
  EventListQuerySchema,
  type EventFilter,
  type EventListQuery,
  type EventPage,
} from '../../../shared/contract/supervisor';
import { TandemEventSchema, type TandemEvent } from '../../../shared/domain/events';
import { AppError } from '../../../shared/ipc/result';
import { resolveFilter, type ResolvedFilter } from './filter';
import type { EventDb } from './queries';

function filteredEvents(db: EventDb, f: ResolvedFilter, includeReplay: boolean) {
  return db
    .selectFrom('events')
    .$if(f.fromMs !== null, (qb) => qb.where('at_ms', '>=', f.fromMs as number))
    .$if(f.toMs !== null, (qb) => qb.where('at_ms', '<', f.toMs as number))
    .$if(!includeReplay, (qb) => qb.where('source', '<>', 'replay'))
    .$if(f.agentIds !== null, (qb) => qb.where('agent_id', 'in', f.agentIds as string[]))
    .$if(f.teams !== null, (qb) => qb.where('team', 'in', f.teams as string[]))
    .$if(f.intents !== null, (qb) => qb.where('intent', 'in', f.intents as string[]));
}

/** Payloads were validated on the way in; re-parsing keeps a hand-edited database from reaching the UI. */
function parsePayload(payload: string): TandemEvent | null {
  try {
    const parsed = TandemEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const CURSOR_RE = /^(\d{1,15}):([0-9A-Z]{26})$/;

/**
 * Drill-down to single events, newest first, with the redacted suggestion and sent text. The cursor is
 * the last row's (time, id), so paging stays stable while new events keep arriving at the top.
 */
export async function listEvents(
  db: EventDb,
  input: EventFilter,
  queryInput: EventListQuery = {},
): Promise<EventPage> {
  const f = resolveFilter(input);
  const query = EventListQuerySchema.parse(queryInput);
  let cursor: { atMs: number; id: string } | null = null;
  if (query.cursor !== undefined) {
    const m = CURSOR_RE.exec(query.cursor);
    if (!m) throw new AppError('invalid_payload', 'That page cursor is not valid; reload the list.');
    cursor = { atMs: Number(m[1]), id: m[2]! };
  }
  const rows = await filteredEvents(db, f, query.includeReplay)
    .$if(query.types !== undefined && query.types.length > 0, (qb) => qb.where('type', 'in', query.types!))
    .$if(cursor !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('at_ms', '<', cursor!.atMs),
          eb.and([eb('at_ms', '=', cursor!.atMs), eb('id', '<', cursor!.id)]),
        ]),
      ),
    )
    .select(['id', 'at_ms', 'payload'])
    .orderBy('at_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    events: page.map((r) => parsePayload(r.payload)).filter((e): e is TandemEvent => e !== null),
    nextCursor: rows.length > query.limit && last ? `${Number(last.at_ms)}:${last.id}` : null,
  };
}

/**
 * Every matching event, oldest first (by insertion), read in keyset pages of `pageSize` so an export
 * of millions never holds the connection or the whole result in memory.
 */
export async function* iterateEvents(
  db: EventDb,
  input: EventFilter,
  options: { includeReplay?: boolean; pageSize?: number } = {},
): AsyncGenerator<TandemEvent> {
  const f = resolveFilter(input);
  const pageSize = options.pageSize ?? 5000;
  let after = 0;
  for (;;) {
    const rows = await filteredEvents(db, f, options.includeReplay ?? true)
      .where('seq', '>', after)
      .select(['seq', 'payload'])
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const event = parsePayload(row.payload);
      if (event) yield event;
    }
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { TandemEvent } from '../../../shared/domain/events';
import { editBucket, msBucket } from '../metrics/buckets';
import { ROLLUP_COUNTERS, type DimensionName, type LabelKind, type RollupCounter } from './schema';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Groups free-text override reasons that differ only by case, spacing or trailing punctuation. */
export function normalizeReason(reason: string): string {
  return reason
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '')
    .toLowerCase()
    .slice(0, 100);
}

type Counters = Record<RollupCounter, number>;
const zeroCounters = (): Counters => Object.fromEntries(ROLLUP_COUNTERS.map((c) => [c, 0])) as Counters;

/** What one live event adds to its rollup rows. */
function countersFor(event: TandemEvent): Partial<Counters> | null {
  switch (event.type) {
    case 'message_analyzed':
      return { messages: 1 };
    case 'suggestion_shown':
      return { shown: 1, shown_blocked: event.verdict === 'block' ? 1 : 0 };
    case 'suggestion_accepted':
      return {
        accepted_as_is: event.acceptKind === 'asIs' ? 1 : 0,
        accepted_edited: event.acceptKind === 'edited' ? 1 : 0,
        edit_sum: event.editDistance,
        accept_ms_sum: event.msToAccept,
      };
    case 'suggestion_rejected':
      return { rejected: 1 };
    case 'policy_override':
      return { overrides: 1 };
    case 'escalated':
      return { escalations: 1 };
    case 'draft_checked':
      return { drafts_checked: 1, drafts_blocked: event.verdict === 'block' ? 1 : 0 };
    default:
      return null;
  }
}

function labelsFor(event: TandemEvent): Array<[LabelKind, string]> {
  switch (event.type) {
    case 'suggestion_shown':
      return (event.ruleIds ?? []).map((r) => ['rule_shown', r]);
    case 'draft_checked':
      return (event.ruleIds ?? []).map((r) => ['rule_draft', r]);
    case 'policy_override':
      return [
        ...event.ruleIds.map((r): [LabelKind, string] => ['rule_override', r]),
        ['override_reason', normalizeReason(event.reason)],
      ];
    case 'escalated':
      return [
        ...event.reasonCodes.map((r): [LabelKind, string] => ['escalation_reason', r]),
        ['escalation_path', event.path],
      ];
    default:
      return [];
  }
}

const field = (event: TandemEvent, key: string): unknown =>
  (event as unknown as Record<string, unknown>)[key];

/** Sums counters per key within one batch, so each rollup row is written once per transaction. */
class CounterMap {
  private readonly rows = new Map<string, { key: (string | number)[]; counters: Counters }>();
  add(key: (string | number)[], counters: Partial<Counters>): void {
    const id = key.join('\u0000');
    let entry = this.rows.get(id);
    if (!entry) this.rows.set(id, (entry = { key, counters: zeroCounters() }));
    for (const name of Object.keys(counters) as RollupCounter[]) entry.counters[name] += counters[name] ?? 0;
  }
  flush(stmt: StatementSync): void {
    for (const { key, counters } of this.rows.values()) {
      stmt.run(...key, ...ROLLUP_COUNTERS.map((c) => counters[c]));
    }
  }
}

function upsertCounters(db: DatabaseSync, table: string, keys: string[]): StatementSync {
  const cols = [...keys, ...ROLLUP_COUNTERS];
  const sets = ROLLUP_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
  return db.prepare(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${sets}`,
  );
}

/**
 * The SQLite write path: raw prepared statements on the store's own connection (the hot path; the
 * metric queries go through Kysely). One call = one transaction: the events and every rollup, label and
 * thread row derived from them commit together or not at all, so aggregates never drift from events.
 */
export class EventWriter {
  private readonly insertEvent: StatementSync;
  private readonly upsertHourly: StatementSync;
  private readonly upsertTeamHourly: StatementSync;
  private readonly upsertDimDaily: StatementSync;
  private readonly upsertHist: StatementSync;
  private readonly upsertIntentHourly: StatementSync;
  private readonly upsertIntentDaily: StatementSync;
  private readonly upsertHistIntent: StatementSync;
  private readonly insertLabel: StatementSync;
  private readonly insertAccepted: StatementSync;
  private readonly upsertLabelDaily: StatementSync;
  private readonly upsertThread: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.insertEvent = db.prepare(
      `INSERT INTO events (id, type, at, at_ms, agent_id, team, source, thread_id, ticket_id, intent, suggestion_id,
        suggestion_source, model, verdict, accept_kind, edit_distance, ms_to_accept, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.upsertHourly = upsertCounters(db, 'rollup_hourly', [
      'hour',
      'agent_id',
      'team',
      'intent',
      'suggestion_source',
      'model',
    ]);
    this.upsertTeamHourly = upsertCounters(db, 'rollup_team_hourly', ['hour', 'team']);
    this.upsertDimDaily = upsertCounters(db, 'rollup_dim_daily', ['dim', 'day', 'team', 'value']);
    this.upsertHist = db.prepare(
      `INSERT INTO hist_daily (metric, day, team, bucket, count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (metric, day, team, bucket) DO UPDATE SET count = count + excluded.count`,
    );
    this.upsertIntentHourly = upsertCounters(db, 'rollup_intent_hourly', ['intent', 'hour', 'team']);
    this.upsertIntentDaily = upsertCounters(db, 'rollup_intent_daily', [
      'intent',
      'dim',
      'day',
      'team',
      'value',
    ]);
    this.upsertHistIntent = db.prepare(
      `INSERT INTO hist_intent_daily (intent, metric, day, team, bucket, count) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (intent, metric, day, team, bucket) DO UPDATE SET count = count + excluded.count`,
    );
    this.insertAccepted = db.prepare(
      `INSERT INTO accepted (event_id, at_ms, agent_id, team, intent, edited, edit_distance, ms_to_accept)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertLabel = db.prepare(
      'INSERT INTO event_labels (event_id, kind, label, at_ms, agent_id, team, intent) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.upsertLabelDaily = db.prepare(
      `INSERT INTO rollup_labels_daily (day, team, kind, label, count) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, team, kind, label) DO UPDATE SET count = count + excluded.count`,
    );
    this.upsertThread = db.prepare(
      `INSERT INTO threads (agent_id, thread_id, team, intent, first_at_ms, last_at_ms, messages, shown)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (agent_id, thread_id) DO UPDATE SET
         first_at_ms = MIN(first_at_ms, excluded.first_at_ms), last_at_ms = MAX(last_at_ms, excluded.last_at_ms),
         messages = messages + excluded.messages, shown = shown + excluded.shown`,
    );
  }

  /** Writes the batch in one transaction; returns the ids actually inserted (duplicates skipped). */
  write(events: readonly TandemEvent[]): string[] {
    const inserted: string[] = [];
    const hourly = new CounterMap();
    const teamHourly = new CounterMap();
    const dimDaily = new CounterMap();
    const intentHourly = new CounterMap();
    const intentDaily = new CounterMap();
    const histIntent = new Map<string, [string, string, number, string, number, number]>();
    const hist = new Map<string, [string, number, string, number, number]>();
    const labelDaily = new Map<string, [number, string, string, string, number]>();
    const threads = new Map<string, [string, string, string, string, number, number, number, number]>();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const event of events) {
        const atMs = Date.parse(event.at);
        const changes = this.insertEvent.run(
          event.id,
          event.type,
          event.at,
          atMs,
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
          (field(event, 'acceptKind') as string | undefined) ?? null,
          (field(event, 'editDistance') as number | undefined) ?? null,
          (field(event, 'msToAccept') as number | undefined) ?? null,
          JSON.stringify(event),
        ).changes;
        if (Number(changes) === 0) continue;
        inserted.push(event.id);
        if (event.source === 'replay') continue;
        const counters = countersFor(event);
        if (!counters) continue;
        const hour = Math.floor(atMs / HOUR_MS);
        const day = Math.floor(atMs / DAY_MS);
        const intent = event.intent ?? '';
        const ssrc = event.suggestionSource ?? '';
        const model = event.model ?? '';
        hourly.add([hour, event.agentId, event.team, intent, ssrc, model], counters);
        teamHourly.add([hour, event.team], counters);
        const dims: Array<[DimensionName, string]> = [
          ['agent', event.agentId],
          ['intent', intent],
          ['ssrc', ssrc],
          ['model', model],
        ];
        for (const [dim, value] of dims) dimDaily.add([dim, day, event.team, value], counters);
        intentHourly.add([intent, hour, event.team], counters);
        for (const [dim, value] of [...dims, ['team', event.team] as const]) {
          intentDaily.add([intent, dim, day, event.team, value], counters);
        }
        if (event.type === 'suggestion_accepted') {
          this.insertAccepted.run(
            event.id,
            atMs,
            event.agentId,
            event.team,
            intent,
            event.acceptKind === 'edited' ? 1 : 0,
            event.editDistance,
            event.msToAccept,
          );
          for (const [metric, bucket] of [
            ['edit', editBucket(event.editDistance)],
            ['ms', msBucket(event.msToAccept)],
          ] as const) {
            const key = `${metric}|${day}|${event.team}|${bucket}`;
            const row = hist.get(key);
            if (row) row[4] += 1;
            else hist.set(key, [metric, day, event.team, bucket, 1]);
            const intentKey = `${intent}|${key}`;
            const intentRow = histIntent.get(intentKey);
            if (intentRow) intentRow[5] += 1;
            else histIntent.set(intentKey, [intent, metric, day, event.team, bucket, 1]);
          }
        }
        for (const [kind, label] of labelsFor(event)) {
          this.insertLabel.run(event.id, kind, label, atMs, event.agentId, event.team, intent);
          const key = `${day}\u0000${event.team}\u0000${kind}\u0000${label}`;
          const row = labelDaily.get(key);
          if (row) row[4] += 1;
          else labelDaily.set(key, [day, event.team, kind, label, 1]);
        }
        if (event.type === 'message_analyzed' || event.type === 'suggestion_shown') {
          const key = `${event.agentId}\u0000${event.threadId}`;
          const isMessage = event.type === 'message_analyzed' ? 1 : 0;
          const row = threads.get(key);
          if (row) {
            row[4] = Math.min(row[4], atMs);
            row[5] = Math.max(row[5], atMs);
            row[6] += isMessage;
            row[7] += 1 - isMessage;
          } else {
            threads.set(key, [
              event.agentId,
              event.threadId,
              event.team,
              intent,
              atMs,
              atMs,
              isMessage,
              1 - isMessage,
            ]);
          }
        }
      }
      hourly.flush(this.upsertHourly);
      teamHourly.flush(this.upsertTeamHourly);
      dimDaily.flush(this.upsertDimDaily);
      for (const row of hist.values()) this.upsertHist.run(...row);
      intentHourly.flush(this.upsertIntentHourly);
      intentDaily.flush(this.upsertIntentDaily);
      for (const row of histIntent.values()) this.upsertHistIntent.run(...row);
      for (const row of labelDaily.values()) this.upsertLabelDaily.run(...row);
      for (const row of threads.values()) this.upsertThread.run(...row);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return inserted;
  }
}

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { TandemEvent } from '../../../shared/domain/events';
import { ROLLUP_COUNTERS, type LabelKind, type RollupCounter } from './schema';

const HOUR_MS = 3_600_000;

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

/** What one live event adds to its hour's rollup row. */
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

const field = <K extends string>(event: TandemEvent, key: K): unknown =>
  (event as unknown as Record<string, unknown>)[key];

/**
 * The SQLite write path: raw prepared statements on the store's own connection (the hot path of the
 * store; the metric queries go through Kysely). One call = one transaction: the events, their rollup
 * counters, labels and thread counts commit together or not at all, so aggregates never drift from the
 * events they summarize.
 */
export class EventWriter {
  private readonly insertEvent: StatementSync;
  private readonly upsertRollup: StatementSync;
  private readonly insertLabel: StatementSync;
  private readonly upsertThread: StatementSync;

  constructor(private readonly db: DatabaseSync) {
    this.insertEvent = db.prepare(
      `INSERT INTO events (id, type, at, at_ms, agent_id, team, source, thread_id, ticket_id, intent, suggestion_id,
        suggestion_source, model, verdict, accept_kind, edit_distance, ms_to_accept, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    const cols = ROLLUP_COUNTERS.join(', ');
    const marks = ROLLUP_COUNTERS.map(() => '?').join(', ');
    const sets = ROLLUP_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
    this.upsertRollup = db.prepare(
      `INSERT INTO rollup_hourly (hour, agent_id, team, intent, suggestion_source, model, ${cols})
       VALUES (?, ?, ?, ?, ?, ?, ${marks})
       ON CONFLICT (hour, agent_id, team, intent, suggestion_source, model) DO UPDATE SET ${sets}`,
    );
    this.insertLabel = db.prepare(
      'INSERT INTO event_labels (event_id, kind, label, at_ms, agent_id, team, intent) VALUES (?, ?, ?, ?, ?, ?, ?)',
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
    const rollups = new Map<string, { key: (string | number)[]; counters: Counters }>();
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
        const intent = event.intent ?? '';
        const key = [
          Math.floor(atMs / HOUR_MS),
          event.agentId,
          event.team,
          intent,
          event.suggestionSource ?? '',
          event.model ?? '',
        ];
        const mapKey = JSON.stringify(key);
        let entry = rollups.get(mapKey);
        if (!entry) rollups.set(mapKey, (entry = { key, counters: zeroCounters() }));
        for (const [name, value] of Object.entries(counters) as [RollupCounter, number][]) {
          entry.counters[name] += value;
        }
        for (const [kind, label] of labelsFor(event)) {
          this.insertLabel.run(event.id, kind, label, atMs, event.agentId, event.team, intent);
        }
        if (event.type === 'message_analyzed' || event.type === 'suggestion_shown') {
          const isMessage = event.type === 'message_analyzed' ? 1 : 0;
          this.upsertThread.run(
            event.agentId,
            event.threadId,
            event.team,
            intent,
            atMs,
            atMs,
            isMessage,
            1 - isMessage,
          );
        }
      }
      for (const { key, counters } of rollups.values()) {
        this.upsertRollup.run(...key, ...ROLLUP_COUNTERS.map((c) => counters[c]));
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
    return inserted;
  }
}

import { ulid } from 'ulidx';
import type { SessionScore, TurnScore } from '../../shared/domain/cases';
import type { TandemEvent, TandemEventOf } from '../../shared/domain/events';
import type { EventStore } from '../events/event-store';

/** Who and what a replay event is about; the trainee is stored as the event's agent. */
export interface ReplayIdentity {
  sessionId: string;
  caseId: string;
  trainee: string;
  team: string;
}

const clampMs = (ms: number): number => Math.max(0, Math.min(86_400_000, Math.round(ms)));

/** A scored turn as a record event (source "replay", so live acceptance metrics leave it out). */
export function turnScoredEvent(
  who: ReplayIdentity,
  score: TurnScore,
  intent: string | undefined,
  now = new Date(),
): TandemEventOf<'replay_turn_scored'> {
  return {
    id: ulid(now.getTime()),
    at: now.toISOString(),
    agentId: who.trainee,
    team: who.team,
    source: 'replay',
    threadId: who.sessionId,
    type: 'replay_turn_scored',
    caseId: who.caseId,
    sessionId: who.sessionId,
    turn: score.turn,
    score: score.score / 100,
    verdict: score.verdict,
    ruleIds: [...new Set(score.findings.map((f) => f.rule.slice(0, 100)))].slice(0, 50),
    ...(intent ? { intent: intent.slice(0, 100) } : {}),
    ...(score.timeToReplyMs !== null ? { msToAnswer: clampMs(score.timeToReplyMs) } : {}),
  };
}

export function sessionCompletedEvent(
  who: ReplayIdentity,
  score: SessionScore,
  durationMs: number,
  now = new Date(),
): TandemEventOf<'replay_session_completed'> {
  return {
    id: ulid(now.getTime()),
    at: now.toISOString(),
    agentId: who.trainee,
    team: who.team,
    source: 'replay',
    threadId: who.sessionId,
    type: 'replay_session_completed',
    caseId: who.caseId,
    sessionId: who.sessionId,
    turns: score.turns.length,
    score: score.overall / 100,
    durationMs: clampMs(durationMs),
  };
}

/** One line of the results export; scores in 0..100 as the trainer reads them on screen. */
export interface ReplayResultRow {
  at: string;
  trainee: string;
  team: string;
  caseId: string;
  sessionId: string;
  kind: 'turn' | 'session';
  turn: number | null;
  score: number;
  verdict: string;
  rules: string;
  intent: string;
  msToAnswer: number | null;
  turns: number | null;
  durationMs: number | null;
}

const REPLAY_TYPES = ['replay_turn_scored', 'replay_session_completed'] as const;

function toRow(e: TandemEvent): ReplayResultRow | null {
  const common = {
    at: e.at,
    trainee: e.agentId,
    team: e.team,
    verdict: e.verdict ?? '',
    intent: e.intent ?? '',
  };
  const rules = (e.ruleIds ?? []).join(' ');
  if (e.type === 'replay_turn_scored') {
    return {
      ...common,
      caseId: e.caseId,
      sessionId: e.sessionId,
      kind: 'turn',
      turn: e.turn,
      score: Math.round(e.score * 1000) / 10,
      rules,
      msToAnswer: e.msToAnswer ?? null,
      turns: null,
      durationMs: null,
    };
  }
  if (e.type === 'replay_session_completed') {
    return {
      ...common,
      caseId: e.caseId,
      sessionId: e.sessionId,
      kind: 'session',
      turn: null,
      score: Math.round(e.score * 1000) / 10,
      rules,
      msToAnswer: null,
      turns: e.turns,
      durationMs: e.durationMs,
    };
  }
  return null;
}

/** Reads the replay results from the record, per trainee and/or per case, oldest first. */
export async function readReplayResults(
  store: Pick<EventStore, 'iterateEvents'>,
  filter: { trainee?: string; caseId?: string },
): Promise<ReplayResultRow[]> {
  const rows: ReplayResultRow[] = [];
  const events = store.iterateEvents(filter.trainee ? { agentIds: [filter.trainee] } : {}, {
    includeReplay: true,
  });
  for await (const e of events) {
    if (e.source !== 'replay' || !(REPLAY_TYPES as readonly string[]).includes(e.type)) continue;
    const row = toRow(e);
    if (row && (!filter.caseId || row.caseId === filter.caseId)) rows.push(row);
  }
  return rows;
}

const COLUMNS: readonly (keyof ReplayResultRow)[] = [
  'at',
  'trainee',
  'team',
  'caseId',
  'sessionId',
  'kind',
  'turn',
  'score',
  'verdict',
  'rules',
  'intent',
  'msToAnswer',
  'turns',
  'durationMs',
];

/**
 * RFC 4180 quoting; a cell starting with = + - @ gets a leading apostrophe so a spreadsheet never runs
 * a trainee name as a formula.
 */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatReplayResults(rows: readonly ReplayResultRow[], format: 'csv' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

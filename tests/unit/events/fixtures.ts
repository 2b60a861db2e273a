import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ulid } from 'ulidx';
import { seededRandom } from '../../../src/main/events/generate';
import type { TandemEvent } from '../../../src/shared/domain/events';

/** A temp folder removed after the test. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-events-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

type Draft = Omit<TandemEvent, 'id'> & { id?: string };

/** Gives each event a ULID whose time part matches its `at`; the same drafts always get the same ids. */
export function withIds(drafts: Draft[]): TandemEvent[] {
  const random = seededRandom(7);
  return drafts.map((d) => ({ ...d, id: d.id ?? ulid(Date.parse(d.at), random) }) as TandemEvent);
}

const a1 = { agentId: 'a1', team: 'T1', source: 'clipboard' as const, threadId: 'th1', intent: 'refund' };
const a2m3 = {
  agentId: 'a2',
  team: 'T2',
  source: 'ticket' as const,
  threadId: 'th2',
  intent: 'order_status',
};
const a2m4 = { agentId: 'a2', team: 'T2', source: 'paste' as const, threadId: 'th3', intent: 'order_status' };

/**
 * The hand-made set the metric tests compute their expectations from (see metrics.test.ts for the
 * arithmetic). Four messages by two agents over two days, plus two replay events that live metrics
 * must ignore.
 */
export function handMadeEvents(): TandemEvent[] {
  return withIds([
    // m1 — a1, 2026-11-02 09:00Z: two shown (one LLM draft blocked), offline one accepted as is.
    {
      ...a1,
      type: 'message_analyzed',
      at: '2026-11-02T09:00:00.000Z',
      messageId: 'm1',
      latencies: { analyzeMs: 12 },
    },
    {
      ...a1,
      type: 'suggestion_shown',
      at: '2026-11-02T09:00:01.000Z',
      suggestionId: 's1',
      suggestionSource: 'offline',
      verdict: 'pass',
    },
    {
      ...a1,
      type: 'suggestion_shown',
      at: '2026-11-02T09:00:01.000Z',
      suggestionId: 's2',
      suggestionSource: 'llm',
      model: 'gpt-4o-mini',
      verdict: 'block',
      ruleIds: ['no_refund_guarantee'],
    },
    {
      ...a1,
      type: 'suggestion_accepted',
      at: '2026-11-02T09:00:05.000Z',
      suggestionId: 's1',
      suggestionSource: 'offline',
      acceptKind: 'asIs',
      editDistance: 0,
      msToAccept: 4000,
      delivery: 'clipboard',
      suggestionTextRedacted: 'Hi [NAME], your refund is on its way.',
      sentTextRedacted: 'Hi [NAME], your refund is on its way.',
    },
    // m2 — a1, same thread, 10:15Z: one shown, accepted after an edit; the edit got a warning.
    { ...a1, type: 'message_analyzed', at: '2026-11-02T10:15:00.000Z', messageId: 'm2' },
    {
      ...a1,
      type: 'suggestion_shown',
      at: '2026-11-02T10:15:01.000Z',
      suggestionId: 's3',
      suggestionSource: 'offline',
      verdict: 'pass',
    },
    {
      ...a1,
      type: 'draft_checked',
      at: '2026-11-02T10:15:15.000Z',
      verdict: 'warn',
      ruleIds: ['no_eta_guarantee'],
    },
    {
      ...a1,
      type: 'suggestion_accepted',
      at: '2026-11-02T10:15:21.000Z',
      suggestionId: 's3',
      suggestionSource: 'offline',
      acceptKind: 'edited',
      editDistance: 0.3,
      msToAccept: 20000,
      delivery: 'reply',
      suggestionTextRedacted: 'Your parcel ships today.',
      sentTextRedacted: 'Your parcel ships today, sorry for the wait.',
    },
    // m3 — a2, 2026-11-03 14:30Z: a blocked LLM draft, overridden, accepted after an edit.
    { ...a2m3, type: 'message_analyzed', at: '2026-11-03T14:30:00.000Z', messageId: 'm3' },
    {
      ...a2m3,
      type: 'suggestion_shown',
      at: '2026-11-03T14:30:01.000Z',
      suggestionId: 's4',
      suggestionSource: 'llm',
      model: 'gpt-4o-mini',
      verdict: 'block',
      ruleIds: ['no_discount_promise'],
    },
    {
      ...a2m3,
      type: 'policy_override',
      at: '2026-11-03T14:30:50.000Z',
      suggestionId: 's4',
      suggestionSource: 'llm',
      model: 'gpt-4o-mini',
      ruleIds: ['no_discount_promise'],
      reason: 'Approved by supervisor.',
    },
    {
      ...a2m3,
      type: 'suggestion_accepted',
      at: '2026-11-03T14:31:01.000Z',
      suggestionId: 's4',
      suggestionSource: 'llm',
      model: 'gpt-4o-mini',
      acceptKind: 'edited',
      editDistance: 0.5,
      msToAccept: 60000,
      delivery: 'internal_note',
    },
    // m4 — a2, 15:00Z: two shown, one rejected, escalated to Legal.
    { ...a2m4, type: 'message_analyzed', at: '2026-11-03T15:00:00.000Z', messageId: 'm4' },
    {
      ...a2m4,
      type: 'suggestion_shown',
      at: '2026-11-03T15:00:01.000Z',
      suggestionId: 's5',
      suggestionSource: 'offline',
      verdict: 'pass',
    },
    {
      ...a2m4,
      type: 'suggestion_shown',
      at: '2026-11-03T15:00:01.000Z',
      suggestionId: 's6',
      suggestionSource: 'offline',
      verdict: 'pass',
    },
    {
      ...a2m4,
      type: 'suggestion_rejected',
      at: '2026-11-03T15:00:09.000Z',
      suggestionId: 's5',
      suggestionSource: 'offline',
      reason: 'Wrong intent',
    },
    {
      ...a2m4,
      type: 'escalated',
      at: '2026-11-03T15:01:00.000Z',
      reasonCodes: ['legal_threat'],
      path: 'Legal',
    },
    // Replay: a trainee's practice must not count in live metrics.
    {
      ...a1,
      source: 'replay',
      type: 'suggestion_accepted',
      at: '2026-11-02T11:00:00.000Z',
      suggestionId: 'r1',
      acceptKind: 'asIs',
      editDistance: 0,
      msToAccept: 1000,
      delivery: 'clipboard',
    },
    {
      ...a1,
      source: 'replay',
      type: 'replay_turn_scored',
      at: '2026-11-02T11:00:01.000Z',
      caseId: 'case-1',
      sessionId: 'sess-1',
      turn: 0,
      score: 0.8,
    },
  ] as Draft[]);
}

import { describe, expect, it } from 'vitest';
import type { SessionScore, TurnScore } from '../../../src/shared/domain/cases';
import { TandemEventSchema, type TandemEvent } from '../../../src/shared/domain/events';
import {
  formatReplayResults,
  readReplayResults,
  sessionCompletedEvent,
  turnScoredEvent,
} from '../../../src/main/replay/replay-results';

const turn: TurnScore = {
  turn: 2,
  score: 42.5,
  verdict: 'block',
  findings: [
    { rule: 'unauthorized-commitment', message: 'x' },
    { rule: 'unauthorized-commitment', message: 'y' },
  ],
  intentCorrect: false,
  escalationCorrect: true,
  similarity: 0.3,
  mustNotSayHits: [],
  timeToReplyMs: 12_345.6,
  diff: [],
};
const who = { sessionId: 's1', caseId: 'case-a', trainee: '=HYPERLINK("x")', team: 'emea' };

describe('replay result events', () => {
  it('builds schema-valid replay events with the score in 0..1', () => {
    const e = turnScoredEvent(who, turn, 'refund', new Date('2026-11-20T10:00:00Z'));
    expect(TandemEventSchema.parse(e)).toMatchObject({
      source: 'replay',
      agentId: who.trainee,
      score: 0.425,
      ruleIds: ['unauthorized-commitment'],
      msToAnswer: 12_346,
      intent: 'refund',
    });
    const session: SessionScore = { caseId: 'case-a', trainee: 't', overall: 61, turns: [turn], workOn: [] };
    expect(TandemEventSchema.parse(sessionCompletedEvent(who, session, 90_000))).toMatchObject({
      type: 'replay_session_completed',
      turns: 1,
      score: 0.61,
      durationMs: 90_000,
    });
  });

  it('reads only replay events, filters by case, and writes CSV a spreadsheet cannot run', async () => {
    const live = {
      ...turnScoredEvent(who, turn, undefined),
      type: 'draft_checked',
      source: 'paste',
    } as unknown as TandemEvent;
    const other = turnScoredEvent({ ...who, caseId: 'case-b' }, turn, undefined);
    const mine = turnScoredEvent(who, turn, 'refund', new Date('2026-11-20T10:00:00Z'));
    const store = {
      async *iterateEvents() {
        yield* [live, other, mine];
      },
    };
    const rows = await readReplayResults(store, { caseId: 'case-a' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'turn', turn: 2, score: 42.5, verdict: 'block', intent: 'refund' });
    const csv = formatReplayResults(rows, 'csv').split('\r\n');
    expect(csv[0]).toBe(
      'at,trainee,team,caseId,sessionId,kind,turn,score,verdict,rules,intent,msToAnswer,turns,durationMs',
    );
    expect(csv[1]).toBe(
      `2026-11-20T10:00:00.000Z,"'=HYPERLINK(""x"")",emea,case-a,s1,turn,2,42.5,block,unauthorized-commitment,refund,12346,,`,
    );
    expect(JSON.parse(formatReplayResults(rows, 'json'))).toEqual(rows);
  });
});

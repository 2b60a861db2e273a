import { describe, expect, it } from 'vitest';
import { TrainingCaseSchema, type TrainingCase } from '../../../src/shared/domain/cases';
import { mustNotSayHits, scoreSession, WEIGHTS } from '../../../src/main/replay/scoring';
import { replySimilarity } from '../../../src/main/replay/similarity';
import type { PolicyResult } from '../../../src/shared/domain/policy';

const pass: PolicyResult = { verdict: 'pass', findings: [] };
const blockIf50 = (reply: string): PolicyResult =>
  reply.includes('50%')
    ? {
        verdict: 'block',
        findings: [
          {
            rule: 'unauthorized-commitment',
            severity: 'block',
            message: 'Over limit',
            span: [0, 1],
            hint: '',
          },
        ],
      }
    : pass;

const theCase: TrainingCase = TrainingCaseSchema.parse({
  id: 'late-order-vip',
  title: 'Late order',
  difficulty: 'medium',
  turns: [
    { role: 'customer', text: 'Where is my order?', offsetSeconds: 0, goldReply: 'your order ships today' },
    { role: 'agent', text: 'Checking.', offsetSeconds: 30 },
    {
      role: 'customer',
      text: 'This is ridiculous, I want a manager',
      offsetSeconds: 90,
      goldReply: 'a supervisor will call you',
    },
  ],
  expected: { intents: ['order_status'], escalation: { required: true, reason: 'VIP asks for a manager' } },
  mustNotSay: ['guaranteed delivery'],
});

describe('replySimilarity', () => {
  it('is 1 for the same words, 0 for none in common, and the LCS ratio in between', () => {
    expect(replySimilarity('your order ships today', 'Your order ships today')).toBe(1);
    expect(replySimilarity('your order ships today', 'refund pending')).toBe(0);
    // common: "your order ships" = 3 words; 4 + 4 words → 2·3/8
    expect(replySimilarity('your order ships today', 'your order ships tomorrow')).toBeCloseTo(0.75);
  });
});

describe('mustNotSayHits', () => {
  it('ignores case and white space', () => {
    expect(mustNotSayHits('We offer GUARANTEED   delivery', ['guaranteed delivery', 'free'])).toEqual([
      'guaranteed delivery',
    ]);
  });
});

describe('scoreSession', () => {
  it('gives full marks to the gold replies with the right decisions', () => {
    const s = scoreSession(
      theCase,
      {
        caseId: theCase.id,
        trainee: 'ana',
        answers: [
          {
            turn: 0,
            reply: 'your order ships today',
            intent: 'order_status',
            escalated: false,
            timeToReplyMs: 30_000,
          },
          { turn: 2, reply: 'a supervisor will call you', escalated: true, timeToReplyMs: 60_000 },
        ],
      },
      () => pass,
    );
    expect(s.turns.map((t) => t.score)).toEqual([100, 100]);
    expect(s.overall).toBe(100);
    expect(s.workOn).toEqual([]);
  });

  it('computes each deduction as documented', () => {
    const s = scoreSession(
      theCase,
      {
        caseId: theCase.id,
        trainee: 'ben',
        answers: [
          // blocked (0 policy), wrong intent (0), similarity 2·3/8=0.75 → 22.5, time 360 s → 5, must-not-say −25
          {
            turn: 0,
            reply: 'your order ships tomorrow 50% off guaranteed delivery',
            intent: 'refund',
            escalated: false,
            timeToReplyMs: 360_000,
          },
        ],
      },
      blockIf50,
    );
    const [first, second] = s.turns;
    // similarity: gold 4 words, reply 8 words, common "your order ships" = 3 → 6/12 = 0.5 → 15 points
    const expected = 0 + 0 + WEIGHTS.escalation + WEIGHTS.similarity * 0.5 + 5 - 25;
    expect(first?.similarity).toBeCloseTo(0.5);
    expect(first?.score).toBeCloseTo(expected, 5);
    expect(first?.mustNotSayHits).toEqual(['guaranteed delivery']);
    expect(first?.verdict).toBe('block');
    expect(second?.score).toBe(0); // unanswered
    expect(s.overall).toBeCloseTo(expected / 2, 1);
    expect(s.workOn.join(' ')).toMatch(/unauthorized-commitment/);
    expect(s.workOn.join(' ')).toMatch(/needed a supervisor/);
  });

  it('does not credit an answer given to an agent turn', () => {
    const s = scoreSession(
      theCase,
      {
        caseId: theCase.id,
        trainee: 'x',
        answers: [{ turn: 1, reply: 'your order ships today', escalated: false }],
      },
      () => pass,
    );
    expect(s.turns.map((t) => [t.turn, t.score])).toEqual([
      [0, 0],
      [2, 0],
    ]);
  });
});

describe('TrainingCaseSchema', () => {
  it('names the path of each problem', () => {
    const r = TrainingCaseSchema.safeParse({
      id: 'Bad Id',
      title: 'x',
      difficulty: 'extreme',
      turns: [{ role: 'customer', text: 'hi', offsetSeconds: 0 }],
      expected: { intents: [], escalation: { required: false } },
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['id', 'title', 'difficulty', 'turns.0.goldReply', 'expected.intents']),
    );
  });
});

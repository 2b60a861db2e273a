import type { CaseAnswers, SessionScore, TrainingCase, TurnScore } from '../../shared/domain/cases';
import type { PolicyResult } from '../../shared/domain/policy';
import { replySimilarity, wordDiff } from './similarity';

/** The policy check, injected so scoring uses exactly the checker the assist panel uses. */
export type ReplyCheck = (
  reply: string,
  context: { customer?: TrainingCase['customer']; order?: TrainingCase['order'] },
) => PolicyResult;

/**
 * Points per turn (100 in all). Policy compliance weighs most because a non-compliant reply is the
 * costly mistake; similarity to the gold reply weighs less because good replies differ in wording.
 */
export const WEIGHTS = { policy: 30, intent: 15, escalation: 15, similarity: 30, time: 10 } as const;
export const MUST_NOT_SAY_PENALTY = 25;
/** A reply within this time earns the full time points; none after TIME_ZERO_MS. */
export const TIME_FULL_MS = 120_000;
export const TIME_ZERO_MS = 600_000;

const policyPoints = (verdict: PolicyResult['verdict']): number =>
  verdict === 'block' ? 0 : verdict === 'warn' ? WEIGHTS.policy / 2 : WEIGHTS.policy;

function timePoints(ms: number | null): number {
  if (ms === null) return WEIGHTS.time;
  if (ms <= TIME_FULL_MS) return WEIGHTS.time;
  if (ms >= TIME_ZERO_MS) return 0;
  return (WEIGHTS.time * (TIME_ZERO_MS - ms)) / (TIME_ZERO_MS - TIME_FULL_MS);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Finds forbidden phrases, ignoring case and runs of white space. */
export function mustNotSayHits(reply: string, phrases: readonly string[]): string[] {
  const hay = reply.toLowerCase().replace(/\s+/g, ' ');
  return phrases.filter((p) => hay.includes(p.toLowerCase().replace(/\s+/g, ' ')));
}

/** Expected intents for a customer turn: its own, else the case's. */
export function expectedIntentsFor(c: TrainingCase, turnIndex: number): string[] {
  return c.turns[turnIndex]?.expectedIntents ?? c.expected.intents;
}

/** Scores one answered customer turn. */
export function scoreTurn(
  c: TrainingCase,
  answer: CaseAnswers['answers'][number],
  check: ReplyCheck,
  escalationDueOnTurn: boolean,
): TurnScore {
  const turn = c.turns[answer.turn];
  if (!turn || turn.role !== 'customer' || !turn.goldReply) {
    throw new Error(`Turn ${answer.turn} of case ${c.id} is not a customer turn`);
  }
  const policy = check(answer.reply, { customer: c.customer, order: c.order });
  const diff = wordDiff(turn.goldReply, answer.reply);
  const similarity = replySimilarity(turn.goldReply, answer.reply, diff);
  const hits = mustNotSayHits(answer.reply, c.mustNotSay);
  const intentCorrect =
    answer.intent === undefined ? null : expectedIntentsFor(c, answer.turn).includes(answer.intent);
  const escalationCorrect = escalationDueOnTurn
    ? answer.escalated
    : !answer.escalated || c.expected.escalation.required;
  const time = answer.timeToReplyMs ?? null;
  const raw =
    policyPoints(policy.verdict) +
    (intentCorrect === false ? 0 : WEIGHTS.intent) +
    (escalationCorrect ? WEIGHTS.escalation : 0) +
    WEIGHTS.similarity * similarity +
    timePoints(time) -
    MUST_NOT_SAY_PENALTY * hits.length;
  return {
    turn: answer.turn,
    score: round1(Math.max(0, Math.min(100, raw))),
    verdict: policy.verdict,
    findings: policy.findings.map((f) => ({ rule: f.rule, message: f.message })),
    intentCorrect,
    escalationCorrect,
    similarity: round1(similarity * 100) / 100,
    mustNotSayHits: hits,
    timeToReplyMs: time,
    diff,
  };
}

/**
 * Scores a whole attempt. Unanswered customer turns score 0, so skipping is never better than trying.
 * Escalation is due on the last customer turn when the case requires it (or on any turn the trainee
 * escalated, which then counts as right).
 */
export function scoreSession(c: TrainingCase, answers: CaseAnswers, check: ReplyCheck): SessionScore {
  const customerTurns = c.turns.flatMap((t, i) => (t.role === 'customer' ? [i] : []));
  const lastCustomer = customerTurns.at(-1);
  const escalatedAnywhere = answers.answers.some((a) => a.escalated);
  const turns: TurnScore[] = customerTurns.map((index) => {
    const answer = answers.answers.find((a) => a.turn === index);
    if (!answer) {
      return {
        turn: index,
        score: 0,
        verdict: 'pass',
        findings: [],
        intentCorrect: null,
        escalationCorrect: false,
        similarity: 0,
        mustNotSayHits: [],
        timeToReplyMs: null,
        diff: [],
      };
    }
    const due =
      c.expected.escalation.required && (index === lastCustomer || (answer.escalated && escalatedAnywhere));
    return scoreTurn(c, answer, check, due);
  });
  const overall = turns.length ? round1(turns.reduce((n, t) => n + t.score, 0) / turns.length) : 0;
  return { caseId: c.id, trainee: answers.trainee, overall, turns, workOn: workOn(c, turns) };
}

function workOn(c: TrainingCase, turns: readonly TurnScore[]): string[] {
  const notes: string[] = [];
  const rules = [
    ...new Set(turns.flatMap((t) => (t.verdict === 'pass' ? [] : t.findings.map((f) => f.rule)))),
  ];
  if (rules.length)
    notes.push(`Policy: replies broke ${rules.join(', ')}. Re-read the policy pack on these points.`);
  if (turns.some((t) => t.mustNotSayHits.length)) {
    notes.push(
      `Never say: ${[...new Set(turns.flatMap((t) => t.mustNotSayHits))].map((h) => `"${h}"`).join(', ')}.`,
    );
  }
  if (turns.some((t) => t.intentCorrect === false))
    notes.push('Identify what the customer actually asks before replying.');
  if (turns.some((t) => !t.escalationCorrect)) {
    notes.push(
      c.expected.escalation.required
        ? `This case needed a supervisor: ${c.expected.escalation.reason ?? 'see the rubric'}.`
        : 'This case did not need a supervisor: handle it yourself.',
    );
  }
  const sims = turns.map((t) => t.similarity);
  if (sims.length && sims.reduce((a, b) => a + b, 0) / sims.length < 0.35) {
    notes.push('Cover the points of the model answer: compare your replies with the gold replies.');
  }
  if (turns.some((t) => t.timeToReplyMs !== null && t.timeToReplyMs > TIME_FULL_MS)) {
    notes.push('Reply faster: use the suggestions as a starting point.');
  }
  return notes;
}

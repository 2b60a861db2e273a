import type { Analysis } from '../../shared/domain/analysis';
import type { TrainingCase } from '../../shared/domain/cases';
import type { HistoryMessage, MessageInput } from '../../shared/domain/context';
import type { PolicyResult } from '../../shared/domain/policy';
import { expectedIntentsFor } from './scoring';

export interface CaseEvalDeps {
  analyze(input: MessageInput): Analysis;
  check(
    draft: string,
    context: {
      customer?: TrainingCase['customer'];
      order?: TrainingCase['order'];
      customerLanguage?: string;
    },
  ): PolicyResult;
}

export interface TurnEval {
  turn: number;
  expectedIntents: string[];
  predictedIntent: string;
  confidence: number;
  intentAgrees: boolean;
  escalationRecommended: boolean;
  goldVerdict: PolicyResult['verdict'];
  goldFindings: { rule: string; message: string }[];
}

export interface CaseEval {
  caseId: string;
  title: string;
  turns: TurnEval[];
  expectedEscalation: boolean;
  engineEscalation: boolean;
  escalationAgrees: boolean;
  intentAgreement: number;
  goldRepliesPass: boolean;
}

/**
 * Runs a case through the engine exactly as the assist panel would, turn by turn with the earlier
 * turns as history, and lists where the copilot disagrees with the case's expected labels. Gold
 * replies must pass the policy check: a gold reply that fails is a broken case, not a trainee error.
 */
export function evaluateCase(c: TrainingCase, deps: CaseEvalDeps): CaseEval {
  const history: HistoryMessage[] = [];
  const turns: TurnEval[] = [];
  c.turns.forEach((turn, index) => {
    if (turn.role !== 'customer') {
      history.push({ author: turn.role, text: turn.text });
      return;
    }
    const analysis = deps.analyze({
      text: turn.text,
      customer: c.customer,
      order: c.order,
      history: [...history],
    });
    const expectedIntents = expectedIntentsFor(c, index);
    const gold = deps.check(turn.goldReply ?? '', {
      customer: c.customer,
      order: c.order,
      customerLanguage: c.customer?.language ?? analysis.language,
    });
    turns.push({
      turn: index,
      expectedIntents,
      predictedIntent: analysis.intent.label,
      confidence: analysis.intent.confidence,
      intentAgrees: expectedIntents.includes(analysis.intent.label),
      escalationRecommended: analysis.escalation.recommended,
      goldVerdict: gold.verdict,
      goldFindings: gold.findings.map((f) => ({ rule: f.rule, message: f.message })),
    });
    history.push({ author: 'customer', text: turn.text });
    if (turn.goldReply) history.push({ author: 'agent', text: turn.goldReply });
  });
  const engineEscalation = turns.some((t) => t.escalationRecommended);
  const agree = turns.filter((t) => t.intentAgrees).length;
  return {
    caseId: c.id,
    title: c.title,
    turns,
    expectedEscalation: c.expected.escalation.required,
    engineEscalation,
    escalationAgrees: engineEscalation === c.expected.escalation.required,
    intentAgreement: turns.length ? agree / turns.length : 0,
    goldRepliesPass: turns.every((t) => t.goldVerdict === 'pass' || t.goldVerdict === 'info'),
  };
}

export interface LibraryEval {
  cases: CaseEval[];
  intentAgreement: number;
  escalationAgreement: number;
  goldFailures: number;
}

export function evaluateLibrary(cases: readonly TrainingCase[], deps: CaseEvalDeps): LibraryEval {
  const evals = cases.map((c) => evaluateCase(c, deps));
  const turns = evals.flatMap((e) => e.turns);
  return {
    cases: evals,
    intentAgreement: turns.length ? turns.filter((t) => t.intentAgrees).length / turns.length : 0,
    escalationAgreement: evals.length ? evals.filter((e) => e.escalationAgrees).length / evals.length : 0,
    goldFailures: evals.filter((e) => !e.goldRepliesPass).length,
  };
}

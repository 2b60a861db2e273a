import { z } from 'zod';
import { defineCall } from '../ipc/define';
import { SessionScoreSchema, TrainingCaseSchema, TurnScoreSchema } from '../domain/cases';
import { PolicyResultSchema } from '../domain/policy';
import { AssistStateSchema } from './assist';

const caseId = z.string().min(1).max(100);
const trainee = z.string().trim().min(1).max(200);
const sessionId = z.string().min(1).max(100);
const turn = z.number().int().min(0).max(1000);

/** One row of the case picker: enough to filter and choose, without shipping every turn. */
export const CaseSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  turns: z.number().int(),
  customerTurns: z.number().int(),
  origin: z.enum(['authored', 'captured']),
  /** Shipped with the app, or added by a trainer into the user folder (which wins on the same id). */
  location: z.enum(['shipped', 'user']),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** A case file that did not load, with where the problem is so the trainer can fix it. */
export const CaseProblemSchema = z.object({ file: z.string(), path: z.string(), message: z.string() });
export type CaseProblemInfo = z.infer<typeof CaseProblemSchema>;

export const CaseListSchema = z.object({
  cases: z.array(CaseSummarySchema),
  problems: z.array(CaseProblemSchema),
});
export type CaseList = z.infer<typeof CaseListSchema>;

export const TurnEvalSchema = z.object({
  turn: z.number().int(),
  expectedIntents: z.array(z.string()),
  predictedIntent: z.string(),
  confidence: z.number(),
  intentAgrees: z.boolean(),
  escalationRecommended: z.boolean(),
  goldVerdict: z.enum(['pass', 'info', 'warn', 'block']),
  goldFindings: z.array(z.object({ rule: z.string(), message: z.string() })),
});

/** Batch mode: the whole library through the engine, for the trainer's "where the copilot disagrees". */
export const LibraryEvalSchema = z.object({
  cases: z.array(
    z.object({
      caseId: z.string(),
      title: z.string(),
      turns: z.array(TurnEvalSchema),
      expectedEscalation: z.boolean(),
      engineEscalation: z.boolean(),
      escalationAgrees: z.boolean(),
      intentAgreement: z.number(),
      goldRepliesPass: z.boolean(),
    }),
  ),
  intentAgreement: z.number(),
  escalationAgreement: z.number(),
  goldFailures: z.number(),
});
export type LibraryEvalResult = z.infer<typeof LibraryEvalSchema>;

export const ReplayAnswerSchema = z
  .object({
    turn,
    reply: z.string().max(20_000),
    intent: z.string().max(100).optional(),
    escalated: z.boolean(),
    timeToReplyMs: z.number().int().min(0).max(86_400_000).optional(),
  })
  .strict();

export const ImportCasesResultSchema = z.object({
  saved: z.array(z.string()),
  problems: z.array(CaseProblemSchema),
});

export const trainerCalls = {
  /** The library, shipped cases merged with the trainer's own folder, and any file that did not load. */
  listCases: defineCall(z.void(), CaseListSchema),
  getCase: defineCall(z.object({ id: caseId }).strict(), TrainingCaseSchema),
  /**
   * The copilot on one customer turn of a case, exactly as the panel would show it, with the earlier
   * turns as history. Never touches the live assist session and records nothing.
   */
  runReplayTurn: defineCall(z.object({ caseId, turn }).strict(), AssistStateSchema),
  /** The policy check of a trainee's draft in the case's customer and order context, as they type. */
  checkReplayDraft: defineCall(
    z.object({ caseId, turn, draft: z.string().max(100_000) }).strict(),
    PolicyResultSchema,
  ),
  scoreReplayTurn: defineCall(
    z.object({ sessionId, caseId, trainee }).extend(ReplayAnswerSchema.shape).strict(),
    TurnScoreSchema,
  ),
  finishReplay: defineCall(
    z
      .object({
        sessionId,
        caseId,
        trainee,
        answers: z.array(ReplayAnswerSchema).max(200),
        durationMs: z.number().int().min(0).max(86_400_000).optional(),
      })
      .strict(),
    SessionScoreSchema,
  ),
  evalCaseLibrary: defineCall(z.void(), LibraryEvalSchema),
  /** Replay results from the record as text; the renderer saves or copies it. */
  exportReplayResults: defineCall(
    z
      .object({ format: z.enum(['csv', 'json']), trainee: trainee.optional(), caseId: caseId.optional() })
      .strict(),
    z.object({ text: z.string(), rows: z.number().int() }),
  ),
  /** Validates case JSON (one case or an array) and saves the good ones into the user's case folder. */
  importCases: defineCall(z.object({ text: z.string().max(5_000_000) }).strict(), ImportCasesResultSchema),
  exportCase: defineCall(z.object({ id: caseId }).strict(), z.object({ text: z.string() })),
  /** A draft case from the current assist thread, redacted, for the trainer to review before saving. */
  createCaseFromThread: defineCall(z.void(), TrainingCaseSchema),
  saveCase: defineCall(z.object({ case: TrainingCaseSchema }).strict(), z.object({ id: z.string() })),
};

export const trainerEvents = {};

import { z } from 'zod';
import { CustomerContextSchema, OrderContextSchema } from './context';

export const CaseTurnSchema = z
  .object({
    role: z.enum(['customer', 'agent', 'note']),
    text: z.string().min(1).max(20_000),
    /** Seconds from the start of the case when this turn arrives; replay keeps the original pacing. */
    offsetSeconds: z.number().nonnegative().max(86_400),
    /** The reply a senior agent would send to this customer turn. Required on customer turns. */
    goldReply: z.string().min(1).max(20_000).optional(),
    /** Overrides the case's expected intents for this turn (a thread that changes topic). */
    expectedIntents: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .superRefine((turn, ctx) => {
    if (turn.role === 'customer' && !turn.goldReply) {
      ctx.addIssue({
        code: 'custom',
        path: ['goldReply'],
        message: 'Every customer turn needs a gold reply',
      });
    }
    if (turn.role !== 'customer' && turn.goldReply) {
      ctx.addIssue({ code: 'custom', path: ['goldReply'], message: 'Only customer turns have a gold reply' });
    }
  });
export type CaseTurn = z.infer<typeof CaseTurnSchema>;

/**
 * A training case: a realistic conversation replayed turn by turn to a trainee, with what a good
 * agent would conclude and say. The JSON Schema in resources/cases/case.schema.json is generated
 * from this so other tools can author cases.
 */
export const TrainingCaseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/, 'Use lowercase letters, digits and dashes'),
    title: z.string().min(3).max(200),
    tags: z.array(z.string().min(1).max(50)).max(20).default([]),
    difficulty: z.enum(['easy', 'medium', 'hard']),
    customer: CustomerContextSchema.optional(),
    order: OrderContextSchema.optional(),
    turns: z
      .array(CaseTurnSchema)
      .min(1)
      .max(200)
      .refine((turns) => turns.some((t) => t.role === 'customer'), 'A case needs at least one customer turn'),
    expected: z
      .object({
        intents: z.array(z.string().min(1)).min(1).max(3),
        escalation: z.object({ required: z.boolean(), reason: z.string().max(500).optional() }).strict(),
      })
      .strict(),
    rubric: z.array(z.string().min(1).max(500)).max(30).default([]),
    /** Phrases a reply must never contain (case-insensitive), e.g. promises the policy forbids. */
    mustNotSay: z.array(z.string().min(2).max(200)).max(50).default([]),
    /** When the case was made from a live ticket: it was redacted and reviewed. */
    origin: z.enum(['authored', 'captured']).default('authored'),
  })
  .strict();
export type TrainingCase = z.infer<typeof TrainingCaseSchema>;
export type TrainingCaseInput = z.input<typeof TrainingCaseSchema>;

/** A trainee's answers for automated assessment (`cases replay FILE --answers FILE`). */
export const CaseAnswersSchema = z
  .object({
    caseId: z.string(),
    trainee: z.string().min(1).max(200).default('trainee'),
    answers: z
      .array(
        z
          .object({
            /** Index of the customer turn in `turns`. */
            turn: z.number().int().nonnegative(),
            reply: z.string().max(20_000),
            intent: z.string().optional(),
            escalated: z.boolean().default(false),
            timeToReplyMs: z.number().nonnegative().optional(),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type CaseAnswers = z.infer<typeof CaseAnswersSchema>;

export const TurnScoreSchema = z.object({
  turn: z.number().int(),
  score: z.number().min(0).max(100),
  verdict: z.enum(['pass', 'info', 'warn', 'block']),
  findings: z.array(z.object({ rule: z.string(), message: z.string() })),
  intentCorrect: z.boolean().nullable(),
  escalationCorrect: z.boolean(),
  similarity: z.number().min(0).max(1),
  mustNotSayHits: z.array(z.string()),
  timeToReplyMs: z.number().nullable(),
  diff: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
});
export type TurnScore = z.infer<typeof TurnScoreSchema>;

export const SessionScoreSchema = z.object({
  caseId: z.string(),
  trainee: z.string(),
  overall: z.number().min(0).max(100),
  turns: z.array(TurnScoreSchema),
  workOn: z.array(z.string()),
});
export type SessionScore = z.infer<typeof SessionScoreSchema>;

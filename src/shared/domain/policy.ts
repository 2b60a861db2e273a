import { z } from 'zod';

export const SeveritySchema = z.enum(['info', 'warn', 'block']);
export type Severity = z.infer<typeof SeveritySchema>;

export const VerdictSchema = z.enum(['pass', 'info', 'warn', 'block']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const PolicyFindingSchema = z.object({
  rule: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  /** [start, end) offsets in the draft, so the editor can highlight them. */
  span: z.tuple([z.number().int(), z.number().int()]),
  hint: z.string(),
});
export type PolicyFinding = z.infer<typeof PolicyFindingSchema>;

export const PolicyResultSchema = z.object({
  verdict: VerdictSchema,
  findings: z.array(PolicyFindingSchema),
});
export type PolicyResult = z.infer<typeof PolicyResultSchema>;

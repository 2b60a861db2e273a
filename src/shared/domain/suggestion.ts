import { z } from 'zod';
import { PolicyResultSchema } from './policy';

export const SuggestionSourceSchema = z.enum(['offline', 'llm']);
export type SuggestionSource = z.infer<typeof SuggestionSourceSchema>;

export const SuggestionSchema = z.object({
  id: z.string(),
  text: z.string(),
  /** The macro it was built from; LLM drafts name the macro they were grounded on when there is one. */
  macroId: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  source: SuggestionSourceSchema,
  model: z.string().optional(),
  policy: PolicyResultSchema,
  /** True while an LLM draft is still streaming or ended without a finish reason. */
  incomplete: z.boolean().optional(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

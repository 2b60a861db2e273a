import { z } from 'zod';
import { parse as parseYaml } from 'yaml';

/**
 * The intent taxonomy is data (resources/intents/taxonomy.yaml) so support teams can rename, describe,
 * add or drop intents and tune rules without a code change. It is validated on load so that a typo in
 * the file fails with a message naming the place, not with a wrong prediction later.
 */

const RuleSchema = z
  .object({
    /** Case-insensitive regular expression tested on the normalized message. */
    pattern: z.string().min(1),
    /** Added to the label's logit when the pattern matches; may be negative. */
    boost: z.number().min(-20).max(20),
  })
  .superRefine((rule, ctx) => {
    try {
      new RegExp(rule.pattern, 'iu');
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  });

const IntentDefSchema = z.object({
  label: z.string().regex(/^[a-z][a-z0-9_]*$/, 'labels are snake_case: lowercase letters, digits and _'),
  displayName: z.string().min(1),
  description: z.string().min(1),
  /** Sub-cases the intent covers; documentation for agents and for whoever writes examples. */
  subCases: z.array(z.string().min(1)).default([]),
  rules: z.array(RuleSchema).default([]),
});
export type IntentDef = z.infer<typeof IntentDefSchema>;

/** Shape of taxonomy.yaml; label uniqueness and the fallback label are checked too. */
export const TaxonomySchema = z
  .object({
    version: z.number().int().positive(),
    /** Label used when nothing fits; must be one of the intents. */
    fallback: z.string(),
    intents: z.array(IntentDefSchema).min(2),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.intents.forEach((intent, i) => {
      if (seen.has(intent.label)) {
        ctx.addIssue({
          code: 'custom',
          path: ['intents', i, 'label'],
          message: `duplicate label "${intent.label}"`,
        });
      }
      seen.add(intent.label);
    });
    if (!seen.has(t.fallback)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fallback'],
        message: `fallback "${t.fallback}" is not one of the intents`,
      });
    }
  });
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/** Thrown when the taxonomy (or its examples) cannot be used; the message says which file and where. */
export class IntentDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntentDataError';
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `  - at ${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('\n');
}

/** Parses and validates taxonomy YAML; `source` (a file path) is quoted in errors. */
export function parseTaxonomy(yamlText: string, source = 'taxonomy.yaml'): Taxonomy {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    throw new IntentDataError(
      `${source}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const result = TaxonomySchema.safeParse(raw);
  if (!result.success)
    throw new IntentDataError(`${source}: invalid taxonomy:\n${describeIssues(result.error.issues)}`);
  return result.data;
}

import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The rules the checker knows; a pack sets each one's severity or turns it off. */
export const POLICY_RULES = [
  'unauthorized-commitment',
  'policy-contradiction',
  'pii-exposure',
  'prompt-leak',
  'unprofessional-language',
  'unfilled-placeholder',
  'competitor-mention',
  'marketing-without-consent',
  'spam-trigger',
  'wrong-language',
] as const;
export type PolicyRule = (typeof POLICY_RULES)[number];

const RuleSeveritySchema = z.enum(['block', 'warn', 'info', 'off']);

const DEFAULT_RULE_SEVERITY: Record<PolicyRule, z.infer<typeof RuleSeveritySchema>> = {
  'unauthorized-commitment': 'block',
  'policy-contradiction': 'block',
  'pii-exposure': 'block',
  'prompt-leak': 'block',
  'unprofessional-language': 'block',
  'unfilled-placeholder': 'block',
  'competitor-mention': 'warn',
  'marketing-without-consent': 'warn',
  'spam-trigger': 'warn',
  'wrong-language': 'warn',
};

const DayRange = z
  .object({ minBusinessDays: z.number().int().min(0), maxBusinessDays: z.number().int().min(0) })
  .strict()
  .refine((r) => r.minBusinessDays <= r.maxBusinessDays, {
    message: 'minBusinessDays must not exceed maxBusinessDays',
  });

/**
 * The store's policies as data. Strict objects so that a typo in a team's pack (`windowDay`) is reported
 * with its path instead of silently falling back to a default the store never agreed to.
 */
export const PolicyPackSchema = z
  .object({
    id: z.string().min(1).max(100),
    store: z.string().min(1).max(200),
    currency: z.string().length(3).default('USD'),
    defaultLanguage: z.string().min(2).max(10).default('en'),
    signOff: z.string().max(200).optional(),
    returns: z
      .object({
        windowDays: z.number().int().positive().max(3650),
        from: z.enum(['delivery', 'purchase']).default('delivery'),
        condition: z.string().max(500).optional(),
        finalSaleReturnable: z.boolean().default(false),
      })
      .strict(),
    exchanges: z
      .object({ free: z.boolean().default(true), windowDays: z.number().int().positive().max(3650) })
      .strict(),
    refunds: z
      .object({
        method: z.string().min(1).max(200),
        businessDays: z
          .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
          .strict()
          .refine((r) => r.min <= r.max, { message: 'min must not exceed max' }),
        startsAfter: z.string().max(300).optional(),
      })
      .strict(),
    shipping: z
      .object({
        standard: DayRange,
        express: DayRange,
        freeOver: z.number().nonnegative().nullable(),
        carriers: z.array(z.string().min(1).max(100)).min(1),
        guaranteedDeliveryDates: z.boolean().default(false),
      })
      .strict(),
    priceAdjustment: z
      .object({ windowDays: z.number().int().min(0).max(3650), from: z.string().max(100).optional() })
      .strict(),
    goodwill: z
      .object({ maxDiscountPercent: z.number().min(0).max(100), maxStoreCredit: z.number().min(0) })
      .strict(),
    sensitiveData: z
      .object({ neverRequest: z.array(z.string().max(100)) })
      .strict()
      .optional(),
    competitors: z.array(z.string().min(1).max(100)).default([]),
    marketing: z
      .object({ requiresConsent: z.boolean().default(true) })
      .strict()
      .prefault({}),
    rules: z.partialRecord(z.enum(POLICY_RULES), RuleSeveritySchema).default({}),
  })
  .strict();
export type PolicyPack = z.infer<typeof PolicyPackSchema>;
export type RuleSeverity = z.infer<typeof RuleSeveritySchema>;

/** A pack that failed validation; `problems` carry the zod path of each so a team can fix its file. */
export class PolicyPackError extends Error {
  constructor(
    readonly source: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`Invalid policy pack ${source}:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n')}`);
    this.name = 'PolicyPackError';
  }
}

/** Validates already-parsed pack data; throws PolicyPackError listing every problem, not just the first. */
export function parsePolicyPack(data: unknown, source = 'policy pack'): PolicyPack {
  const result = PolicyPackSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
  throw new PolicyPackError(source, problems);
}

/** Reads a YAML pack from disk; YAML syntax errors are reported as a PolicyPackError with the line. */
export async function loadPolicyPack(file: string): Promise<PolicyPack> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PolicyPackError(file, [{ path: '(file)', message: (error as Error).message }]);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new PolicyPackError(file, [{ path: '(yaml)', message: (error as Error).message }]);
  }
  return parsePolicyPack(data, file);
}

/** The severity a pack gives a rule, falling back to the shipped default. */
export function ruleSeverity(pack: PolicyPack, rule: PolicyRule): RuleSeverity {
  return pack.rules[rule] ?? DEFAULT_RULE_SEVERITY[rule];
}

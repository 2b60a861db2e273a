import { z } from 'zod';
import { CustomerContextSchema } from '../../../shared/domain/context';
import { createRedactor, type Redactor } from '../../engine';
import type { CliCommand } from '../io';
import { describeIssues, idOf, lineError, runJsonl } from './analyze';

const RedactLineSchema = z.object({
  id: z.union([z.string().max(500), z.number()]).optional(),
  text: z.string(),
  customer: CustomerContextSchema.optional(),
});

/**
 * `{id, text, customer?}` → `{id, text, entities: [{type, placeholder, span}]}`: `text` is redacted
 * and each span points at the placeholder in it. Original values are never printed.
 */
export function redactLine(redactor: Redactor, raw: unknown): Record<string, unknown> {
  const parsed = RedactLineSchema.safeParse(raw);
  if (!parsed.success) return lineError(idOf(raw), 'invalid_input', describeIssues(parsed.error));
  const result = redactor.redactText(parsed.data.text, { customer: parsed.data.customer });
  return {
    id: parsed.data.id ?? null,
    text: result.text,
    entities: result.entities.map((e) => ({
      type: e.type,
      placeholder: e.placeholder,
      span: e.redactedSpan,
    })),
  };
}

export function createRedactCommand(redactor?: Redactor): CliCommand {
  return async (_args, io) => {
    const r = redactor ?? createRedactor();
    return runJsonl(io, (raw) => redactLine(r, raw));
  };
}

export const redactCommand: CliCommand = createRedactCommand();

import { z } from 'zod';
import { TrainingCaseSchema } from '../../shared/domain/cases';

/** The JSON Schema of a case file, generated from the zod schema so the two can never disagree. */
export function caseJsonSchemaText(): string {
  const schema = z.toJSONSchema(TrainingCaseSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ title: 'Tandem training case', ...schema }, null, 2)}\n`;
}

import { TrainingCaseSchema, type TrainingCase } from '../../shared/domain/cases';
import type { CaseProblem } from './case-library';

/**
 * Reads pasted or opened case JSON: one case, or an array of cases. Each broken case is reported with
 * its JSON path (prefixed with its index in an array) and the good ones still import, so one typo never
 * costs a trainer the rest of the file.
 */
export function parseCaseImport(
  text: string,
  file = 'imported text',
): { cases: TrainingCase[]; problems: CaseProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      cases: [],
      problems: [{ file, path: '', message: `Not valid JSON: ${(error as Error).message}` }],
    };
  }
  const items = Array.isArray(json) ? json : [json];
  const cases: TrainingCase[] = [];
  const problems: CaseProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const prefix = Array.isArray(json) ? [String(index)] : [];
    const parsed = TrainingCaseSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          file,
          path: [...prefix, ...issue.path.map(String)].join('.'),
          message: issue.message,
        });
      }
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push({
        file,
        path: [...prefix, 'id'].join('.'),
        message: `Duplicate case id "${parsed.data.id}"`,
      });
      return;
    }
    seen.add(parsed.data.id);
    cases.push(parsed.data);
  });
  if (items.length === 0) problems.push({ file, path: '', message: 'The file holds no case' });
  return { cases, problems };
}

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { TrainingCaseSchema, type TrainingCase } from '../../shared/domain/cases';

export interface CaseProblem {
  file: string;
  /** JSON path of the problem, e.g. `turns.0.goldReply`; empty for whole-file problems. */
  path: string;
  message: string;
}

export interface CaseLibrary {
  cases: TrainingCase[];
  problems: CaseProblem[];
}

const describe = (file: string, issues: readonly z.core.$ZodIssue[]): CaseProblem[] =>
  issues.map((i) => ({ file, path: i.path.map(String).join('.'), message: i.message }));

/** Validates one case file's text; a broken file yields problems, never an exception. */
export function parseCaseText(file: string, text: string): { case?: TrainingCase; problems: CaseProblem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [{ file, path: '', message: `Not valid JSON: ${(error as Error).message}` }] };
  }
  const parsed = TrainingCaseSchema.safeParse(json);
  if (!parsed.success) return { problems: describe(file, parsed.error.issues) };
  return { case: parsed.data, problems: [] };
}

/**
 * Loads every `*.json` case in a folder (the schema file excepted). Broken files are reported with
 * their path and the rest still load, so one bad case never hides the library.
 */
export async function loadCaseLibrary(dir: string): Promise<CaseLibrary> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json')).sort();
  const cases: TrainingCase[] = [];
  const problems: CaseProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = parseCaseText(file, await readFile(file, 'utf8'));
    problems.push(...result.problems);
    if (!result.case) continue;
    const dup = seen.get(result.case.id);
    if (dup) {
      problems.push({ file, path: 'id', message: `Duplicate case id "${result.case.id}" (also in ${dup})` });
      continue;
    }
    seen.set(result.case.id, file);
    cases.push(result.case);
  }
  return { cases, problems };
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CaseAnswersSchema } from '../../../shared/domain/cases';
import { createEngine } from '../../engine';
import { loadOfflineKnowledge } from '../../suggest';
import { loadCaseLibrary, parseCaseText } from '../../replay/case-library';
import { evaluateLibrary } from '../../replay/case-eval';
import { scoreSession } from '../../replay/scoring';
import type { CliCommand, CliIo } from '../io';

const USAGE = `Usage:
  npm run -s cli -- cases validate DIR
  npm run -s cli -- cases eval DIR [--json]
  npm run -s cli -- cases replay CASE_FILE --answers ANSWERS_FILE [--json]
`;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

async function toolkit() {
  const engine = createEngine();
  const policy = (await loadOfflineKnowledge()).checker;
  return {
    analyze: (input: Parameters<typeof engine.analyze>[0]) => engine.analyze(input),
    check: (draft: string, ctx: Parameters<typeof policy.check>[1]) => policy.check(draft, ctx),
  };
}

async function validate(dir: string, io: CliIo): Promise<number> {
  const lib = await loadCaseLibrary(resolve(io.cwd, dir));
  for (const p of lib.problems) io.stdout.write(`${p.file}: ${p.path || '(file)'}: ${p.message}\n`);
  io.stdout.write(`${lib.cases.length} valid case(s), ${lib.problems.length} problem(s)\n`);
  return lib.problems.length ? 1 : 0;
}

async function evaluate(dir: string, json: boolean, io: CliIo): Promise<number> {
  const lib = await loadCaseLibrary(resolve(io.cwd, dir));
  for (const p of lib.problems) io.stderr.write(`skipped ${p.file}: ${p.path || '(file)'}: ${p.message}\n`);
  const result = evaluateLibrary(lib.cases, await toolkit());
  if (json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const c of result.cases) {
      const flags = [
        c.intentAgreement < 1 ? 'intent' : '',
        c.escalationAgrees ? '' : 'escalation',
        c.goldRepliesPass ? '' : 'GOLD REPLY FAILS POLICY',
      ].filter(Boolean);
      io.stdout.write(`${flags.length ? '✗' : '✓'} ${c.caseId.padEnd(34)} ${flags.join(', ')}\n`);
      for (const t of c.turns) {
        if (!t.intentAgrees) {
          io.stdout.write(
            `    turn ${t.turn}: engine says ${t.predictedIntent} (${pct(t.confidence)}), expected ${t.expectedIntents.join(' or ')}\n`,
          );
        }
        for (const f of t.goldVerdict === 'pass' ? [] : t.goldFindings) {
          io.stdout.write(`    turn ${t.turn}: gold reply ${f.rule}: ${f.message}\n`);
        }
      }
      if (!c.escalationAgrees) {
        io.stdout.write(
          `    escalation: engine ${c.engineEscalation ? 'recommends' : 'does not recommend'}, case expects ${c.expectedEscalation ? 'yes' : 'no'}\n`,
        );
      }
    }
    io.stdout.write(
      `\n${result.cases.length} cases · intent agreement ${pct(result.intentAgreement)} · escalation agreement ${pct(result.escalationAgreement)} · gold replies failing policy: ${result.goldFailures}\n`,
    );
  }
  return result.goldFailures > 0 || lib.problems.length > 0 ? 1 : 0;
}

async function replay(file: string, answersFile: string, json: boolean, io: CliIo): Promise<number> {
  const parsed = parseCaseText(file, await readFile(resolve(io.cwd, file), 'utf8'));
  if (!parsed.case) {
    for (const p of parsed.problems) io.stderr.write(`${p.file}: ${p.path || '(file)'}: ${p.message}\n`);
    return 2;
  }
  let answersJson: unknown;
  try {
    answersJson = JSON.parse(await readFile(resolve(io.cwd, answersFile), 'utf8'));
  } catch (error) {
    io.stderr.write(`${answersFile}: not valid JSON: ${(error as Error).message}\n`);
    return 2;
  }
  const answers = CaseAnswersSchema.safeParse(answersJson);
  if (!answers.success) {
    for (const i of answers.error.issues)
      io.stderr.write(`${answersFile}: ${i.path.join('.') || '(file)'}: ${i.message}\n`);
    return 2;
  }
  if (answers.data.caseId !== parsed.case.id) {
    io.stderr.write(
      `${answersFile}: answers are for case "${answers.data.caseId}", not "${parsed.case.id}"\n`,
    );
    return 2;
  }
  const { check } = await toolkit();
  const score = scoreSession(parsed.case, answers.data, (reply, ctx) => check(reply, ctx));
  if (json) {
    io.stdout.write(`${JSON.stringify(score, null, 2)}\n`);
  } else {
    io.stdout.write(`${score.caseId} · ${score.trainee} · overall ${score.overall}/100\n`);
    for (const t of score.turns) {
      io.stdout.write(
        `  turn ${t.turn}: ${t.score}/100 · policy ${t.verdict}${t.findings.length ? ` (${t.findings.map((f) => f.rule).join(', ')})` : ''} · similarity ${pct(t.similarity)}${t.mustNotSayHits.length ? ` · said: ${t.mustNotSayHits.join(', ')}` : ''}\n`,
      );
    }
    for (const w of score.workOn) io.stdout.write(`  work on: ${w}\n`);
  }
  return 0;
}

/** `cases validate|eval|replay`: the trainer's library checks and automated assessments. */
export const casesCommand: CliCommand = async (args, io) => {
  const [sub, target, ...rest] = args;
  const json = rest.includes('--json');
  if (sub === 'validate' && target) return validate(target, io);
  if (sub === 'eval' && target) return evaluate(target, json || args.includes('--json'), io);
  if (sub === 'replay' && target) {
    const i = rest.indexOf('--answers');
    const answers = i >= 0 ? rest[i + 1] : undefined;
    if (!answers) {
      io.stderr.write(`cases replay needs --answers FILE\n\n${USAGE}`);
      return 2;
    }
    return replay(target, answers, json, io);
  }
  io.stderr.write(USAGE);
  return 2;
};

import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { CustomerContextSchema, OrderContextSchema } from '../../../shared/domain/context';
import { findResourcesDir } from '../../knowledge/loader';
import { createPolicyChecker } from '../../policy/checker';
import type { PolicyChecker } from '../../policy/checker';
import { loadPolicyPack, PolicyPackError } from '../../policy/pack';
import type { CliCommand } from '../io';
import { writeLine } from '../io';

const USAGE = `Usage: npm run -s cli -- check [--policy FILE]

Reads JSONL drafts on stdin, one {"id", "draft", "customer"?, "order"?, "customerText"?, "customerLanguage"?}
object a line, and writes one {"id", "verdict", "findings": [{rule, severity, message, span: [start, end], hint}]}
line per input line, in order. A bad line yields {"id"?, "error": {code, message}} and the rest go on.
--policy FILE checks against another policy pack (YAML); an invalid pack is rejected with each problem's path.
`;

/** One input line; unknown keys are ignored so QA files can carry their own labels. */
export const CheckLineSchema = z.object({
  id: z.union([z.string().max(500), z.number()]),
  draft: z.string(),
  customer: CustomerContextSchema.optional(),
  order: OrderContextSchema.optional(),
  customerText: z.string().optional(),
  customerLanguage: z.string().max(20).optional(),
  canary: z.string().max(200).optional(),
});

/** Checks one JSONL line; never throws, so a bad line becomes an error object and the stream goes on. */
export function checkLine(checker: PolicyChecker, raw: string): object | undefined {
  if (!raw.trim()) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    return { error: { code: 'invalid_json', message: (error as Error).message } };
  }
  const parsed = CheckLineSchema.safeParse(data);
  if (!parsed.success) {
    const id = (data as { id?: unknown } | null)?.id;
    const message = parsed.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(line)'}: ${i.message}`)
      .join('; ');
    return {
      ...(typeof id === 'string' || typeof id === 'number' ? { id } : {}),
      error: { code: 'invalid_line', message },
    };
  }
  const { id, draft, ...ctx } = parsed.data;
  const result = checker.check(draft, ctx);
  return { id, verdict: result.verdict, findings: result.findings };
}

/** `check`: the same policy check the app runs on every draft, for QA teams and pack authors. */
export const checkCommand: CliCommand = async (args, io) => {
  let policyFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (a === '--policy' || a.startsWith('--policy=')) {
      policyFile = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!policyFile) {
        io.stderr.write(`--policy needs a file.\n\n${USAGE}`);
        return 2;
      }
      continue;
    }
    io.stderr.write(`Unknown option "${a}".\n\n${USAGE}`);
    return 2;
  }
  let checker: PolicyChecker;
  try {
    const file = policyFile
      ? resolve(io.cwd, policyFile)
      : join(findResourcesDir(), 'policies', 'lumen-and-loom.yaml');
    checker = createPolicyChecker(await loadPolicyPack(file));
  } catch (error) {
    io.stderr.write(
      `${error instanceof PolicyPackError ? error.message : `tandem check: ${(error as Error).message}`}\n`,
    );
    return 2;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    const out = checkLine(checker, raw);
    if (out) await writeLine(io.stdout, JSON.stringify(out));
  }
  return 0;
};

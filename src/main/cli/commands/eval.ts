import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createIntentClassifier, type IntentClassifier } from '../../engine/intent/index';
import {
  evaluateCases,
  formatReport,
  parseCaseLine,
  type EvalReport,
  type LabelledCase,
} from '../../engine/intent/evaluate';
import type { CliCommand } from '../io';

const USAGE = `Usage: npm run -s cli -- eval --cases FILE [--json] [--resources DIR] [--min-accuracy 0.9]

Scores the offline intent model on labelled JSONL, one {"text": ..., "intent": ...} object a line.
Prints accuracy, macro-F1, per-intent precision/recall/F1/support and the most frequent confusions.
Bad lines are reported with their line number and skipped.
`;

/** A line that could not be used, with its 1-based line number. */
export interface BadLine {
  line: number;
  message: string;
}

/** `eval` output: the report plus the lines it had to skip. */
export interface EvalRun {
  report: EvalReport;
  errors: BadLine[];
}

/**
 * The light normalization the command applies before classifying (NFKC, collapsed whitespace), so that
 * figures do not depend on how a cases file was typed; the engine facade does the full normalization.
 */
export function simpleNormalize(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/**
 * Reads labelled cases from a stream line by line (large files stay flat in memory apart from the
 * cases themselves) and evaluates them. Exported so tests run exactly what the command runs.
 */
export async function evaluateStream(input: Readable, classifier: IntentClassifier): Promise<EvalRun> {
  const cases: LabelledCase[] = [];
  const errors: BadLine[] = [];
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const parsed = parseCaseLine(raw, n);
    if (parsed.kind === 'error') errors.push({ line: parsed.line, message: parsed.message });
    else if (parsed.kind === 'case')
      cases.push({ ...parsed.value, text: simpleNormalize(parsed.value.text) });
  }
  const report = evaluateCases((t) => classifier.classify(t), cases, classifier.labels);
  return { report, errors };
}

/** Evaluates a cases file with the shipped (or given) classifier. */
export async function evaluateFile(path: string, classifier?: IntentClassifier): Promise<EvalRun> {
  const model = classifier ?? createIntentClassifier();
  const stream = createReadStream(path, { encoding: 'utf8' });
  // Surface open errors (missing file, directory) as a rejection instead of an unhandled stream error.
  await new Promise<void>((ok, fail) => {
    stream.once('open', () => ok());
    stream.once('error', fail);
  });
  return evaluateStream(stream, model);
}

interface EvalArgs {
  cases?: string;
  json: boolean;
  resources?: string;
  minAccuracy?: number;
}

function parseArgs(args: string[]): EvalArgs | string {
  const out: EvalArgs = { json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--json') out.json = true;
      else if (a === '--cases') out.cases = value();
      else if (a === '--resources') out.resources = value();
      else if (a === '--min-accuracy') {
        const v = Number(value());
        if (!Number.isFinite(v) || v < 0 || v > 1) return '--min-accuracy must be a number between 0 and 1';
        out.minAccuracy = v;
      } else if (a === '--help' || a === '-h') return '';
      else return `Unknown option "${a}"`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  if (!out.cases) return '--cases FILE is required';
  return out;
}

/**
 * `eval --cases FILE [--json]`: how well the offline intent model does on a team's own labelled
 * messages. Exit 0 when evaluated, 1 when the file cannot be read or holds no usable case,
 * 2 on a usage error, 3 when below --min-accuracy (for CI gates).
 */
export const evalCommand: CliCommand = async (args, io) => {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    if (parsed) io.stderr.write(`eval: ${parsed}\n\n`);
    (parsed ? io.stderr : io.stdout).write(USAGE);
    return parsed ? 2 : 0;
  }
  const path = resolve(io.cwd, parsed.cases!);
  let run: EvalRun;
  try {
    const classifier = createIntentClassifier(
      parsed.resources ? { resourcesDir: resolve(io.cwd, parsed.resources) } : {},
    );
    run = await evaluateFile(path, classifier);
  } catch (error) {
    io.stderr.write(
      `eval: cannot evaluate ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  for (const e of run.errors) io.stderr.write(`eval: line ${e.line}: ${e.message}\n`);
  if (run.report.total === 0) {
    io.stderr.write(`eval: no usable cases in ${path}\n`);
    return 1;
  }
  if (parsed.json) {
    io.stdout.write(JSON.stringify({ ...run.report, errors: run.errors }) + '\n');
  } else {
    io.stdout.write(formatReport(run.report));
    if (run.errors.length) io.stdout.write(`\nSkipped ${run.errors.length} bad line(s); see stderr.\n`);
  }
  if (parsed.minAccuracy !== undefined && run.report.accuracy < parsed.minAccuracy) {
    io.stderr.write(
      `eval: accuracy ${(run.report.accuracy * 100).toFixed(1)}% is below the required ${(parsed.minAccuracy * 100).toFixed(1)}%\n`,
    );
    return 3;
  }
  return 0;
};

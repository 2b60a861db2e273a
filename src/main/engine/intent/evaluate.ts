import { z } from 'zod';
import type { IntentScore } from './model';

/**
 * Scoring of the intent model against labelled messages: the numbers QA teams and our own tests use
 * to decide whether a data or model change is an improvement. Kept apart from the CLI so tests and
 * cross-validation compute exactly the same figures as `eval`.
 */

/** One labelled case as it appears in a cases file. */
export const LabelledCaseSchema = z.object({
  text: z.string().min(1, 'text is empty'),
  intent: z.string().min(1, 'intent is empty'),
  id: z.union([z.string(), z.number()]).optional(),
});
export type LabelledCase = z.infer<typeof LabelledCaseSchema>;

/** Result of parsing one JSONL line: a case, an error with its line number, or nothing (blank line). */
export type CaseLineResult =
  | { kind: 'case'; line: number; value: LabelledCase }
  | { kind: 'error'; line: number; message: string }
  | { kind: 'blank'; line: number };

/** Parses one JSONL line; never throws, so one bad line cannot stop an evaluation. */
export function parseCaseLine(raw: string, line: number): CaseLineResult {
  const text = raw.trim();
  if (text.length === 0) return { kind: 'blank', line };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'error',
      line,
      message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const parsed = LabelledCaseSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
      .join('; ');
    return { kind: 'error', line, message: `expected {text, intent}: ${detail}` };
  }
  return { kind: 'case', line, value: parsed.data };
}

/** One scored case: the expected label, the top prediction and its confidence. */
export interface Prediction {
  gold: string;
  predicted: string;
  confidence: number;
}

/** Per-label figures, so a team sees which intents need more or clearer examples. */
export interface IntentMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
  /** How often the model predicted this label. */
  predicted: number;
}

/** How often one label was taken for another: the first place to look when adding examples. */
export interface Confusion {
  gold: string;
  predicted: string;
  count: number;
}

/** Everything `eval` prints; stable field names because `--json` output feeds CI checks. */
export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  /** Mean F1 over labels that occur in the gold data or in the predictions. */
  macroF1: number;
  perIntent: IntentMetrics[];
  confusions: Confusion[];
  /** Calibration sanity: mean confidence on right vs wrong predictions. */
  meanConfidenceCorrect: number;
  meanConfidenceWrong: number;
  /** Gold labels the model does not know (typo in a cases file, or a renamed intent). */
  unknownGoldLabels: string[];
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Computes accuracy, macro-F1, per-label P/R/F1 and the most frequent confusions. */
export function computeReport(
  predictions: readonly Prediction[],
  knownLabels: readonly string[],
  topConfusions = 10,
): EvalReport {
  const labels = new Set<string>();
  const tp = new Map<string, number>();
  const gold = new Map<string, number>();
  const pred = new Map<string, number>();
  const confusions = new Map<string, Confusion>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const right: number[] = [];
  const wrong: number[] = [];
  for (const p of predictions) {
    labels.add(p.gold);
    labels.add(p.predicted);
    inc(gold, p.gold);
    inc(pred, p.predicted);
    if (p.gold === p.predicted) {
      inc(tp, p.gold);
      right.push(p.confidence);
    } else {
      wrong.push(p.confidence);
      const key = `${p.gold}\u0000${p.predicted}`;
      const c = confusions.get(key) ?? { gold: p.gold, predicted: p.predicted, count: 0 };
      c.count++;
      confusions.set(key, c);
    }
  }
  const perIntent: IntentMetrics[] = [...labels].sort().map((label) => {
    const t = tp.get(label) ?? 0;
    const support = gold.get(label) ?? 0;
    const predicted = pred.get(label) ?? 0;
    const precision = predicted ? t / predicted : 0;
    const recall = support ? t / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support, predicted };
  });
  const correct = right.length;
  const known = new Set(knownLabels);
  return {
    total: predictions.length,
    correct,
    accuracy: predictions.length ? correct / predictions.length : 0,
    macroF1: mean(perIntent.map((m) => m.f1)),
    perIntent,
    confusions: [...confusions.values()]
      .sort(
        (a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted),
      )
      .slice(0, topConfusions),
    meanConfidenceCorrect: mean(right),
    meanConfidenceWrong: mean(wrong),
    unknownGoldLabels: [...gold.keys()].filter((l) => !known.has(l)).sort(),
  };
}

/** Runs a classifier over labelled cases (top label only) and scores it. */
export function evaluateCases(
  classify: (text: string) => IntentScore[],
  cases: readonly { text: string; intent: string }[],
  knownLabels: readonly string[],
): EvalReport {
  const predictions = cases.map((c) => {
    const top = classify(c.text)[0];
    return { gold: c.intent, predicted: top?.label ?? '', confidence: top?.confidence ?? 0 };
  });
  return computeReport(predictions, knownLabels);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Human-readable report: summary, per-intent table, top confusions. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    `Cases: ${report.total}   Accuracy: ${pct(report.accuracy)} (${report.correct}/${report.total})   Macro-F1: ${pct(report.macroF1)}`,
  );
  lines.push(
    `Mean confidence: ${report.meanConfidenceCorrect.toFixed(2)} when right, ${report.meanConfidenceWrong.toFixed(2)} when wrong`,
  );
  if (report.unknownGoldLabels.length)
    lines.push(`Labels not in the taxonomy: ${report.unknownGoldLabels.join(', ')}`);
  lines.push('');
  const width = Math.max(6, ...report.perIntent.map((m) => m.label.length));
  lines.push(`${'intent'.padEnd(width)}  precision  recall     F1  support`);
  for (const m of report.perIntent) {
    lines.push(
      `${m.label.padEnd(width)}  ${pct(m.precision).padStart(9)}  ${pct(m.recall).padStart(6)} ${pct(m.f1).padStart(6)}  ${String(m.support).padStart(7)}`,
    );
  }
  lines.push('');
  if (report.confusions.length === 0) {
    lines.push('No confusions.');
  } else {
    lines.push('Most frequent confusions (expected → predicted):');
    for (const c of report.confusions)
      lines.push(`  ${String(c.count).padStart(4)}  ${c.gold} → ${c.predicted}`);
  }
  return lines.join('\n') + '\n';
}

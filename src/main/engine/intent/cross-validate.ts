import { computeReport, type EvalReport, type Prediction } from './evaluate';
import { buildIntentModel, type BuildOptions } from './model';
import type { Taxonomy } from './taxonomy';

/**
 * Stratified k-fold cross-validation on the training examples. The dev set is small and written by the
 * same people as the training data; k-fold over the examples is a second, independent estimate of how the
 * model does on wording it has not seen, and catches overfitting to the dev set when tuning.
 * Fold of an example = its position within its label modulo k (deterministic).
 */
export function crossValidate(
  taxonomy: Taxonomy,
  examples: Readonly<Record<string, readonly string[]>>,
  folds = 5,
  options: BuildOptions = {},
): EvalReport {
  const labels = taxonomy.intents.map((i) => i.label);
  const predictions: Prediction[] = [];
  for (let f = 0; f < folds; f++) {
    const train: Record<string, string[]> = {};
    const test: { text: string; intent: string }[] = [];
    for (const label of labels) {
      const list = examples[label] ?? [];
      train[label] = list.filter((_, i) => i % folds !== f);
      list.forEach((text, i) => {
        if (i % folds === f) test.push({ text, intent: label });
      });
    }
    const model = buildIntentModel(taxonomy, train, options);
    for (const c of test) {
      const top = model.classify(c.text)[0]!;
      predictions.push({ gold: c.intent, predicted: top.label, confidence: top.confidence });
    }
  }
  return computeReport(predictions, labels);
}

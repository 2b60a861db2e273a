import type { IntentClassifier } from '../../../src/main/engine/intent';

/**
 * A keyword classifier standing in for the trained model, so engine tests are fast and do not
 * depend on the training data: the facade's job (wiring, thresholds, secondary intents) is what
 * these tests check. The real model has its own tests.
 */
export function fakeClassifier(
  rules: Record<string, RegExp> = DEFAULT_RULES,
): Pick<IntentClassifier, 'labels' | 'classify'> {
  const labels = [...Object.keys(rules), 'other'];
  return {
    labels,
    classify(text: string) {
      const hits = Object.entries(rules)
        .filter(([, re]) => re.test(text))
        .map(([label]) => label);
      const scores = labels.map((label) => ({
        label,
        confidence:
          hits.length === 0
            ? label === 'other'
              ? 0.3
              : 0.7 / (labels.length - 1)
            : hits.includes(label)
              ? 0.9 / hits.length
              : 0.1 / (labels.length - hits.length),
      }));
      return scores.sort((a, b) => b.confidence - a.confidence);
    },
  };
}

const DEFAULT_RULES: Record<string, RegExp> = {
  order_status: /where is my order|order status/i,
  refund: /refund/i,
  talk_to_human: /manager|human/i,
  privacy_request: /gdpr|delete my data/i,
};

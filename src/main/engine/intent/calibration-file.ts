import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_FEATURE_WEIGHTS } from './features';
import { DEFAULT_TRAIN_OPTIONS } from './softmax';
import type { Taxonomy } from './taxonomy';

/**
 * Fitting the temperature needs a second model trained without a held-out slice, which doubles
 * start-up training. The fitted value is therefore shipped in `intents/calibration.json` together with
 * a fingerprint of everything it depends on (taxonomy, examples, lexicon, training settings). At
 * start-up a matching fingerprint lets us skip the second training; a team that edits the data simply
 * gets the fit at start-up (slower, still correct) until the file is regenerated with
 * `npx tsx src/main/engine/intent/calibrate.ts`.
 */
export const CALIBRATION_FILE = join('intents', 'calibration.json');

/** Bump when the features or the trainer change in a way that changes the model for the same data. */
export const MODEL_VERSION = 5;

const CalibrationSchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  temperature: z.number().positive().max(100),
});
export type CalibrationRecord = z.infer<typeof CalibrationSchema>;

/** What the model is trained from; the fingerprint is a SHA-256 over it. */
export interface IntentDataParts {
  taxonomy: Taxonomy;
  examples: Readonly<Record<string, readonly string[]>>;
  lexiconSource: string | undefined;
}

/** SHA-256 over the training data and settings: equal fingerprints mean the shipped temperature still applies. */
export function dataFingerprint(parts: IntentDataParts): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      modelVersion: MODEL_VERSION,
      train: DEFAULT_TRAIN_OPTIONS,
      features: DEFAULT_FEATURE_WEIGHTS,
      taxonomy: parts.taxonomy,
      examples: parts.taxonomy.intents.map((i) => [i.label, parts.examples[i.label] ?? []]),
      lexicon: parts.lexiconSource ?? null,
    }),
  );
  return hash.digest('hex');
}

/** The shipped record, or undefined when missing or unreadable (start-up then fits the temperature). */
export function readCalibration(resourcesDir: string): CalibrationRecord | undefined {
  const file = join(resourcesDir, CALIBRATION_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = CalibrationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the record next to the data it was fitted on (used by calibrate.ts only, never at run time). */
export function writeCalibration(resourcesDir: string, record: CalibrationRecord): void {
  writeFileSync(join(resourcesDir, CALIBRATION_FILE), JSON.stringify(record, null, 2) + '\n');
}

import { resolve } from 'node:path';
import { dataFingerprint, writeCalibration, type CalibrationRecord } from './calibration-file';
import { buildIntentModel } from './model';
import { loadExamples, loadLexicon, loadTaxonomy, resolveResourcesDir } from './resources';

/**
 * Re-fits the temperature for the data in a resources folder and returns the record to ship. Run after
 * editing the taxonomy, examples or lexicon: `npx tsx src/main/engine/intent/calibrate.ts [resourcesDir]`.
 * (Forgetting only costs start-up time: a stale record is ignored and the fit happens at start-up.)
 */
export function fitCalibration(resourcesDir: string): CalibrationRecord {
  const taxonomy = loadTaxonomy(resourcesDir);
  const examples = loadExamples(resourcesDir, taxonomy);
  const loaded = loadLexicon(resourcesDir);
  const model = buildIntentModel(taxonomy, examples, { lexicon: loaded?.lexicon });
  return {
    fingerprint: dataFingerprint({ taxonomy, examples, lexiconSource: loaded?.source }),
    temperature: Number(model.temperature.toFixed(6)),
  };
}

const isEntryPoint =
  process.argv[1] !== undefined && /intent[\\/]calibrate\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntryPoint) {
  const dir = resolveResourcesDir(process.argv[2] ? resolve(process.argv[2]) : undefined);
  const record = fitCalibration(dir);
  writeCalibration(dir, record);
  process.stdout.write(`Wrote ${dir}/intents/calibration.json: temperature ${record.temperature}\n`);
}

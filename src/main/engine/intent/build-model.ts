import { resolve } from 'node:path';
import { dataFingerprint, writeShippedModel } from './model-file';
import { buildIntentModel, type ModelSnapshot } from './model';
import { loadExamples, loadLexicon, loadTaxonomy, resolveResourcesDir } from './resources';

/**
 * Trains the model (temperature fit included) on the data in a resources folder and returns what to
 * ship. Run after editing the taxonomy, examples or lexicon:
 * `npx tsx src/main/engine/intent/build-model.ts [resourcesDir]`.
 */
export function trainShippedModel(resourcesDir: string): { fingerprint: string; snapshot: ModelSnapshot } {
  const taxonomy = loadTaxonomy(resourcesDir);
  const examples = loadExamples(resourcesDir, taxonomy);
  const loaded = loadLexicon(resourcesDir);
  const model = buildIntentModel(taxonomy, examples, { lexicon: loaded?.lexicon });
  return {
    fingerprint: dataFingerprint({ taxonomy, examples, lexiconSource: loaded?.source }),
    snapshot: model.snapshot(),
  };
}

const isEntryPoint =
  process.argv[1] !== undefined && /intent[\\/]build-model\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntryPoint) {
  const dir = resolveResourcesDir(process.argv[2] ? resolve(process.argv[2]) : undefined);
  const { fingerprint, snapshot } = trainShippedModel(dir);
  writeShippedModel(dir, fingerprint, snapshot);
  process.stdout.write(
    `Wrote ${dir}/intents/model.bin: ${snapshot.terms.length} features, temperature ${snapshot.temperature.toFixed(3)}\n`,
  );
}

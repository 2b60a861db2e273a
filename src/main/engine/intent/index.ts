import { dataFingerprint, readShippedModel } from './model-file';
import type { Lexicon } from './lexicon';
import { buildIntentModel, type BuildOptions, type IntentScore, type ModelSnapshot } from './model';
import { loadExamples, loadLexicon, loadTaxonomy, resolveResourcesDir } from './resources';
import type { Taxonomy } from './taxonomy';

export type { IntentScore } from './model';
export { IntentDataError, parseTaxonomy, TaxonomySchema, type Taxonomy, type IntentDef } from './taxonomy';
export { resolveResourcesDir, loadTaxonomy, loadExamples, loadLexicon, parseExampleLines } from './resources';
export { parseLexicon, type Lexicon } from './lexicon';

/**
 * The offline intent model the engine uses with no network and no API key. Labels come from the
 * taxonomy file, so they are strings, not a closed union.
 */
export interface IntentClassifier {
  readonly labels: readonly string[];
  /** The taxonomy the model was trained for (display names and descriptions for the UI). */
  readonly taxonomy: Taxonomy;
  /** Softmax temperature fitted on held-out examples (1 = uncalibrated). */
  readonly temperature: number;
  /** Whether the shipped trained model was used (false: trained at start-up because the data changed). */
  readonly fromShippedModel: boolean;
  /**
   * Every label with its calibrated probability, sorted by confidence (descending); the
   * probabilities sum to 1. Expects normalized text (the engine's normalize stage), but any text works.
   */
  classify(normalizedText: string): IntentScore[];
}

/** Everything is optional: the engine normally passes nothing, tests and previews pass data. */
export interface IntentClassifierOptions {
  /** Folder holding `intents/taxonomy.yaml` and `intents/examples/`; found automatically when omitted. */
  resourcesDir?: string;
  /** Taxonomy to use instead of the file's (tests, teams previewing an edit). */
  taxonomy?: Taxonomy;
  /** Training examples per label to use instead of the files' (same reasons). */
  examples?: Readonly<Record<string, readonly string[]>>;
  /**
   * Concept lexicon to use instead of the file's; `null` for none. When taxonomy and examples are
   * both given and this is omitted, no lexicon is used (nothing is read from disk).
   */
  lexicon?: Lexicon | null;
  /** Training knobs; defaults are what ships. */
  build?: Omit<BuildOptions, 'lexicon'>;
}

/**
 * Loads the taxonomy, examples and lexicon, then the shipped trained model when its fingerprint matches
 * that data (fast start-up), or trains at start-up when it does not: a team's edit to the examples takes
 * effect on the next start, and the model never drifts from the data it claims to come from. Throws
 * IntentDataError on bad data, naming the file and the place.
 */
export function createIntentClassifier(options: IntentClassifierOptions = {}): IntentClassifier {
  const fromFiles = !options.taxonomy || !options.examples;
  const dir = fromFiles ? resolveResourcesDir(options.resourcesDir) : options.resourcesDir;
  const taxonomy = options.taxonomy ?? loadTaxonomy(dir!);
  const examples = options.examples ?? loadExamples(dir!, taxonomy);
  let lexicon: Lexicon | undefined;
  let lexiconSource: string | undefined;
  if (options.lexicon !== undefined) {
    lexicon = options.lexicon ?? undefined;
  } else if (dir) {
    const loaded = loadLexicon(dir);
    lexicon = loaded?.lexicon;
    lexiconSource = loaded?.source;
  }

  // The shipped model is only valid for the shipped training settings and the exact data.
  let snapshot: ModelSnapshot | undefined;
  if (!options.build && dir && (lexicon === undefined || lexiconSource !== undefined)) {
    const shipped = readShippedModel(dir);
    if (shipped && shipped.fingerprint === dataFingerprint({ taxonomy, examples, lexiconSource })) {
      snapshot = shipped.snapshot;
    }
  }
  const model = buildIntentModel(taxonomy, examples, { ...options.build, lexicon, snapshot });
  return {
    labels: model.labels,
    taxonomy,
    temperature: model.temperature,
    fromShippedModel: snapshot !== undefined,
    classify: (text) => model.classify(text),
  };
}

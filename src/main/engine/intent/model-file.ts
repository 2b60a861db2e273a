import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_FEATURE_WEIGHTS } from './features';
import type { ModelSnapshot } from './model';
import { DEFAULT_TRAIN_OPTIONS } from './softmax';
import type { Taxonomy } from './taxonomy';

/**
 * The trained model shipped in `intents/model.json`, with a fingerprint of everything it was trained
 * from (taxonomy, examples, lexicon, training settings, model version). On the 2-core machine (under
 * heavy load from parallel jobs) training at start-up, temperature fit included, took ~600 ms of CPU,
 * over the engine's 300 ms start-up budget; loading the shipped model takes ~100–200 ms. When the fingerprint
 * does not match — a team edited the examples — the model is trained at start-up instead (slower,
 * still correct) until the file is rebuilt with `npx tsx src/main/engine/intent/build-model.ts`.
 * A unit test fails when the shipped file is stale.
 */
export const MODEL_FILE = join('intents', 'model.json');

/** Bump when the features or the trainer change in a way that changes the model for the same data. */
export const MODEL_VERSION = 6;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
const ModelFileSchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  temperature: z.number().positive().max(100),
  classes: z.number().int().positive(),
  /** Base64 little-endian arrays: Uint32 term ids, Float32 IDF, Float32 weights [feature][class]. */
  terms: b64,
  idf: b64,
  weights: b64,
  /** Base64 Float64 class biases. */
  bias: b64,
});

/** What the model is trained from; the fingerprint is a SHA-256 over it. */
export interface IntentDataParts {
  taxonomy: Taxonomy;
  examples: Readonly<Record<string, readonly string[]>>;
  lexiconSource: string | undefined;
}

/** SHA-256 over the training data and settings: equal fingerprints mean the shipped model still applies. */
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

const toB64 = (a: Uint32Array | Float32Array | Float64Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
function fromB64<T extends Uint32Array | Float32Array | Float64Array>(
  s: string,
  make: (buf: ArrayBuffer) => T,
): T {
  const buf = Buffer.from(s, 'base64');
  // Copy into a fresh, aligned buffer (Node's pooled buffers may be unaligned for 4-byte views).
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return make(copy);
}

/** A shipped model and the fingerprint of the data it was trained on. */
export interface ShippedModel {
  fingerprint: string;
  snapshot: ModelSnapshot;
}

/**
 * Reads the shipped model, or undefined when missing, unreadable or malformed: start-up then trains
 * from the data, so a damaged file costs time, never correctness.
 */
export function readShippedModel(resourcesDir: string): ShippedModel | undefined {
  const file = join(resourcesDir, MODEL_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = ModelFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) return undefined;
    const m = parsed.data;
    const terms = fromB64(m.terms, (b) => new Uint32Array(b));
    const idf = Float64Array.from(fromB64(m.idf, (b) => new Float32Array(b)));
    const weights = Float64Array.from(fromB64(m.weights, (b) => new Float32Array(b)));
    const bias = fromB64(m.bias, (b) => new Float64Array(b));
    if (
      idf.length !== terms.length ||
      weights.length !== terms.length * m.classes ||
      bias.length !== m.classes
    ) {
      return undefined;
    }
    const snapshot = { temperature: m.temperature, classes: m.classes, terms, idf, weights, bias };
    return { fingerprint: m.fingerprint, snapshot };
  } catch {
    return undefined;
  }
}

/** Writes the model next to the data it was trained on (build-model.ts only, never at run time). */
export function writeShippedModel(resourcesDir: string, fingerprint: string, s: ModelSnapshot): void {
  const file = {
    fingerprint,
    temperature: s.temperature,
    classes: s.classes,
    terms: toB64(s.terms),
    idf: toB64(Float32Array.from(s.idf)),
    weights: toB64(Float32Array.from(s.weights)),
    bias: toB64(s.bias),
  };
  // Only scalars and strings, indented like Prettier formats JSON, so format checks pass as generated.
  writeFileSync(join(resourcesDir, MODEL_FILE), JSON.stringify(file, null, 2) + '\n');
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FEATURE_WEIGHTS } from './features';
import type { ModelSnapshot } from './model';
import { DEFAULT_TRAIN_OPTIONS } from './softmax';
import type { Taxonomy } from './taxonomy';

/**
 * The trained model shipped in `intents/model.bin`, with a fingerprint of everything it was trained
 * from (taxonomy, examples, lexicon, training settings, model version). Training at start-up, temperature
 * fit included, takes ~600 ms of CPU on the 2-core machine, over the engine's 300 ms start-up budget.
 * When the fingerprint does not match — a team edited the examples — the model is trained at start-up
 * instead (slower, still correct) until the file is rebuilt with
 * `npx tsx src/main/engine/intent/build-model.ts`. A unit test fails when the shipped file is stale.
 *
 * Binary rather than JSON: the arrays are read straight into typed arrays, without parsing and decoding
 * 1.7 MB of base64 text at every start. Layout, little-endian: magic `TNDMINT1`, 32-byte SHA-256
 * fingerprint, f64 temperature, u32 classes, u32 features, then u32 term ids [features], f32 IDF
 * [features], f32 weights [features × classes], f64 biases [classes].
 */
export const MODEL_FILE = join('intents', 'model.bin');

/** Bump when the features or the trainer change in a way that changes the model for the same data. */
export const MODEL_VERSION = 6;

const MAGIC = 'TNDMINT1';
const HEADER_BYTES = 8 + 32 + 8 + 4 + 4;

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

/** Copies `count` elements of `bytes` from `offset` into an aligned typed array (Buffers may be unaligned). */
function view<T>(
  bytes: Uint8Array,
  offset: number,
  count: number,
  width: number,
  make: (buf: ArrayBuffer) => T,
): T {
  const copy = new ArrayBuffer(count * width);
  new Uint8Array(copy).set(bytes.subarray(offset, offset + count * width));
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
    return decodeModel(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Parses the binary layout; undefined when anything is off (wrong magic, sizes, non-finite numbers). */
export function decodeModel(bytes: Uint8Array): ShippedModel | undefined {
  if (bytes.byteLength < HEADER_BYTES) return undefined;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) return undefined;
  const fingerprint = Array.from(bytes.subarray(8, 40), (b) => b.toString(16).padStart(2, '0')).join('');
  const temperature = dv.getFloat64(40, true);
  const classes = dv.getUint32(48, true);
  const n = dv.getUint32(52, true);
  if (!(temperature > 0 && temperature <= 100) || classes === 0 || classes > 1000) return undefined;
  if (bytes.byteLength !== HEADER_BYTES + n * 4 + n * 4 + n * classes * 4 + classes * 8) return undefined;
  let at = HEADER_BYTES;
  const terms = view(bytes, at, n, 4, (b) => new Uint32Array(b));
  at += n * 4;
  const idf = Float64Array.from(view(bytes, at, n, 4, (b) => new Float32Array(b)));
  at += n * 4;
  const weights = Float64Array.from(view(bytes, at, n * classes, 4, (b) => new Float32Array(b)));
  at += n * classes * 4;
  const bias = view(bytes, at, classes, 8, (b) => new Float64Array(b));
  if (!idf.every(Number.isFinite) || !weights.every(Number.isFinite) || !bias.every(Number.isFinite))
    return undefined;
  return { fingerprint, snapshot: { temperature, classes, terms, idf, weights, bias } };
}

/** The binary layout of a model (see MODEL_FILE). */
export function encodeModel(fingerprint: string, s: ModelSnapshot): Uint8Array {
  const n = s.terms.length;
  const k = s.classes;
  const out = new Uint8Array(HEADER_BYTES + n * 4 + n * 4 + n * k * 4 + k * 8);
  const dv = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  for (let i = 0; i < 32; i++) out[8 + i] = parseInt(fingerprint.slice(i * 2, i * 2 + 2), 16);
  dv.setFloat64(40, s.temperature, true);
  dv.setUint32(48, k, true);
  dv.setUint32(52, n, true);
  let at = HEADER_BYTES;
  const put = (a: Uint32Array | Float32Array | Float64Array) => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  };
  put(s.terms);
  put(Float32Array.from(s.idf));
  put(Float32Array.from(s.weights));
  put(s.bias);
  return out;
}

/** Writes the model next to the data it was trained on (build-model.ts only, never at run time). */
export function writeShippedModel(resourcesDir: string, fingerprint: string, s: ModelSnapshot): void {
  if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw new Error('fingerprint must be a hex SHA-256');
  writeFileSync(join(resourcesDir, MODEL_FILE), encodeModel(fingerprint, s));
}

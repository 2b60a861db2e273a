/**
 * Text → sparse TF-IDF vector over word uni/bi-grams and character 3–5-grams.
 *
 * Word n-grams carry the topic ("refund", "where is"), character n-grams make the model robust to the
 * typos, missing spaces, inflections and non-native spellings of real support traffic ("wher is my oder",
 * "refundd", "délivré"). Both are needed: either alone loses several points on unseen messages.
 */

import type { Lexicon } from './lexicon';

/** A sparse vector: parallel arrays of feature indices (ascending) and values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const DIGIT_RUN = /\d+(?:[.,:/-]\d+)*/g;
const NON_WORD = /[^\p{L}\p{N}?!#]+/gu;

/**
 * Lowercases, folds accents, maps every number to one token and keeps `?`/`!` as tokens of their own,
 * so "Order #10234 ??" and "order #55 ?" look alike to the model.
 */
export function canonicalize(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      .toLowerCase()
      .replace(/ß/g, 'ss')
      // "don't" and "dont" are the same word in support mail.
      .replace(/['’`´]/g, '')
      .replace(DIGIT_RUN, ' 0 ')
      .replace(/#\s*0/g, ' 0 ')
      .replace(/([?!])+/g, ' $1 ')
      .replace(NON_WORD, ' ')
      .trim()
  );
}

/** Word tokens of canonical text; single `#` dropped (numbers already carry the meaning). */
export function tokenize(canonical: string): string[] {
  return canonical.split(' ').filter((t) => t.length > 0 && t !== '#');
}

/**
 * Raw terms of a message, prefixed by kind so word, character and concept features never collide.
 * Character grams are taken inside padded words (" refund ") as in fastText, which keeps them
 * meaningful and cheap. Concept terms (`k:`) come from the lexicon when one is given.
 */
export function extractTerms(text: string, lexicon?: Lexicon): string[] {
  const tokens = tokenize(canonicalize(text));
  const terms: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    terms.push('w:' + t);
    if (i + 1 < tokens.length) terms.push('b:' + t + ' ' + tokens[i + 1]!);
    if (t === '?' || t === '!' || t === '0') continue;
    const padded = ' ' + t + ' ';
    for (let n = 3; n <= 5; n++) {
      for (let s = 0; s + n <= padded.length; s++) terms.push('c:' + padded.slice(s, s + n));
    }
  }
  if (lexicon) for (const concept of lexicon.match(tokens)) terms.push('k:' + concept);
  return terms;
}

function counts(terms: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const term of terms) m.set(term, (m.get(term) ?? 0) + 1);
  return m;
}

/** A fitted vocabulary with IDF weights; `transform` ignores terms unseen in training. */
export interface Vectorizer {
  readonly size: number;
  transform(text: string): SparseVector;
  transformTerms(terms: readonly string[]): SparseVector;
}

/**
 * Fits the vocabulary and IDF on the training texts. Terms seen in a single training message only
 * are kept (small data set: dropping them would lose most misspellings).
 */
export interface FeatureWeights {
  word: number;
  bigram: number;
  char: number;
  concept: number;
}

/** Relative weight of each feature family (tuned by cross-validation on the training examples). */
export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { word: 1, bigram: 1, char: 0.3, concept: 3 };

const FAMILY: Record<string, keyof FeatureWeights> = { w: 'word', b: 'bigram', c: 'char', k: 'concept' };

export function fitVectorizer(
  termLists: readonly (readonly string[])[],
  lexicon?: Lexicon,
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): Vectorizer {
  const df = new Map<string, number>();
  for (const terms of termLists) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  const vocab = new Map<string, number>();
  const idf: number[] = [];
  const n = termLists.length;
  for (const [term, d] of df) {
    vocab.set(term, idf.length);
    idf.push((Math.log((1 + n) / (1 + d)) + 1) * weights[FAMILY[term[0]!] ?? 'word']);
  }
  const transformTerms = (terms: readonly string[]): SparseVector => {
    const entries: [number, number][] = [];
    let norm = 0;
    for (const [term, c] of counts(terms)) {
      const idx = vocab.get(term);
      if (idx === undefined) continue;
      // Sublinear tf: a word repeated in a rant should not dominate.
      const v = (1 + Math.log(c)) * idf[idx]!;
      entries.push([idx, v]);
      norm += v * v;
    }
    entries.sort((a, b) => a[0] - b[0]);
    const indices = new Int32Array(entries.length);
    const values = new Float64Array(entries.length);
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    entries.forEach(([i, v], k) => {
      indices[k] = i;
      values[k] = v * inv;
    });
    return { indices, values };
  };
  return {
    size: idf.length,
    transformTerms,
    transform: (text) => transformTerms(extractTerms(text, lexicon)),
  };
}

/**
 * Feature index of each hashed term, as an open-addressing table over typed arrays. Term ids are
 * 32-bit hashes, most of them outside V8's small-integer range, so a `Map<number, number>` boxes and
 * rehashes them on every lookup; scoring a message looks up about two thousand terms, and this table
 * does each in a couple of array reads.
 */
export interface TermIndex {
  /** Feature index of the term, or -1 when the model does not know it. */
  get(term: number): number;
  has(term: number): boolean;
}

export function createTermIndex(terms: Uint32Array): TermIndex {
  let bits = 4;
  while (1 << bits < terms.length * 2) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const keys = new Int32Array(1 << bits);
  const values = new Int32Array(1 << bits).fill(-1);
  const slot = (term: number): number => {
    const key = term | 0;
    let h = Math.imul(key, 0x9e3779b1) >>> shift;
    while (values[h] !== -1 && keys[h] !== key) h = (h + 1) & mask;
    return h;
  };
  terms.forEach((term, idx) => {
    const h = slot(term);
    // A repeated term keeps its first index, as `new Map(entries)` keeps the last: terms are unique in
    // a fitted vocabulary, so this never differs in practice.
    if (values[h] === -1) {
      keys[h] = term | 0;
      values[h] = idx;
    }
  });
  const get = (term: number): number => values[slot(term)]!;
  return { get, has: (term) => get(term) !== -1 };
}

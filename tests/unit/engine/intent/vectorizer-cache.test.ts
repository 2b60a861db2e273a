import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../../src/main/engine/bench/corpus';
import { createVectorizer, uncachedTransform } from '../../../../src/main/engine/intent/features';
import { readShippedModel } from '../../../../src/main/engine/intent/model-file';
import { loadLexicon, resolveResourcesDir } from '../../../../src/main/engine/intent/resources';

const dir = resolveResourcesDir();
const lexicon = loadLexicon(dir)!.lexicon;
const snapshot = readShippedModel(dir)!.snapshot;

const devTexts = readFileSync(join(__dirname, '../../../fixtures/intent-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

const tricky = [
  '',
  '??!!',
  'refnud refnud refnud plz',
  // More unknown words than the per-message typo budget: the budget must run out in the same place.
  Array.from({ length: 40 }, (_, i) => `zzqword${i} refnd`).join(' '),
  'wher is my pakage order #1234 it was suposed to arive yesterday',
  'THE LAMP IS BROKEN!!! cracked smashed kaputt',
  'talk to a real person now',
];

describe('vectorizer token cache', () => {
  it('gives exactly the vector of the uncached path, for the dev set, a generated corpus and edge cases', () => {
    const cached = createVectorizer(snapshot.terms, snapshot.idf, lexicon);
    const reference = uncachedTransform(createVectorizer(snapshot.terms, snapshot.idf, lexicon), lexicon);
    const texts = [...devTexts, ...generateCorpus(300, 7).map((m) => m.text), ...tricky];
    const differing: string[] = [];
    // Twice: the second pass is served from the cache.
    for (let pass = 0; pass < 2; pass++) {
      for (const text of texts) {
        const a = cached.transform(text);
        const b = reference(text);
        const same =
          a.indices.length === b.indices.length &&
          a.indices.every((x, i) => x === b.indices[i]) &&
          a.values.every((x, i) => x === b.values[i]);
        if (!same) differing.push(text);
      }
    }
    expect(texts.length).toBeGreaterThan(700);
    expect(differing).toEqual([]);
  });

  it('stays equal to the uncached path without a lexicon', () => {
    const v = createVectorizer(snapshot.terms, snapshot.idf);
    const reference = uncachedTransform(v);
    for (const text of tricky) {
      const a = v.transform(text);
      const b = reference(text);
      expect([...a.indices]).toEqual([...b.indices]);
      expect([...a.values]).toEqual([...b.values]);
    }
  });
});

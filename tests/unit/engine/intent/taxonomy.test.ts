import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createIntentClassifier,
  IntentDataError,
  loadExamples,
  parseLexicon,
  parseTaxonomy,
  resolveResourcesDir,
} from '../../../../src/main/engine/intent/index';
import { canonicalize } from '../../../../src/main/engine/intent/features';

const valid = `
version: 1
fallback: other
intents:
  - label: refund
    displayName: Refund
    description: Money back
  - label: other
    displayName: Other
    description: Anything else
`;

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IntentDataError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('taxonomy validation', () => {
  it('accepts a minimal taxonomy and fills defaults', () => {
    const t = parseTaxonomy(valid);
    expect(t.intents.map((i) => i.label)).toEqual(['refund', 'other']);
    expect(t.intents[0]!.rules).toEqual([]);
  });

  it('names the file and the place of a duplicate label', () => {
    const msg = errorOf(() =>
      parseTaxonomy(valid.replace('label: other', 'label: refund'), 'my/taxonomy.yaml'),
    );
    expect(msg).toContain('my/taxonomy.yaml');
    expect(msg).toMatch(/intents\.1\.label: duplicate label "refund"/);
  });

  it('rejects a fallback that is not an intent', () => {
    expect(errorOf(() => parseTaxonomy(valid.replace('fallback: other', 'fallback: misc')))).toMatch(
      /fallback: fallback "misc" is not one of the intents/,
    );
  });

  it('rejects a bad label, a missing field and an invalid rule regex with their paths', () => {
    expect(errorOf(() => parseTaxonomy(valid.replace('label: refund', 'label: Refund Request')))).toMatch(
      /intents\.0\.label: labels are snake_case/,
    );
    expect(errorOf(() => parseTaxonomy(valid.replace('    description: Money back\n', '')))).toMatch(
      /intents\.0\.description/,
    );
    const badRule = valid.replace(
      '    description: Money back\n',
      "    description: Money back\n    rules:\n      - pattern: '(unclosed'\n        boost: 2\n",
    );
    expect(errorOf(() => parseTaxonomy(badRule))).toMatch(
      /intents\.0\.rules\.0\.pattern: invalid regular expression/,
    );
  });

  it('reports YAML syntax errors as such', () => {
    expect(errorOf(() => parseTaxonomy('intents: [unclosed', 'x.yaml'))).toMatch(/x\.yaml: not valid YAML/);
  });

  it('rejects an invalid lexicon with the concept named', () => {
    const msg = errorOf(() =>
      parseLexicon('version: 1\nconcepts:\n  Bad-Name: "a, b"\n  empty: " , "\n', canonicalize),
    );
    expect(msg).toMatch(/concepts/);
    expect(msg).toMatch(/snake_case|at least one entry/);
  });
});

describe('resources on disk', () => {
  const shipped = resolveResourcesDir();

  function copyResources(): string {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-intents-'));
    cpSync(join(shipped, 'intents'), join(dir, 'intents'), { recursive: true });
    return dir;
  }

  it('finds the shipped resources folder from the module location', () => {
    expect(readFileSync(join(shipped, 'intents', 'taxonomy.yaml'), 'utf8')).toContain('order_status');
  });

  it('fails clearly when an intent has no examples file, or a file names an unknown intent', () => {
    const dir = copyResources();
    const taxonomy = parseTaxonomy(readFileSync(join(dir, 'intents', 'taxonomy.yaml'), 'utf8'));
    writeFileSync(join(dir, 'intents', 'examples', 'shipping_quote.txt'), 'how much to ship\n');
    expect(errorOf(() => loadExamples(dir, taxonomy))).toMatch(
      /"shipping_quote" is not an intent in the taxonomy/,
    );

    const dir2 = copyResources();
    mkdirSync(join(dir2, 'intents', 'examples'), { recursive: true });
    writeFileSync(join(dir2, 'intents', 'examples', 'refund.txt'), '');
    const withExtra = parseTaxonomy(
      readFileSync(join(dir2, 'intents', 'taxonomy.yaml'), 'utf8') +
        '\n  - label: gift_wrap\n    displayName: Gift wrap\n    description: Gift wrapping\n',
    );
    expect(errorOf(() => loadExamples(dir2, withExtra))).toMatch(/Missing examples file .*gift_wrap\.txt/);
  });

  it('rejects an explicit resources folder without a taxonomy', () => {
    expect(errorOf(() => createIntentClassifier({ resourcesDir: tmpdir() }))).toMatch(
      /No intent taxonomy at/,
    );
  });

  it('an edited data set is trained at start-up and the stale shipped model is ignored', () => {
    const dir = copyResources();
    const file = join(dir, 'intents', 'examples', 'refund.txt');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nmoney back for the broken kettle asap\n');
    const edited = createIntentClassifier({ resourcesDir: dir });
    expect(edited.fromShippedModel).toBe(false);
    expect(edited.classify('I want my money back')[0]!.label).toBe('refund');
  });

  it('ignores a corrupt shipped model and trains instead', () => {
    const dir = copyResources();
    const model = join(dir, 'intents', 'model.bin');
    writeFileSync(model, readFileSync(model).subarray(0, 5000));
    const c = createIntentClassifier({ resourcesDir: dir });
    expect(c.fromShippedModel).toBe(false);
    expect(c.classify('where is my refund')[0]!.label).toBe('refund');
  });

  it('accepts taxonomy and examples in memory, without touching disk', () => {
    const c = createIntentClassifier({
      taxonomy: parseTaxonomy(valid),
      examples: {
        refund: ['I want my money back', 'refund please', 'where is my refund'],
        other: ['hello', 'are you hiring', 'what time do you open'],
      },
    });
    expect(c.labels).toEqual(['refund', 'other']);
    expect(c.classify('refund my money')[0]!.label).toBe('refund');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTENTS } from '../../../../src/shared/domain/analysis';
import {
  loadExamples,
  loadLexicon,
  loadTaxonomy,
  resolveResourcesDir,
} from '../../../../src/main/engine/intent/index';
import { dataFingerprint, readShippedModel } from '../../../../src/main/engine/intent/model-file';

const dir = resolveResourcesDir();
const taxonomy = loadTaxonomy(dir);
const examples = loadExamples(dir, taxonomy);
const devPath = join(__dirname, '../../../fixtures/intent-dev.jsonl');
const dev = readFileSync(devPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { text: string; intent: string });

/** Loose form used to catch near-copies: case, accents, punctuation, numbers and spacing ignored. */
const loose = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\d+/g, '0')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('shipped intent data', () => {
  it('covers the default taxonomy', () => {
    expect(taxonomy.intents.map((i) => i.label)).toEqual([...DEFAULT_INTENTS]);
  });

  it('has at least 45 distinct training examples per intent', () => {
    for (const label of taxonomy.intents.map((i) => i.label)) {
      const list = examples[label]!;
      expect(list.length, label).toBeGreaterThanOrEqual(45);
      expect(new Set(list.map(loose)).size, `${label} has duplicate examples`).toBe(list.length);
    }
  });

  it('gives no message two different labels in training', () => {
    const seen = new Map<string, string>();
    for (const [label, list] of Object.entries(examples)) {
      for (const text of list) {
        const prev = seen.get(loose(text));
        expect(prev === undefined || prev === label, `"${text}" is in ${prev} and ${label}`).toBe(true);
        seen.set(loose(text), label);
      }
    }
  });

  it('has a dev set of 420+ messages, 18+ per intent, with known labels', () => {
    expect(dev.length).toBeGreaterThanOrEqual(420);
    const counts = new Map<string, number>();
    for (const c of dev) counts.set(c.intent, (counts.get(c.intent) ?? 0) + 1);
    for (const label of DEFAULT_INTENTS) expect(counts.get(label) ?? 0, label).toBeGreaterThanOrEqual(18);
    expect([...counts.keys()].every((l) => (DEFAULT_INTENTS as readonly string[]).includes(l))).toBe(true);
  });

  it('keeps train and dev disjoint (exact and normalized)', () => {
    const train = new Set(Object.values(examples).flat());
    const trainLoose = new Set([...train].map(loose));
    const clashes = dev.filter((c) => train.has(c.text) || trainLoose.has(loose(c.text))).map((c) => c.text);
    expect(clashes).toEqual([]);
    expect(new Set(dev.map((c) => loose(c.text))).size).toBe(dev.length);
  });

  it('ships a trained model that matches the data (rebuild: npx tsx src/main/engine/intent/build-model.ts)', () => {
    const shipped = readShippedModel(dir);
    expect(shipped).toBeDefined();
    const fingerprint = dataFingerprint({ taxonomy, examples, lexiconSource: loadLexicon(dir)?.source });
    expect(shipped!.fingerprint).toBe(fingerprint);
    expect(shipped!.snapshot.classes).toBe(taxonomy.intents.length);
  });
});

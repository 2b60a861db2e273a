import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, createRedactor } from '../../../src/main/engine';
import { normalizeChars } from '../../../src/main/engine/normalize';
import { fakeClassifier } from './fake-classifier';

interface Case {
  text: string;
  mask: string[];
  keep?: string[];
  types?: string[];
  names?: string[];
}

const dir = join(__dirname, '../../fixtures/redaction');
const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
const cases: { file: string; line: number; c: Case }[] = files.flatMap((file) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l, i) => ({ file, line: i + 1, c: JSON.parse(l) as Case })),
);

const PLACEHOLDER = /\[[A-Z]+_\d+\]/g;
/** Letters and digits only, so "4111 1111…" is found whatever separators survived. */
const core = (s: string): string =>
  normalizeChars(s)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();

function leaks(redacted: string, value: string): boolean {
  return core(redacted.replace(PLACEHOLDER, ' | ')).includes(core(value));
}

const redactor = createRedactor();
const engine = createEngine({ intentClassifier: fakeClassifier() });

describe('redaction corpus', () => {
  it('has every required type, look-alikes and at least 100 cases', () => {
    const types = new Set(cases.flatMap(({ c }) => c.types ?? []));
    for (const t of [
      'CARD',
      'CVV',
      'IBAN',
      'EMAIL',
      'PHONE',
      'SSN',
      'PASSWORD',
      'PIN',
      'OTP',
      'DOB',
      'ADDRESS',
      'NAME',
    ]) {
      expect(types, t).toContain(t);
    }
    expect(cases.filter(({ c }) => (c.keep ?? []).length > 0).length).toBeGreaterThanOrEqual(20);
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  for (const path of ['redactText', 'analyze'] as const) {
    it(`masks 100% of required values and 0 look-alikes (${path})`, () => {
      const missed: string[] = [];
      const overMasked: string[] = [];
      const wrongType: string[] = [];
      let required = 0;
      for (const { file, line, c } of cases) {
        const customer = c.names ? { name: c.names.join(' ') } : undefined;
        const result =
          path === 'redactText'
            ? redactor.redactText(c.text, { customer })
            : (() => {
                const a = engine.analyze({ text: c.text, customer, now: '2026-03-10T00:00:00Z' });
                return {
                  text: a.redactedText,
                  entities: a.entities.map((e) => ({ type: e.type.toUpperCase() })),
                };
              })();
        for (const value of c.mask) {
          required++;
          if (leaks(result.text, value))
            missed.push(`${file}:${line} ${JSON.stringify(value)} in ${JSON.stringify(result.text)}`);
        }
        for (const value of c.keep ?? []) {
          if (!result.text.includes(normalizeChars(value))) {
            overMasked.push(`${file}:${line} ${JSON.stringify(value)} → ${JSON.stringify(result.text)}`);
          }
        }
        const found = new Set(result.entities.map((e) => e.type));
        for (const t of c.types ?? [])
          if (!found.has(t)) wrongType.push(`${file}:${line} expected ${t}, got ${[...found].join(',')}`);
      }
      expect(required).toBeGreaterThan(80);
      expect(missed).toEqual([]);
      expect(overMasked).toEqual([]);
      expect(wrongType).toEqual([]);
    });
  }
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTENTS } from '../../../src/shared/domain/analysis';
import { loadCaseLibrary } from '../../../src/main/replay/case-library';
import { caseJsonSchemaText } from '../../../src/main/replay/case-json-schema';

const CASES = join(__dirname, '../../../resources/cases');

describe('shipped case library', () => {
  it('has at least 25 valid cases covering every intent', async () => {
    const lib = await loadCaseLibrary(CASES);
    expect(lib.problems).toEqual([]);
    expect(lib.cases.length).toBeGreaterThanOrEqual(25);
    const covered = new Set(
      lib.cases.flatMap((c) => [...c.expected.intents, ...c.turns.flatMap((t) => t.expectedIntents ?? [])]),
    );
    expect(DEFAULT_INTENTS.filter((i) => !covered.has(i))).toEqual([]);
    for (const c of lib.cases) for (const i of c.expected.intents) expect(DEFAULT_INTENTS).toContain(i);
  });

  it('covers the hard cases trainers asked for', async () => {
    const { cases } = await loadCaseLibrary(CASES);
    const tags = new Set(cases.flatMap((c) => c.tags));
    for (const t of [
      'vip',
      'legal',
      'chargeback',
      'gdpr',
      'final-sale',
      'prompt-injection',
      'spanish',
      'german',
      'multi-issue',
      'pii',
    ]) {
      expect(tags, t).toContain(t);
    }
    expect(cases.filter((c) => c.expected.escalation.required).length).toBeGreaterThanOrEqual(5);
  });

  it('ships a JSON Schema that matches the zod schema', async () => {
    expect(await readFile(join(CASES, 'case.schema.json'), 'utf8')).toBe(caseJsonSchemaText());
  });
});

describe('loadCaseLibrary with broken files', () => {
  it('reports file and JSON path, and still loads the good ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cases-'));
    const good = await readFile(join(CASES, 'cancel-order.json'), 'utf8');
    await writeFile(join(dir, 'a-good.json'), good);
    await writeFile(join(dir, 'b-truncated.json'), good.slice(0, 100));
    const bad = JSON.parse(good);
    bad.id = 'other-id';
    bad.turns[0].offsetSeconds = -5;
    delete bad.turns[0].goldReply;
    await writeFile(join(dir, 'c-invalid.json'), JSON.stringify(bad));
    await writeFile(join(dir, 'd-duplicate.json'), good);
    const lib = await loadCaseLibrary(dir);
    expect(lib.cases.map((c) => c.id)).toEqual(['cancel-order']);
    const summary = lib.problems.map((p) => `${p.file.split('/').pop()}:${p.path}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'b-truncated.json:',
        'c-invalid.json:turns.0.offsetSeconds',
        'c-invalid.json:turns.0.goldReply',
        'd-duplicate.json:id',
      ]),
    );
    expect(lib.problems.find((p) => p.file.endsWith('b-truncated.json'))?.message).toMatch(/Not valid JSON/);
  });
});

describe('shipped gold replies', () => {
  it('every gold reply passes the shipped policy check', async () => {
    const { loadOfflineKnowledge } = await import('../../../src/main/suggest');
    const { checker } = await loadOfflineKnowledge();
    const { cases } = await loadCaseLibrary(CASES);
    const failures = cases.flatMap((c) =>
      c.turns.flatMap((t, i) => {
        if (!t.goldReply) return [];
        const r = checker.check(t.goldReply, {
          customer: c.customer,
          order: c.order,
          customerLanguage: c.customer?.language,
        });
        return r.verdict === 'pass' || r.verdict === 'info'
          ? []
          : [`${c.id} turn ${i}: ${r.findings.map((f) => f.message).join('; ')}`];
      }),
    );
    expect(failures).toEqual([]);
  });
});

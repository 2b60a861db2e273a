import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPolicyChecker, loadPolicyPack, POLICY_RULES } from '../../../src/main/policy';
import type { CheckContext, PolicyChecker } from '../../../src/main/policy';
import { PACK_FILE } from '../suggest/fixtures';

interface Row {
  id: string;
  draft: string;
  context?: CheckContext;
  expectedVerdict: string;
  expectedRules: string[];
}

const rows: Row[] = readFileSync(join(__dirname, '../../fixtures/policy-drafts.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

let checker: PolicyChecker;
beforeAll(async () => {
  checker = createPolicyChecker(await loadPolicyPack(PACK_FILE));
});

describe('labelled policy corpus', () => {
  it('is big and balanced enough to mean something', () => {
    expect(rows.length).toBeGreaterThanOrEqual(170);
    const clean = rows.filter((r) => r.expectedVerdict === 'pass').length;
    expect(clean / rows.length).toBeGreaterThan(0.4);
    expect(clean / rows.length).toBeLessThan(0.6);
    const covered = new Set(rows.flatMap((r) => r.expectedRules));
    for (const rule of POLICY_RULES) expect(covered, rule).toContain(rule);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('reaches at least 95% verdict accuracy', () => {
    const misses: string[] = [];
    let ruleMatches = 0;
    for (const row of rows) {
      const result = checker.check(row.draft, row.context ?? {});
      if (result.verdict !== row.expectedVerdict)
        misses.push(`${row.id}: ${result.verdict} ≠ ${row.expectedVerdict}`);
      const got = [...new Set(result.findings.map((f) => f.rule))].sort();
      if (JSON.stringify(got) === JSON.stringify([...row.expectedRules].sort())) ruleMatches++;
    }
    const accuracy = 1 - misses.length / rows.length;
    console.info(
      `policy corpus: verdict accuracy ${(accuracy * 100).toFixed(1)}% (${rows.length - misses.length}/${rows.length}), ` +
        `exact rule sets ${ruleMatches}/${rows.length}`,
    );
    expect(accuracy, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});

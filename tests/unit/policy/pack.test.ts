import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import {
  createPolicyChecker,
  loadPolicyPack,
  parsePolicyPack,
  PolicyPackError,
  ruleSeverity,
} from '../../../src/main/policy';
import { PACK_FILE } from '../suggest/fixtures';

const shipped = () => parseYaml(readFileSync(PACK_FILE, 'utf8')) as Record<string, Record<string, unknown>>;

describe('policy pack', () => {
  it('loads the shipped Lumen & Loom pack with its limits', async () => {
    const pack = await loadPolicyPack(PACK_FILE);
    expect(pack.returns.windowDays).toBe(30);
    expect(pack.returns.finalSaleReturnable).toBe(false);
    expect(pack.refunds.businessDays).toEqual({ min: 5, max: 10 });
    expect(pack.shipping.standard).toEqual({ minBusinessDays: 3, maxBusinessDays: 7 });
    expect(pack.shipping.express).toEqual({ minBusinessDays: 1, maxBusinessDays: 2 });
    expect(pack.shipping.freeOver).toBe(75);
    expect(pack.shipping.carriers).toEqual(['UPS', 'USPS', 'DHL']);
    expect(pack.priceAdjustment.windowDays).toBe(14);
    expect(pack.goodwill).toEqual({ maxDiscountPercent: 15, maxStoreCredit: 20 });
    expect(pack.competitors).toEqual(['Amazon', 'Shein', 'Temu', 'Zara', 'H&M']);
    expect(ruleSeverity(pack, 'unfilled-placeholder')).toBe('block');
    expect(ruleSeverity(pack, 'wrong-language')).toBe('warn');
  });

  it('rejects an invalid pack listing the zod path of every problem', () => {
    const data = shipped();
    data.returns!.windowDays = -5;
    data.goodwill!.maxDiscountPercent = 'fifteen';
    (data.shipping as Record<string, unknown>).carriers = [];
    data.refunds!.businessDays = { min: 10, max: 5 };
    (data.goodwill as Record<string, unknown>).maxCredit = 20;
    try {
      parsePolicyPack(data, 'team.yaml');
      expect.unreachable('an invalid pack must not load');
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyPackError);
      const paths = (error as PolicyPackError).problems.map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'returns.windowDays',
          'goodwill.maxDiscountPercent',
          'shipping.carriers',
          'refunds.businessDays',
          'goodwill',
        ]),
      );
      expect((error as Error).message).toContain('team.yaml');
      expect((error as Error).message).toMatch(/returns\.windowDays: .*>0/);
    }
  });

  it('reports YAML syntax errors and missing files as pack errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pack-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'id: [unclosed\n');
    await expect(loadPolicyPack(bad)).rejects.toThrow(/\(yaml\)/);
    await expect(loadPolicyPack(join(dir, 'missing.yaml'))).rejects.toThrow(/\(file\)/);
  });

  it('lets a team change limits and severities', () => {
    const data = shipped();
    data.goodwill!.maxDiscountPercent = 40;
    data.rules = { 'competitor-mention': 'off', 'spam-trigger': 'block' };
    const checker = createPolicyChecker(parsePolicyPack(data));
    expect(checker.check('Here is 30% off your next order.').verdict).toBe('pass');
    expect(checker.check('You might find it on Amazon.').verdict).toBe('pass');
    expect(checker.check('ACT NOW!!').verdict).toBe('block');
  });
});

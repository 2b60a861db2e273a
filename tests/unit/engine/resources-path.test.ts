import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveResourcesDir } from '../../../src/main/resources-path';

const saved = process.env.TANDEM_RESOURCES_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.TANDEM_RESOURCES_DIR;
  else process.env.TANDEM_RESOURCES_DIR = saved;
});

describe('resolveResourcesDir', () => {
  it("finds the repository's resources folder from the module location", () => {
    delete process.env.TANDEM_RESOURCES_DIR;
    expect(resolveResourcesDir()).toBe(join(__dirname, '../../../resources'));
  });

  it('takes an explicit folder as is and rejects one without the data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-res-'));
    expect(() => resolveResourcesDir(dir)).toThrow(/No "intents" folder/);
    mkdirSync(join(dir, 'intents'));
    expect(resolveResourcesDir(dir)).toBe(dir);
  });

  it('honours TANDEM_RESOURCES_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-res-'));
    mkdirSync(join(dir, 'intents'));
    process.env.TANDEM_RESOURCES_DIR = dir;
    expect(resolveResourcesDir()).toBe(dir);
  });
});

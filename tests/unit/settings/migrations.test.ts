import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../../src/main/settings/migrations';

describe('settings migrations', () => {
  it('runs each step in order up to the target version', () => {
    const table = {
      0: (d: Record<string, unknown>) => ({ ...d, a: 1 }),
      1: (d: Record<string, unknown>) => ({ ...d, b: (d.a as number) + 1 }),
    };
    expect(migrateSettings({}, table, 2)).toEqual({
      kind: 'migrated',
      from: 0,
      data: { a: 1, b: 2, schemaVersion: 2 },
    });
    expect(migrateSettings({ schemaVersion: 2 }, table, 2)).toMatchObject({ kind: 'current' });
  });

  it('reports a missing step, a bad version and a newer file', () => {
    expect(migrateSettings({ schemaVersion: 1 }, {}, 2)).toEqual({
      kind: 'invalid',
      reason: 'no migration from version 1',
    });
    expect(migrateSettings({ schemaVersion: '1' }, {}, 2)).toMatchObject({ kind: 'invalid' });
    expect(migrateSettings({ schemaVersion: 3 }, {}, 2)).toEqual({ kind: 'newer', version: 3 });
    expect(migrateSettings(null, {}, 2)).toMatchObject({ kind: 'invalid' });
  });
});

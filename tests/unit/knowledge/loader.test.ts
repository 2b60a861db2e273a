import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INTENTS } from '../../../src/shared/domain/analysis';
import { formatMacroErrors, loadMacroLibrary, parseMacroFile } from '../../../src/main/knowledge';
import { MACROS_DIR } from '../suggest/fixtures';

const valid = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: Test\nlanguage: en\nintents: [order_status]\n${extra}---\nHi {{customer.firstName}},\n\nBody.\n\n— The Lumen & Loom team\n`;

describe('shipped macro library', () => {
  it('loads every file without errors and covers the whole taxonomy', async () => {
    const { macros, errors } = await loadMacroLibrary([MACROS_DIR]);
    expect(formatMacroErrors(errors)).toBe('');
    const en = macros.filter((m) => m.language === 'en');
    expect(en.length).toBeGreaterThanOrEqual(64);
    expect(macros.filter((m) => m.language === 'es').length).toBeGreaterThanOrEqual(8);
    expect(macros.filter((m) => m.language === 'de').length).toBeGreaterThanOrEqual(8);
    const primary = new Set(en.map((m) => m.intents[0]));
    for (const intent of DEFAULT_INTENTS) expect(primary, intent).toContain(intent);
    for (const intent of ['order_status', 'delivery_problem', 'return_or_exchange', 'refund']) {
      expect(en.filter((m) => m.intents[0] === intent).length, intent).toBeGreaterThanOrEqual(3);
    }
  });

  it('signs every English macro as the team and every translation belongs to an English group', async () => {
    const { macros } = await loadMacroLibrary([MACROS_DIR]);
    const groups = new Set(macros.filter((m) => m.language === 'en').map((m) => m.group));
    for (const m of macros) {
      if (m.language === 'en') expect(m.body.endsWith('— The Lumen & Loom team'), m.id).toBe(true);
      else {
        expect(groups, m.id).toContain(m.group);
        expect(m.body, m.id).toMatch(/— .*Lumen & Loom/);
      }
    }
  });
});

describe('macro files', () => {
  it('reports the file and the field of each problem', () => {
    const text =
      '---\nid: Bad Id\ntitle: ""\nlanguage: english\nintents: []\nintent: order_status\nwhen: { delivered: maybe }\n---\nHi {{order.numbr}}\n';
    const { macro, errors } = parseMacroFile(text, 'team/bad.md');
    expect(macro).toBeUndefined();
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['id', 'title', 'language', 'intents', 'when.delivered', 'body']),
    );
    expect(errors.every((e) => e.file === 'team/bad.md')).toBe(true);
    expect(errors.find((e) => e.path === 'body')?.message).toContain('{{order.numbr}}');
    expect(paths.some((p) => p === '(front matter)')).toBe(true); // the unknown key "intent"
  });

  it('rejects a file without front matter or with broken YAML', () => {
    expect(parseMacroFile('Just a body', 'a.md').errors[0]?.path).toBe('(front matter)');
    expect(parseMacroFile('---\nid: [x\n---\nbody', 'b.md').errors[0]?.message).toMatch(/invalid YAML/);
  });

  it('lets a team folder override a shipped id, skips bad files and flags duplicates', async () => {
    const root = await mkdtemp(join(tmpdir(), 'macros-'));
    const team = join(root, 'team');
    await mkdir(join(team, 'nested'), { recursive: true });
    await writeFile(
      join(team, 'override.md'),
      valid('order-status-shipped').replace('Body.', 'Team wording.'),
    );
    await writeFile(join(team, 'nested', 'new.md'), valid('team-special'));
    await writeFile(join(team, 'nested', 'dup.md'), valid('team-special'));
    await writeFile(join(team, 'broken.md'), '---\nid: x\n---\n');
    const { macros, errors } = await loadMacroLibrary([MACROS_DIR, team, join(root, 'missing')]);
    const shipped = macros.find((m) => m.id === 'order-status-shipped');
    expect(shipped?.body).toContain('Team wording.');
    expect(macros.filter((m) => m.id === 'team-special')).toHaveLength(1);
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['id', 'title', '(folder)']));
    expect(errors.find((e) => e.path === 'id')?.message).toMatch(/duplicate id "team-special"/);
  });
});

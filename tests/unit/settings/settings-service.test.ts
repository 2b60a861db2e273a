import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingNotifications } from '../../../src/main/ports/notifications';
import { createSettingsService, SETTINGS_FILE } from '../../../src/main/settings/settings-service';
import { defaultSettings } from '../../../src/shared/domain/settings';

const fixedNow = () => new Date('2026-11-24T14:03:05.123Z');

describe('settings service', () => {
  let dir: string;
  let path: string;
  let notifications: RecordingNotifications;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-settings-'));
    path = join(dir, SETTINGS_FILE);
    notifications = new RecordingNotifications();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const open = () => createSettingsService({ userDataDir: dir, notifications, now: fixedNow });

  it('starts from defaults without a file, and without a notice', async () => {
    const service = await open();
    expect(service.get()).toEqual(defaultSettings());
    expect(service.notices()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists an update atomically with the schema version and leaves no temp file', async () => {
    const service = await open();
    await service.update({ theme: 'dark', llm: { model: 'llama3' } });
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk).toMatchObject({
      schemaVersion: 1,
      theme: 'dark',
      llm: { model: 'llama3', temperature: 0.3 },
    });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    const reopened = await open();
    expect(reopened.get().llm.model).toBe('llama3');
    expect(reopened.get().llm.baseUrl).toBe('https://api.openai.com/v1');
  });

  it('rejects an update that breaks the schema and keeps the old value', async () => {
    const service = await open();
    await expect(service.update({ llm: { temperature: 5 } })).rejects.toMatchObject({
      code: 'invalid_payload',
    });
    expect(service.get().llm.temperature).toBe(0.3);
  });

  it('loses no update when patches race', async () => {
    const service = await open();
    const seen: string[] = [];
    service.onDidChange((s) => seen.push(s.theme));
    await Promise.all([
      service.update({ theme: 'dark' }),
      service.update({ role: 'supervisor' }),
      service.update({ llm: { model: 'm1' } }),
      service.update({ llm: { temperature: 1 } }),
      service.update({ window: { alwaysOnTop: true } }),
    ]);
    const expected = { theme: 'dark', role: 'supervisor', window: { alwaysOnTop: true } };
    expect(service.get()).toMatchObject({ ...expected, llm: { model: 'm1', temperature: 1 } });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      ...expected,
      llm: { model: 'm1', temperature: 1 },
    });
    expect(seen).toHaveLength(5);
  });

  it.each([
    ['empty', '', 'it was empty'],
    ['not JSON', '{"theme": "dark",', 'not valid JSON'],
    ['not an object', '[1,2,3]', 'does not hold a JSON object'],
  ])('moves a %s file aside, uses defaults and tells the user', async (_label, content, why) => {
    await writeFile(path, content);
    const service = await open();
    expect(service.get()).toEqual(defaultSettings());
    const aside = 'settings.corrupt-2026-11-24T14-03-05-123Z.json';
    expect((await readdir(dir)).sort()).toEqual([aside, SETTINGS_FILE].sort());
    expect(await readFile(join(dir, aside), 'utf8')).toBe(content);
    expect(service.notices()).toHaveLength(1);
    expect(service.notices()[0]?.message).toContain(why);
    expect(service.notices()[0]?.message).toContain(aside);
    expect(notifications.sent).toHaveLength(1);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(defaultSettings());
  });

  it('keeps valid sections of a partly invalid file and names the ones it reset', async () => {
    await writeFile(path, JSON.stringify({ schemaVersion: 1, theme: 'dark', llm: { temperature: 'hot' } }));
    const service = await open();
    expect(service.get().theme).toBe('dark');
    expect(service.get().llm).toEqual(defaultSettings().llm);
    expect(service.notices()[0]?.message).toMatch(/reset to their defaults \(llm\)/);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });

  it('migrates a pre-versioned (v0) file forward and writes it back', async () => {
    await writeFile(
      path,
      JSON.stringify({
        theme: 'light',
        apiBaseUrl: 'http://localhost:11434/v1',
        model: 'llama3.1',
        alwaysOnTop: true,
        watchClipboard: false,
        toggleShortcut: 'Alt+Space',
        somethingObsolete: 42,
      }),
    );
    const service = await open();
    expect(service.get()).toMatchObject({
      schemaVersion: 1,
      theme: 'light',
      llm: { baseUrl: 'http://localhost:11434/v1', model: 'llama3.1' },
      window: { alwaysOnTop: true },
      clipboard: { enabled: false, pollMs: 250 },
      shortcuts: { toggleWindow: 'Alt+Space', analyzeClipboard: 'CommandOrControl+Shift+A' },
    });
    expect(service.notices()).toEqual([]);
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk.schemaVersion).toBe(1);
    expect(onDisk).not.toHaveProperty('somethingObsolete');
  });

  it('does not overwrite a file from a newer version in place', async () => {
    await writeFile(path, JSON.stringify({ schemaVersion: 99, theme: 'dark' }));
    const service = await open();
    expect(service.get()).toEqual(defaultSettings());
    expect((await readdir(dir)).some((f) => f.startsWith('settings.newer-'))).toBe(true);
    expect(service.notices()[0]?.message).toContain('newer version of Tandem');
  });

  it('resets to defaults and announces it', async () => {
    const service = await open();
    await service.update({ theme: 'dark' });
    const changed = new Promise((r) => service.onDidChange(r));
    await service.reset();
    expect(await changed).toEqual(defaultSettings());
  });
});
